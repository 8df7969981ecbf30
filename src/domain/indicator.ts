// The page-wide status indicator (status.json / summary.json `status`), computed
// the way Statuspage computes it, with its wording, so clients that match on the
// indicator or the description keep working.
//
// Sources:
// - Atlassian, "Top-level status and incident impact calculations"
//   (support.atlassian.com/statuspage/docs/top-level-status-and-incident-impact-calculations):
//   the top-level status comes from the components alone; a page with no components
//   is operational unless an incident is active; the wording of a one-component page.
// - 46 real summary.json captures of 24 Statuspage pages, 2022–2026 (the saved ones are
//   src/services/import/fixtures/real/*-summary*.json, listed in SOURCES.md there and checked
//   one by one in indicator.captures.test.ts): a major-impact incident with one partial_outage
//   component reads minor / "Minor Service Outage" (githubstatus.com 2022, Bitbucket 2023,
//   status.claude.com 2026); one with a degraded component reads minor / "Partially Degraded
//   Service"; a minor incident whose component is under maintenance reads maintenance
//   (AnyDesk 2024); impact-none incidents with no components leave none; an in-progress
//   maintenance whose components stayed operational leaves none (Zoom); degraded beats
//   maintenance (Twilio 2023: 1 degraded and 5 under maintenance read minor).
// - status.snowflake.com's status.json (2021-06-30, captured in a public test suite):
//   critical is worded "Major System Outage".
// Not seen in any capture, so taken from the documentation's wording: a major_outage
// component (major / "Partial System Outage") and every component in major outage (critical).

import type { ComponentStatus, IncidentImpact, PageIndicator } from './statuses.js';

export const INDICATOR_DESCRIPTIONS = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
  /** minor, when the worst component is only slow. */
  degraded: 'Partially Degraded Service',
} as const satisfies Record<PageIndicator | 'degraded', string>;

export interface IndicatorInput {
  /** Impacts of the unresolved incidents; they count only on a page without components. */
  openIncidentImpacts: IncidentImpact[];
  /** Every component's status (groups are not components: their status derives from these). */
  componentStatuses: ComponentStatus[];
}

export interface Indicator {
  indicator: PageIndicator;
  description: string;
}

const of = (indicator: PageIndicator, description: string = INDICATOR_DESCRIPTIONS[indicator]): Indicator => ({ indicator, description });

/** A one-component page reads its component's status directly (Atlassian's table for that case). */
const SINGLE: Record<ComponentStatus, Indicator> = {
  operational: of('none'),
  under_maintenance: of('maintenance'),
  degraded_performance: of('minor', INDICATOR_DESCRIPTIONS.degraded),
  partial_outage: of('major'),
  major_outage: of('critical'),
};

const IMPACT_RANK: Record<IncidentImpact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

export function pageIndicator(input: IndicatorInput): Indicator {
  const statuses = input.componentStatuses;
  if (statuses.length === 0) return fromIncidents(input.openIncidentImpacts);
  if (statuses.length === 1) return SINGLE[statuses[0]!];
  if (statuses.every((s) => s === 'major_outage')) return of('critical');
  if (statuses.includes('major_outage')) return of('major');
  if (statuses.includes('partial_outage')) return of('minor');
  if (statuses.includes('degraded_performance')) return of('minor', INDICATOR_DESCRIPTIONS.degraded);
  if (statuses.includes('under_maintenance')) return of('maintenance');
  return of('none');
}

/** A page without components: the worst unresolved incident's impact, in the same words. */
function fromIncidents(impacts: IncidentImpact[]): Indicator {
  let worst: IncidentImpact = 'none';
  for (const impact of impacts) if (IMPACT_RANK[impact] > IMPACT_RANK[worst]) worst = impact;
  return of(worst);
}
