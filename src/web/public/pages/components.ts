// Components by group, each with its status and a 90-day uptime bar. Groups
// are <details> so they collapse without JavaScript; a group with a problem
// starts open. Each day of the bar is a focusable cell whose accessible name
// is also its visible tooltip (CSS shows attr(aria-label) on hover and focus),
// so the numbers are in the markup once and reachable by mouse and keyboard.
import { formatDuration } from '../../../domain/duration.js';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../../domain/statuses.js';
import { MS_PER_MINUTE } from '../../../domain/time.js';
import { uptimeOverPeriod, type DayUptime } from '../../../domain/uptime.js';
import type { PublicComponent, PublicModel } from '../../../services/public/model.js';
import { COMPONENT_STATUS_LABELS, formatDate } from './format.js';
import { html, type SafeHtml } from './html.js';

/** Hidden while operational when the operator asked for it (Statuspage's only_show_if_degraded). */
export function isShown(component: PublicComponent): boolean {
  return !(component.only_show_if_degraded && component.status === 'operational');
}

export function worstStatus(statuses: ComponentStatus[]): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}

const percent = (n: number) => `${Number(n.toFixed(2))}%`;

/** "Mar 30, 2021: 99.51% uptime, 1h 7m major outage, 23m partial outage". */
export function dayLabel(day: DayUptime): string {
  const date = formatDate(day.date);
  if (day.uptime === null) return `${date}: no data`;
  const outages: string[] = [];
  if (day.major_outage_minutes > 0) outages.push(`${formatDuration(day.major_outage_minutes * MS_PER_MINUTE)} major outage`);
  if (day.partial_outage_minutes > 0) outages.push(`${formatDuration(day.partial_outage_minutes * MS_PER_MINUTE)} partial outage`);
  return `${date}: ${percent(day.uptime)} uptime, ${outages.length > 0 ? outages.join(', ') : 'no outage'}`;
}

function dayClass(day: DayUptime): string {
  if (day.uptime === null) return 'd u-none';
  if (day.major_outage_minutes > 0) return 'd u-major';
  if (day.partial_outage_minutes > 0) return 'd u-partial';
  if (day.degraded_minutes > 0) return 'd u-degraded';
  return 'd';
}

export function uptimeBar(name: string, days: DayUptime[]): SafeHtml {
  const overall = uptimeOverPeriod(days);
  const cells = days.map((d) => html`<span class="${dayClass(d)}" tabindex="0" role="img" aria-label="${dayLabel(d)}"></span>`);
  return html`<div class="uptime">
<div class="bar" role="group" aria-label="${`Daily uptime of ${name}, last ${days.length} days`}">${cells}</div>
<p class="legend"><span aria-hidden="true"><span class="long">${days.length} days ago</span><span class="short">${Math.min(30, days.length)} days ago</span></span> <span>${overall === null ? 'No uptime data yet' : `${percent(overall)} uptime`}</span> <span aria-hidden="true">Today</span></p>
</div>`;
}

function componentItem(model: PublicModel, c: PublicComponent): SafeHtml {
  const days = model.uptime[c.id];
  return html`<li class="component">
<div class="row"><span class="name">${c.name}</span> <span class="status st-${c.status}">${COMPONENT_STATUS_LABELS[c.status]}</span></div>
${c.description ? html`<p class="desc">${c.description}</p>` : ''}
${c.showcase && days && days.length > 0 ? uptimeBar(c.name, days) : ''}
</li>`;
}

/**
 * Ungrouped components first, then each group — both in the model's display
 * order. A component whose group is unknown is shown ungrouped rather than lost.
 */
export function componentsList(model: PublicModel): SafeHtml {
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const groupIds = new Set(model.groups.map((g) => g.id));
  const ungrouped = model.components.filter((c) => (c.group_id === null || !groupIds.has(c.group_id)) && isShown(c));
  const groups = model.groups.flatMap((g) => {
    const members = g.component_ids.flatMap((id) => {
      const c = byId.get(id);
      return c && isShown(c) ? [c] : [];
    });
    if (members.length === 0) return [];
    const worst = worstStatus(members.map((m) => m.status));
    return [
      html`<li><details class="group"${worst === 'operational' ? '' : html` open`}>
<summary><span class="name">${g.name}</span> <span class="status st-${worst}">${COMPONENT_STATUS_LABELS[worst]}</span></summary>
${g.description ? html`<p class="desc group-desc">${g.description}</p>` : ''}
<ul class="components plain">${members.map((m) => componentItem(model, m))}</ul>
</details></li>`,
    ];
  });
  if (ungrouped.length === 0 && groups.length === 0) return html`<p class="muted">No components to show.</p>`;
  return html`<ul class="components plain">${ungrouped.map((c) => componentItem(model, c))}${groups}</ul>`;
}
