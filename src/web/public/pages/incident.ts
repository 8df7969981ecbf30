// `/incidents/{id}`: title, impact, the summary sentence, the published
// postmortem, every update newest first, and what the incident affected.
// Like Statuspage, the postmortem leads the page once published; its update
// (status `postmortem`, whose body is the same text) is not repeated below.
import { renderMarkdown } from '../markdown.js';
import type { PublicIncident, PublicModel } from '../../../services/public/model.js';
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS, timeTag } from './format.js';
import { html, trusted, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import { affectedNames, incidentSummary } from './summary.js';
import { postedLine, updatesList } from './updates.js';

function postmortemSection(incident: PublicIncident, timeZone: string): SafeHtml {
  const pm = incident.postmortem;
  if (!pm) return html``;
  const posted = incident.updates.find((u) => u.status === 'postmortem')?.display_at ?? pm.published_at;
  const sections = pm.sections.filter((s) => s.body.trim() !== '');
  return html`<section class="postmortem" aria-labelledby="postmortem">
<h2 id="postmortem">Postmortem</h2>
${sections.map(
    (s) => html`<section class="pm-section">${s.title.trim() ? html`<h3>${s.title}</h3>` : ''}<div class="body">${trusted(renderMarkdown(s.body))}</div></section>`,
  )}
${postedLine(posted, timeZone)}
</section>`;
}

export function renderIncident(model: PublicModel, incident: PublicIncident): string {
  const names = affectedNames(model, incident.component_ids);
  const tz = model.page.time_zone;
  const updates = incident.postmortem ? incident.updates.filter((u) => u.status !== 'postmortem') : incident.updates;
  const impact = incident.impact === 'none' ? 'No impact' : `${IMPACT_LABELS[incident.impact]} impact`;
  const main = html`<article class="incident impact-${incident.impact}">
<h1>${incident.name}</h1>
<p class="impact-label">${impact} · ${INCIDENT_STATUS_LABELS[incident.status]}</p>
<p class="summary">${incidentSummary(model, incident)}</p>
<p class="meta">Impact began ${timeTag(incident.started_at, tz)}${incident.resolved_at ? html`, resolved ${timeTag(incident.resolved_at, tz)}` : ''}</p>
${postmortemSection(incident, tz)}
<section aria-labelledby="updates"><h2 id="updates">Updates</h2>${updatesList(updates, INCIDENT_STATUS_LABELS, tz)}</section>
${names.length > 0 ? html`<p class="affected">This incident affected: ${names.join(', ')}.</p>` : ''}
</article>`;
  return layout(model, {
    title: incident.name,
    description: incidentSummary(model, incident),
    main,
  });
}
