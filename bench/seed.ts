// A realistic status page for the benchmarks: 30 components in 5 groups,
// 3 active incidents with 10 updates each, 200 resolved incidents spread over
// two years (each with its four updates) and one upcoming maintenance. Written
// through the services, with a manual clock so history has real dates.
import { ManualClock, type Clock } from '../src/lib/clock.js';
import { createComponentGroup } from '../src/services/component-groups/createComponentGroup.js';
import { createComponent } from '../src/services/components/createComponent.js';
import type { ServiceContext } from '../src/services/context.js';
import { createIncident } from '../src/services/incidents/createIncident.js';
import { createIncidentUpdate } from '../src/services/incidents/createIncidentUpdate.js';
import { createMaintenance } from '../src/services/maintenances/createMaintenance.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const GROUPS: Record<string, string[]> = {
  Website: ['Marketing site', 'Documentation', 'Blog', 'Status page', 'Community forum', 'Search'],
  'Public API': ['REST API', 'GraphQL API', 'Webhooks', 'Authentication', 'Rate limiting', 'SDK downloads'],
  Payments: ['Card payments', 'Bank transfers', 'Invoicing', 'Payouts', 'Fraud checks', 'Receipts'],
  Infrastructure: ['EU-West region', 'US-East region', 'AP-South region', 'DNS', 'CDN', 'Object storage'],
  Integrations: ['Slack', 'GitHub', 'PagerDuty', 'Jira', 'Zapier', 'Email delivery'],
};

const IMPACTS = ['minor', 'major', 'critical', 'minor', 'none'] as const;
const ACTIVE_STATUSES = ['investigating', 'identified', 'monitoring'] as const;

function paragraph(i: number): string {
  return (
    `We are seeing **elevated error rates** for some requests (ticket #${1000 + i}). ` +
    'Our engineers are working on it; see the [runbook](https://example.com/runbook) for details. ' +
    'Requests that failed can be retried safely.'
  );
}

export interface SeededPage {
  activeIncidentIds: string[];
  componentIds: string[];
}

/** `now` is the real time the server will run at: nothing is dated after it. */
export async function seedRealisticPage(db: ServiceContext['db'], now: Date): Promise<SeededPage> {
  const clock = new ManualClock(new Date(now.getTime() - 730 * DAY));
  const ctx = (c: Clock): ServiceContext => ({ db, clock: c, actor: { type: 'cli', id: null, name: 'bench seed' } });

  const componentIds: string[] = [];
  for (const [groupName, names] of Object.entries(GROUPS)) {
    const ids: string[] = [];
    for (const name of names) {
      const c = await createComponent(ctx(clock), { name, description: `${name} (${groupName.toLowerCase()})` });
      ids.push(c.id);
    }
    await createComponentGroup(ctx(clock), { name: groupName, components: ids });
    componentIds.push(...ids);
  }

  // 200 resolved incidents, evenly spread over the two years before the active ones.
  const first = now.getTime() - 720 * DAY;
  const step = (718 * DAY) / 200;
  for (let i = 0; i < 200; i++) {
    clock.set(new Date(first + i * step));
    const affected = [componentIds[i % 30]!, componentIds[(i * 7 + 3) % 30]!];
    const incident = await createIncident(ctx(clock), {
      name: `Degraded performance of ${i % 2 ? 'API requests' : 'the dashboard'} (#${i + 1})`,
      impact: IMPACTS[i % IMPACTS.length],
      body: paragraph(i),
      components: { [affected[0]!]: i % 3 === 0 ? 'major_outage' : 'partial_outage', [affected[1]!]: 'degraded_performance' },
    });
    for (const [minutes, status, text] of [
      [20, 'identified', 'The cause has been identified: a configuration change rolled out to one region.'],
      [50, 'monitoring', 'A fix has been deployed and we are monitoring the results.'],
      [90, 'resolved', 'This incident has been resolved. We will publish a write-up.'],
    ] as const) {
      clock.set(new Date(first + i * step + minutes * MINUTE));
      await createIncidentUpdate(ctx(clock), incident.id, { status, body: text });
    }
  }

  // Three active incidents, each with ten updates five minutes apart, the last ones a few minutes ago.
  const activeIncidentIds: string[] = [];
  for (let k = 0; k < 3; k++) {
    const start = now.getTime() - (3 - k) * 60 * MINUTE - 55 * MINUTE;
    clock.set(new Date(start));
    const incident = await createIncident(ctx(clock), {
      name: ['Card payments failing in EU-West', 'Webhook deliveries delayed', 'Elevated latency on the REST API'][k]!,
      impact: (['critical', 'major', 'minor'] as const)[k],
      body: paragraph(1000 + k),
      components: { [componentIds[12 + k]!]: 'major_outage', [componentIds[18 + k]!]: 'partial_outage' },
    });
    for (let u = 1; u < 10; u++) {
      clock.set(new Date(start + u * 5 * MINUTE));
      await createIncidentUpdate(ctx(clock), incident.id, { status: ACTIVE_STATUSES[u % 3], body: `Update ${u + 1}: ${paragraph(2000 + u)}` });
    }
    activeIncidentIds.push(incident.id);
  }

  clock.set(new Date(now.getTime() - MINUTE));
  await createMaintenance(ctx(clock), {
    name: 'Database upgrade',
    body: 'We will upgrade the primary database cluster. Payments may be slow for a few minutes.',
    scheduled_for: new Date(now.getTime() + 2 * DAY).toISOString(),
    scheduled_until: new Date(now.getTime() + 2 * DAY + 2 * 60 * MINUTE).toISOString(),
    component_ids: componentIds.slice(12, 18),
  });
  return { activeIncidentIds, componentIds };
}
