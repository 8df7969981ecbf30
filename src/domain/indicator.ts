// The page-wide status indicator (status.json / summary.json `status`), with
// Statuspage's wording so clients matching on descriptions keep working.

import type { ComponentStatus, IncidentImpact, PageIndicator } from './statuses.js';

/** One description per indicator, plus `degraded` (a minor indicator caused only by slow components). */
export const INDICATOR_DESCRIPTIONS = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
  maintenance: 'Service Under Maintenance',
  degraded: 'Partially Degraded Service',
} as const satisfies Record<PageIndicator | 'degraded', string>;

export interface IndicatorInput {
  openIncidentImpacts: IncidentImpact[];
  componentStatuses: ComponentStatus[];
  maintenanceInProgress: boolean;
}

type Level = 'none' | 'minor' | 'major' | 'critical';
interface Candidate {
  indicator: Level;
  description: string;
}

const RANK: Record<Level, number> = { none: 0, minor: 1, major: 2, critical: 3 };

const FROM_COMPONENT: Record<ComponentStatus, Candidate | null> = {
  operational: null,
  under_maintenance: null,
  degraded_performance: { indicator: 'minor', description: INDICATOR_DESCRIPTIONS.degraded },
  partial_outage: { indicator: 'minor', description: INDICATOR_DESCRIPTIONS.minor },
  major_outage: { indicator: 'major', description: INDICATOR_DESCRIPTIONS.major },
};

export function pageIndicator(input: IndicatorInput): { indicator: PageIndicator; description: string } {
  // Candidates in order of preference: on equal levels the earlier one wins,
  // so incidents come first, then components from worst status down.
  const candidates: Candidate[] = [];
  for (const impact of input.openIncidentImpacts) {
    if (impact !== 'none') candidates.push({ indicator: impact, description: INDICATOR_DESCRIPTIONS[impact] });
  }
  const counted = input.componentStatuses.filter((s) => s !== 'under_maintenance');
  if (counted.length > 0 && counted.every((s) => s === 'major_outage')) {
    candidates.push({ indicator: 'critical', description: INDICATOR_DESCRIPTIONS.critical });
  }
  for (const status of ['major_outage', 'partial_outage', 'degraded_performance'] as const) {
    const c = FROM_COMPONENT[status];
    if (c && input.componentStatuses.includes(status)) candidates.push(c);
  }

  let best: Candidate | null = null;
  for (const c of candidates) if (!best || RANK[c.indicator] > RANK[best.indicator]) best = c;
  if (best) return { indicator: best.indicator, description: best.description };

  if (input.maintenanceInProgress || input.componentStatuses.includes('under_maintenance')) {
    return { indicator: 'maintenance', description: INDICATOR_DESCRIPTIONS.maintenance };
  }
  return { indicator: 'none', description: INDICATOR_DESCRIPTIONS.none };
}
