// Small text helpers the renderers share: cutting to a receiver's limit without
// splitting a character, times in the page's zone, labels for statuses.
import { zonedTime } from '../../domain/zoned-time.js';

/** `text` cut to at most `max` UTF-16 units with "…" when cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** "Dec 3, 2026 17:35 UTC" in the page's zone; an unreadable time is shown as given. */
export function formatTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const t = zonedTime(ms, timeZone);
  return `${MONTHS[t.month - 1]} ${t.day}, ${t.year} ${two(t.hour)}:${two(t.minute)} ${t.zone}`;
}

/** "partial_outage" → "Partial outage", "in_progress" → "In progress". */
export function statusLabel(status: string): string {
  const words = status.replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : words;
}

export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
