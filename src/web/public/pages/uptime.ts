// The 90-day uptime bar of a component. One focusable element per bar whose
// accessible name summarises the period (the overall figure and every day
// with an outage), shown as a tooltip on keyboard focus. Each day is a bare
// <i> coloured by its class; hovering it shows its date and figures through
// CSS: the date comes from a custom property set once per page for each
// position (`uptimeCalendarCss`), the figures from the class, and only days
// that need more words carry them (data-t). So a page of 30 bars stays small.
import { formatDuration } from '../../../domain/duration.js';
import { MS_PER_MINUTE } from '../../../domain/time.js';
import { uptimeOverPeriod, type DayUptime } from '../../../domain/uptime.js';
import { escapeHtml } from '../markdown.js';
import { formatDate } from './format.js';
import { html, trusted, type SafeHtml } from './html.js';

/** Uptime is counted per UTC day, so its dates are UTC dates whatever the page's zone. */
const formatDay = (date: string) => formatDate(date, 'UTC');

/** What a day with full uptime and no incident says (the CSS default for a plain cell). */
export const PLAIN_DAY = '100% uptime, no outage';
/** What a day without history says (the CSS default for a `u-none` cell). */
export const NO_DATA_DAY = 'no data';

const percent = (n: number) => `${Number(n.toFixed(2))}%`;

/** "98.06% uptime, 7m major outage, 1h 10m partial outage" (without the date). */
export function dayFigures(day: DayUptime): string {
  if (day.uptime === null) return NO_DATA_DAY;
  const parts: string[] = [];
  if (day.major_outage_minutes > 0) parts.push(`${formatDuration(day.major_outage_minutes * MS_PER_MINUTE)} major outage`);
  if (day.partial_outage_minutes > 0) parts.push(`${formatDuration(day.partial_outage_minutes * MS_PER_MINUTE)} partial outage`);
  if (day.degraded_minutes > 0) parts.push(`${formatDuration(day.degraded_minutes * MS_PER_MINUTE)} degraded performance`);
  if (parts.length === 0) return PLAIN_DAY;
  if (day.major_outage_minutes === 0 && day.partial_outage_minutes === 0) parts.unshift('no outage');
  return `${percent(day.uptime)} uptime, ${parts.join(', ')}`;
}

/** "Mar 30, 2021: 99.51% uptime, 1h 7m major outage, 23m partial outage". */
export function dayLabel(day: DayUptime): string {
  return `${formatDay(day.date)}: ${dayFigures(day)}`;
}

function dayClass(day: DayUptime): string {
  if (day.uptime === null) return 'u-none';
  if (day.major_outage_minutes > 0) return 'u-major';
  if (day.partial_outage_minutes > 0) return 'u-partial';
  if (day.degraded_minutes > 0) return 'u-degraded';
  return '';
}

/** The dates every bar on a page shares, oldest first: those of the longest one. */
export function pageCalendar(bars: readonly (readonly DayUptime[])[]): string[] {
  let longest: readonly DayUptime[] = [];
  for (const days of bars) if (days.length > longest.length) longest = days;
  return longest.map((d) => d.date);
}

/** `--d` for each position of a bar: the date a cell shows on hover. Built from formatted dates only (no user text). */
export function uptimeCalendarCss(calendar: readonly string[]): string {
  return calendar.map((date, i) => `.bar>:nth-child(${i + 1}){--d:"${formatDay(date)}"}`).join('');
}

/** The accessible summary: the period's figure, then every day that was not a plain one. */
export function barSummary(name: string, days: readonly DayUptime[]): string {
  const overall = uptimeOverPeriod([...days]);
  const head = `Daily uptime of ${name}, last ${days.length} days`;
  if (overall === null) return `${head}: no uptime data yet.`;
  const firstData = days.findIndex((d) => d.uptime !== null);
  const noData = days.filter((d) => d.uptime === null).length;
  const notable = days.filter((d) => d.uptime !== null && dayFigures(d) !== PLAIN_DAY).map(dayLabel);
  const sentences = [`${head}: ${percent(overall)} uptime.`];
  sentences.push(...notable.map((label) => `${label}.`));
  sentences.push(notable.length > 0 ? 'No outage on the other days.' : 'No outage on any day.');
  if (noData > 0) {
    sentences.push(noData === firstData ? `No data before ${formatDay(days[firstData]!.date)}.` : `No data on ${noData} of the days.`);
  }
  return sentences.join(' ');
}

/**
 * The bar's markup. Cells at the calendar's positions get their date from the page's CSS; a bar
 * whose days are not the calendar's (it should not happen: every bar ends today) spells out
 * every day instead.
 */
export function uptimeBar(name: string, days: readonly DayUptime[], calendar: readonly string[]): SafeHtml {
  const overall = uptimeOverPeriod([...days]);
  const dated = days.length === calendar.length && days.every((d, i) => d.date === calendar[i]);
  let cells = '';
  for (const day of days) {
    const cls = dayClass(day);
    const figures = dayFigures(day);
    const implied = dated && (figures === PLAIN_DAY || figures === NO_DATA_DAY);
    // Plain concatenation: 2,700 cells on a large page, each as small as it can be.
    cells += `<i${cls ? ` class="${cls}"` : ''}${implied ? '' : ` data-t="${escapeHtml(`${formatDay(day.date)}: ${figures}`)}"`}></i>`;
  }
  return html`<div class="uptime">
<div class="bar" tabindex="0" role="img" aria-label="${barSummary(name, days)}">${trusted(cells)}</div>
<p class="legend"><span aria-hidden="true"><span class="long">${days.length} days ago</span><span class="short">${Math.min(30, days.length)} days ago</span></span> <span>${overall === null ? 'No uptime data yet' : `${percent(overall)} uptime`}</span> <span aria-hidden="true">Today</span></p>
</div>`;
}
