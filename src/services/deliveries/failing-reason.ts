// The reason a failing webhook was turned off, shown in the API and told to its owner.
export function failingReason(since: string, days: number): string {
  return `every delivery failed since ${since} (more than ${days} day${days === 1 ? '' : 's'})`;
}
