// Incident lifecycle rules. Status may move in any order (seed 000 goes back
// from identified to investigating); only the timestamps follow from the move.

import { isIncidentOpen, type ComponentStatus, type IncidentImpact, type IncidentStatus } from './statuses.js';

export interface IncidentLifecycle {
  status: IncidentStatus;
  monitoring_at: string | null;
  resolved_at: string | null;
}

/** Closed (resolved/postmortem) → open status. */
export function isReopen(from: IncidentStatus, to: IncidentStatus): boolean {
  return !isIncidentOpen(from) && isIncidentOpen(to);
}

/**
 * The lifecycle after moving to `next` at `at`. monitoring_at is kept on reopen:
 * it records the last time monitoring began and is overwritten on the next entry.
 */
export function applyIncidentStatus(current: IncidentLifecycle, next: IncidentStatus, at: string): IncidentLifecycle {
  if (current.status === next) return current;
  const result: IncidentLifecycle = { ...current, status: next };
  if (next === 'monitoring') result.monitoring_at = at;
  if (isReopen(current.status, next)) {
    result.resolved_at = null;
  } else if (next === 'resolved' && isIncidentOpen(current.status)) {
    result.resolved_at = at;
  } else if (!isIncidentOpen(next) && result.resolved_at === null) {
    // postmortem (or resolved ← postmortem) keeps the original resolution time.
    result.resolved_at = at;
  }
  return result;
}

const IMPACT_OF_COMPONENT: Record<ComponentStatus, IncidentImpact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

const IMPACT_RANK: Record<IncidentImpact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

/** Statuspage's suggested impact for a set of affected component statuses: the worst wins. */
export function impactFromComponentStatuses(statuses: ComponentStatus[]): IncidentImpact {
  let worst: IncidentImpact = 'none';
  for (const s of statuses) {
    const impact = IMPACT_OF_COMPONENT[s];
    if (IMPACT_RANK[impact] > IMPACT_RANK[worst]) worst = impact;
  }
  return worst;
}
