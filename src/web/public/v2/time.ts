// Timestamps as Statuspage writes them: ISO-8601 with milliseconds, in the
// page's time zone, with that instant's offset — "2022-02-15T13:37:37.407-08:00"
// on a page set to America/Tijuana, and "Z" on an Etc/UTC page
// ("2024-09-16T22:08:39.333Z", githubstatus.com). Rails prints "Z" only when
// the zone's abbreviation is UTC, so Europe/London in winter is "+00:00".
// Vigil stores UTC; writing the page's zone back makes an imported page's
// documents round-trip byte for byte.

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']);
/** What Vigil stores (Date#toISOString), already Statuspage's UTC form. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

// Zone offsets change only on quarter-hour boundaries (DST rules switch at
// :00 or :30 local time), so one Intl lookup per zone and quarter hour serves
// every timestamp in it; Intl is the slow part of a rebuild otherwise.
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 100_000;

function offsetFormatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    } catch {
      f = null; // an unknown zone (settings validate it, so only from a hand-edited database): fall back to UTC
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes east of UTC that `timeZone` is at the instant `ms`. */
function offsetMinutes(ms: number, timeZone: string, formatter: Intl.DateTimeFormat): number {
  const key = `${timeZone}@${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= OFFSET_CACHE_LIMIT) offsets.clear();
    offset = lookUpOffset(ms, formatter);
    offsets.set(key, offset);
  }
  return offset;
}

function lookUpOffset(ms: number, formatter: Intl.DateTimeFormat): number {
  const name = formatter.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):?(\d{2})?$/.exec(name);
  if (!m) return 0; // "GMT": zero offset
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

export function statuspageTime(iso: string, timeZone: string): string {
  const utc = UTC_ZONES.has(timeZone);
  if (utc && CANONICAL_UTC.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const formatter = utc ? null : offsetFormatter(timeZone);
  if (!formatter) return new Date(ms).toISOString();
  const offset = offsetMinutes(ms, timeZone, formatter);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Same, passing null through. */
export function statuspageTimeOrNull(iso: string | null, timeZone: string): string | null {
  return iso === null ? null : statuspageTime(iso, timeZone);
}
