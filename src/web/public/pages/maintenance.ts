// `/maintenances/{id}`: the window, the status, every update newest first,
// and the components it puts under maintenance.
import type { PublicMaintenance, PublicModel } from '../../../services/public/model.js';
import { MAINTENANCE_STATUS_LABELS, timeTag } from './format.js';
import { html } from './html.js';
import { maintenanceWindow } from './home.js';
import { layout } from './layout.js';
import { affectedNames } from './summary.js';
import { updatesList } from './updates.js';

export function renderMaintenance(model: PublicModel, m: PublicMaintenance): string {
  const names = affectedNames(model, m.component_ids);
  const done = m.status === 'completed';
  const tz = model.page.time_zone;
  const main = html`<article class="maintenance-page">
<h1>${m.name}</h1>
<p class="impact-label">Scheduled maintenance · ${MAINTENANCE_STATUS_LABELS[m.status]}</p>
<p class="summary">Scheduled for ${maintenanceWindow(m, tz)}.</p>
${m.started_at || m.completed_at
    ? html`<p class="meta">${m.started_at ? html`Started ${timeTag(m.started_at, tz)}` : ''}${m.started_at && m.completed_at ? ', ' : ''}${m.completed_at ? html`completed ${timeTag(m.completed_at, tz)}` : ''}</p>`
    : ''}
<section aria-labelledby="updates"><h2 id="updates">Updates</h2>${updatesList(m.updates, MAINTENANCE_STATUS_LABELS, tz)}</section>
${names.length > 0 ? html`<p class="affected">${done ? 'This maintenance affected' : 'This maintenance affects'}: ${names.join(', ')}.</p>` : ''}
</article>`;
  return layout(model, { title: m.name, main });
}
