// XML text and dates as the two feed formats want them.
import { toEpochMs } from '../../../domain/time.js';

/** Escapes text for an XML element or attribute (the feeds' HTML content is carried escaped). */
export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids outright would make the whole feed unparseable: drop them.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return clean.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Atom's RFC 3339 form, to the second as Statuspage writes it: 2024-06-18T18:09:43Z. */
export function atomDate(iso: string): string {
  return new Date(toEpochMs(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RSS 2.0's RFC 822 date: Tue, 16 Jan 2024 12:00:00 +0000. */
export function rssDate(iso: string): string {
  const d = new Date(toEpochMs(iso));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
