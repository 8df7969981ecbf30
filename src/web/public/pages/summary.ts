// The one-sentence summary at the top of an incident page, as status pages
// write it: "Acme experienced a critical incident on Mar 30, 2021 affecting
// API and Billing, lasting 2h 49m." / "Acme is experiencing …, ongoing for 47m."
import { isIncidentOpen } from '../../../domain/statuses.js';
import type { PublicIncident, PublicModel } from '../../../services/public/model.js';
import { formatDate, incidentDuration, joinNames } from './format.js';

/** Names of the incident's affected components that are still on the page, in page order. */
export function affectedNames(model: PublicModel, componentIds: string[]): string[] {
  const byId = new Map(model.components.map((c) => [c.id, c.name]));
  return componentIds.flatMap((id) => {
    const name = byId.get(id);
    return name === undefined ? [] : [name];
  });
}

export function incidentSummary(model: PublicModel, incident: PublicIncident): string {
  const names = affectedNames(model, incident.component_ids);
  // "a none incident" reads wrong: an impact-free incident is just "an incident".
  const kind = incident.impact === 'none' ? 'an incident' : `a ${incident.impact} incident`;
  const affecting = names.length > 0 ? ` affecting ${joinNames(names)}` : '';
  const duration = incidentDuration(incident, model.generated_at);
  if (isIncidentOpen(incident.status)) {
    return `${model.page.name} is experiencing ${kind}${affecting}, ongoing for ${duration}.`;
  }
  return `${model.page.name} experienced ${kind} on ${formatDate(incident.started_at, model.page.time_zone)}${affecting}, lasting ${duration}.`;
}
