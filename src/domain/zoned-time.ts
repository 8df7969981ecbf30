// Wall-clock time in a page's time zone, the way Statuspage writes it: the
// local date and time plus the zone's abbreviation for that instant ("GMT" in
// a London winter, "BST" in its summer; "PST"/"PDT" in Los Angeles). Stored
// timestamps stay UTC; this is only how they read. Pure: Intl only, no clock.

export interface ZonedTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** "UTC", "GMT", "BST", "PDT", "CET", or "UTC+5:45" where the zone has no abbreviation. */
  zone: string;
}

/**
 * Intl only names a zone with letters in locales that use it: en-US knows PST
 * but calls London's summer "GMT+1"; en-GB knows BST and CET. Statuspage shows
 * the abbreviation, so the first of these English locales that has one wins.
 * A zone none of them names (Asia/Tokyo, America/Sao_Paulo; tz data itself
 * says "+09") is shown by its offset as "UTC+9", never as a made-up name.
 */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IE', 'en-IN', 'en-AU', 'en-NZ', 'en-CA', 'en-ZA', 'en-SG', 'en-HK', 'en-AE'];

const OFFSET_NAME = /^GMT([+-]\d{1,2}(?::\d{2})?)?$/;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, timeZone: string, parts: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${parts}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      parts
        ? { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23', timeZoneName: 'short' }
        : { timeZone, timeZoneName: 'short' },
    );
    formats.set(key, f);
  }
  return f;
}

const validZones = new Map<string, string>();

/** The zone itself when Intl knows it, else UTC (a page must render even with a bad setting). */
export function usableTimeZone(timeZone: string): string {
  let zone = validZones.get(timeZone);
  if (zone === undefined) {
    try {
      format('en-US', timeZone, false);
      zone = timeZone;
    } catch {
      zone = 'UTC';
    }
    validZones.set(timeZone, zone);
  }
  return zone;
}

// Keyed by zone and en-US's name for the instant, which changes exactly when the offset does.
const abbreviations = new Map<string, string>();

function abbreviate(epochMs: number, timeZone: string, usName: string): string {
  if (usName === 'UTC' || !OFFSET_NAME.test(usName) || usName === 'GMT') return usName;
  const key = `${timeZone}|${usName}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    name = ABBREVIATION_LOCALES.slice(1)
      .map((locale) => zoneNameOf(format(locale, timeZone, false).formatToParts(epochMs)))
      .find((n) => !OFFSET_NAME.test(n));
    // "GMT+5:45" → "UTC+5:45"; "GMT+0" is just UTC.
    name ??= usName === 'GMT+0' || usName === 'GMT-0' ? 'UTC' : usName.replace(/^GMT/, 'UTC');
    abbreviations.set(key, name);
  }
  return name;
}

function zoneNameOf(parts: Intl.DateTimeFormatPart[]): string {
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
}

/** The wall-clock reading of `epochMs` in `timeZone` (an IANA name; unknown names read as UTC). */
export function zonedTime(epochMs: number, timeZone: string): ZonedTime {
  const zone = usableTimeZone(timeZone);
  const parts = format('en-US', zone, true).formatToParts(epochMs);
  const num = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    hour: num('hour'),
    minute: num('minute'),
    zone: abbreviate(epochMs, zone, zoneNameOf(parts)),
  };
}
