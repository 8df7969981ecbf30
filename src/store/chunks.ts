// `IN (…)` lists whose length the caller does not bound (every update of an
// incident, every component an incident touched) are run in chunks: SQLite
// refuses a statement with more than 32,766 variables, PostgreSQL 65,535.

/** Ids per statement, well under both limits even with a few other variables. */
export const IN_LIST_CHUNK = 500;

/** Runs `query` once per chunk of distinct `ids` and concatenates the rows (order within a chunk is the query's). */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length <= IN_LIST_CHUNK) return unique.length === 0 ? [] : query(unique);
  const rows: T[] = [];
  for (let i = 0; i < unique.length; i += IN_LIST_CHUNK) rows.push(...(await query(unique.slice(i, i + IN_LIST_CHUNK))));
  return rows;
}
