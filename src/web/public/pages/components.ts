// Components by group, each with its status and a 90-day uptime bar
// (uptime.ts). Groups are <details> so they collapse without JavaScript; a
// group with a problem starts open.
import { COMPONENT_STATUSES, type ComponentStatus } from '../../../domain/statuses.js';
import type { PublicComponent, PublicModel } from '../../../services/public/model.js';
import { COMPONENT_STATUS_LABELS } from './format.js';
import { html, type SafeHtml } from './html.js';
import { pageCalendar, uptimeBar } from './uptime.js';

/** Hidden while operational when the operator asked for it (Statuspage's only_show_if_degraded). */
export function isShown(component: PublicComponent): boolean {
  return !(component.only_show_if_degraded && component.status === 'operational');
}

export function worstStatus(statuses: ComponentStatus[]): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}

function componentItem(model: PublicModel, c: PublicComponent, calendar: readonly string[]): SafeHtml {
  const days = model.uptime[c.id];
  return html`<li class="component">
<div class="row"><span class="name">${c.name}</span> <span class="status st-${c.status}">${COMPONENT_STATUS_LABELS[c.status]}</span></div>
${c.description ? html`<p class="desc">${c.description}</p>` : ''}
${c.showcase && days && days.length > 0 ? uptimeBar(c.name, days, calendar) : ''}
</li>`;
}

/**
 * Ungrouped components first, then each group — both in the model's display
 * order. A component whose group is unknown is shown ungrouped rather than lost.
 * `calendar` is uptimeCalendar(model); the page must carry uptimeCalendarCss of it.
 */
export function componentsList(model: PublicModel, calendar: readonly string[]): SafeHtml {
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
<ul class="components plain">${members.map((m) => componentItem(model, m, calendar))}</ul>
</details></li>`,
    ];
  });
  if (ungrouped.length === 0 && groups.length === 0) return html`<p class="muted">No components to show.</p>`;
  return html`<ul class="components plain">${ungrouped.map((c) => componentItem(model, c, calendar))}${groups}</ul>`;
}

/** The dates shared by the page's uptime bars (see uptimeCalendarCss). */
export function uptimeCalendar(model: PublicModel): string[] {
  return pageCalendar(model.components.filter((c) => c.showcase && isShown(c)).map((c) => model.uptime[c.id] ?? []));
}
