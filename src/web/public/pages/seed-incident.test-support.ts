// Test support: seed 000 as a fixture: BlueFox Host's critical incident on Mar 30, 2021 —
// impact from 07:05, first post 07:38, resolved 09:54 ("lasting 2h 49m"), a
// status that goes back from identified to investigating, and a postmortem.
import type { IncidentStatus } from '../../../domain/statuses.js';
import type { PublicUpdate } from '../../../services/public/model.js';
import { fxComponent, fxIncident, fxModel, fxUpdate } from './fixtures.test-support.js';

/** Seed 000's updates as posted: status, UTC time on Mar 30, 2021, text. */
export const SEED_000_TIMELINE: [IncidentStatus, string, string][] = [
  ['investigating', '07:38', 'We are currently investigating this issue.'],
  ['investigating', '07:39', 'We are continuing to investigate this issue.'],
  ['investigating', '07:40', 'An outage on bh008 has caused the downtime we are experiencing, we are working on discovering the root cause.'],
  ['identified', '07:47', 'This appears to be related to the data center the service is in.'],
  ['identified', '09:01', 'We are still waiting for the provider to contact us.'],
  ['investigating', '09:20', 'We have misidentified the cause of this issue and are investigating.'],
  ['identified', '09:21', 'We have identified the cause of the issue'],
  ['monitoring', '09:48', 'A fix has been implemented and we are monitoring the results.'],
  ['resolved', '09:54', 'This incident has been resolved.'],
];

export function seedIncidentModel() {
  const api = fxComponent({ name: 'Pterodactyl API', position: 0 });
  const billing = fxComponent({ name: 'Billing API', position: 1 });
  const panel = fxComponent({ name: 'Control Panel', position: 2 });
  const postmortemBody = '#### Leadup\n\nAn engineer made a typo while modifying a cronjob.\n\n#### Fault\n\nTeleport was not functioning on bh008.';
  const updates: PublicUpdate<IncidentStatus>[] = [
    fxUpdate('postmortem', postmortemBody, '2021-03-31T23:52:00.000Z'),
    ...SEED_000_TIMELINE.map(([status, hhmm, body]) => fxUpdate(status, body, `2021-03-30T${hhmm}:00.000Z`)).reverse(),
  ];
  const incident = fxIncident({
    name: 'Pterodactyl API and Billing API outage',
    impact: 'critical',
    status: 'postmortem',
    started_at: '2021-03-30T07:05:00.000Z',
    created_at: '2021-03-30T07:38:00.000Z',
    monitoring_at: '2021-03-30T09:48:00.000Z',
    resolved_at: '2021-03-30T09:54:00.000Z',
    component_ids: [api.id, billing.id],
    updates,
    postmortem: {
      published_at: '2021-03-31T23:52:00.000Z',
      sections: [
        { key: 'leadup', title: 'Leadup', body: 'An engineer made a typo while modifying a cronjob.' },
        { key: 'fault', title: 'Fault', body: 'Teleport was not functioning on bh008.' },
        { key: 'detection', title: 'Detection', body: '' },
        { key: 'root-causes', title: 'Root causes', body: '* A bad cronjob was configured\n* The crontab was invalid' },
      ],
    },
  });
  return { model: fxModel({ components: [api, billing, panel], incidents: [incident] }), incident, api, billing, panel };
}
