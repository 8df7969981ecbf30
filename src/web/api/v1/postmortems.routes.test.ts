import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { incidentSteps } from '../../../test/incident-steps.test-support.js';

const STANDARD_KEYS = ['leadup', 'fault', 'detection', 'root-causes', 'mitigation-and-resolution', 'lessons-learnt'];

for (const dialect of DIALECTS) {
  describe(`postmortems API on ${dialect}`, () => {
    const clock = new ManualClock('2021-03-30T10:00:00.000Z');
    const api = useTestApi(dialect, { clock });

    /** A resolved incident like seed 000's: impact 07:05–09:54. */
    async function resolvedIncident(name = 'bh008 outage') {
      const inc = await api.request('POST', '/api/v1/incidents', {
        body: { name, started_at: '2021-03-30T07:05:00Z', display_at: '2021-03-30T07:38:00Z', body: 'Investigating.' },
      });
      assert.equal(inc.status, 201);
      const res = await api.request('POST', `/api/v1/incidents/${inc.body.id}/updates`, {
        body: { status: 'resolved', body: 'This incident has been resolved.', display_at: '2021-03-30T09:54:00Z' },
      });
      assert.equal(res.status, 201);
      return inc.body.id as string;
    }
    const pm = (id: string) => `/api/v1/incidents/${id}/postmortem`;
    const { get } = incidentSteps(api, clock);

    test('seed 000: a standard postmortem, published as a postmortem update, then unpublished', async () => {
      const id = await resolvedIncident();
      assert.equal((await api.request('GET', pm(id))).status, 404);

      const draft = await api.request('PUT', pm(id), { body: { template: 'standard' } });
      assert.equal(draft.status, 200, JSON.stringify(draft.body));
      assert.deepEqual(draft.body, {
        incident_id: id,
        template: 'standard',
        sections: draft.body.sections,
        published_at: null,
        created_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
      });
      assert.deepEqual(draft.body.sections.map((s: { key: string }) => s.key), STANDARD_KEYS);
      assert.deepEqual(draft.body.sections[0], { key: 'leadup', title: 'Leadup', body: '' });

      const written = draft.body.sections.map((s: { key: string; title: string }) => ({
        key: s.key,
        title: s.title,
        body: s.key === 'leadup' ? '* An engineer made a typo while modifying a cronjob' : s.key === 'fault' ? '* Teleport was not functioning on bh008' : '',
      }));
      clock.set('2021-03-31T23:52:00.000Z');
      const saved = await api.request('PUT', pm(id), { body: { template: 'standard', sections: written } });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.created_at, draft.body.created_at);
      assert.equal(saved.body.updated_at, '2021-03-31T23:52:00.000Z');
      assert.deepEqual((await api.request('GET', pm(id), { key: 'read' })).body, saved.body);
      assert.equal((await get(id)).status, 'resolved', 'a draft changes nothing on the incident');

      const published = await api.request('POST', `${pm(id)}/publish`);
      assert.equal(published.status, 200, JSON.stringify(published.body));
      assert.equal(published.body.published_at, '2021-03-31T23:52:00.000Z');
      let incident = await get(id);
      assert.equal(incident.status, 'postmortem');
      assert.equal(incident.postmortem_published_at, '2021-03-31T23:52:00.000Z');
      assert.equal(incident.resolved_at, '2021-03-30T09:54:00.000Z', 'publishing keeps the resolution time');
      assert.equal(incident.duration, '2h 49m');
      const [top] = incident.incident_updates;
      assert.equal(top.status, 'postmortem');
      assert.equal(top.display_at, '2021-03-31T23:52:00.000Z');
      assert.equal(top.body, '#### Leadup\n\n* An engineer made a typo while modifying a cronjob\n\n#### Fault\n\n* Teleport was not functioning on bh008');
      assert.deepEqual(top.affected_components, []);

      // Edit and publish again: the same update is refreshed, none is added.
      written[2].body = 'Synthetics paged the emergency team.';
      await api.request('PUT', pm(id), { body: { sections: written } });
      assert.equal((await get(id)).incident_updates[0].body, top.body, 'the public text changes only on publish');
      clock.advance(60_000);
      const again = await api.request('POST', `${pm(id)}/publish`);
      assert.equal(again.body.published_at, '2021-03-31T23:52:00.000Z');
      incident = await get(id);
      assert.equal(incident.incident_updates.length, 3);
      assert.equal(incident.incident_updates[0].id, top.id);
      assert.match(incident.incident_updates[0].body, /#### Detection\n\nSynthetics paged the emergency team\.$/);

      const un = await api.request('POST', `${pm(id)}/unpublish`);
      assert.equal(un.status, 200);
      assert.equal(un.body.published_at, null);
      incident = await get(id);
      assert.equal(incident.status, 'resolved');
      assert.equal(incident.postmortem_published_at, null);
      assert.equal(incident.resolved_at, '2021-03-30T09:54:00.000Z');
      assert.deepEqual(incident.incident_updates.map((u: { status: string }) => u.status), ['resolved', 'investigating']);
      assert.equal((await api.request('POST', `${pm(id)}/unpublish`)).status, 409, 'not published');
    });

    test('publishing needs a resolved incident and some content', async () => {
      const inc = (await api.request('POST', '/api/v1/incidents', { body: { name: 'Open' } })).body;
      assert.equal((await api.request('POST', `${pm(inc.id)}/publish`)).status, 404, 'no postmortem yet');
      await api.request('PUT', pm(inc.id), { body: { template: 'issue-summary' } });
      const early = await api.request('POST', `${pm(inc.id)}/publish`);
      assert.equal(early.status, 409);
      assert.match(early.body.error.message, /resolve the incident first/);
      await api.request('POST', `/api/v1/incidents/${inc.id}/updates`, { body: { status: 'resolved', body: 'ok' } });
      const empty = await api.request('POST', `${pm(inc.id)}/publish`);
      assert.equal(empty.status, 422, 'every section is empty');
      assert.equal((await get(inc.id)).status, 'resolved');
    });

    test('sections: custom keys, slugged titles, unique keys, other templates', async () => {
      const id = await resolvedIncident('Sections');
      const custom = await api.request('PUT', pm(id), {
        body: { template: 'blank', sections: [{ title: 'Root causes', body: 'Cron.' }, { key: 'why-2', title: 'Why, again?', body: '' }] },
      });
      assert.equal(custom.status, 200, JSON.stringify(custom.body));
      assert.deepEqual(custom.body.sections.map((s: { key: string }) => s.key), ['root-causes', 'why-2']);
      assert.equal(custom.body.template, 'blank');

      const sre = await api.request('PUT', pm(id), { body: { template: 'google-sre' } });
      assert.equal(sre.body.sections.length, 9);
      assert.equal(sre.body.sections[8].title, 'Timeline');
      assert.deepEqual((await api.request('PUT', pm(id), {})).body.sections.map((s: { key: string }) => s.key), STANDARD_KEYS);

      const cases: [unknown, string][] = [
        [{ sections: [{ title: 'Fault', body: '' }, { title: 'fault', body: '' }] }, 'sections.1.key'],
        [{ sections: [{ key: 'a', title: 'A', body: '' }, { key: 'a', title: 'B', body: '' }] }, 'sections.1.key'],
        [{ sections: [{ key: 'Bad Key', title: 'A', body: '' }] }, 'sections.0.key'],
        [{ sections: [{ title: 'A' }] }, 'sections.0.body'],
        [{ sections: [{ title: 'A', body: '', colour: 'red' }] }, 'sections.0.colour'],
        [{ template: 'five-whys' }, 'template'],
        [{ published_at: '2021-03-31T00:00:00Z' }, 'published_at'],
      ];
      const auditCount = async () => (await api.database.db.selectFrom('audit_log').select('id').execute()).length;
      const before_ = await auditCount();
      for (const [body, field] of cases) {
        const res = await api.request('PUT', pm(id), { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.equal(await auditCount(), before_);
      assert.equal((await api.request('GET', pm(id))).body.sections.length, 6, 'unchanged');
    });

    test('deleting a published postmortem withdraws it; the postmortem update is protected', async () => {
      const id = await resolvedIncident('Withdrawn');
      await api.request('PUT', pm(id), { body: { sections: [{ title: 'Fault', body: 'The switch.' }] } });
      await api.request('POST', `${pm(id)}/publish`);
      const pmUpdate = (await get(id)).incident_updates[0];
      assert.equal(pmUpdate.status, 'postmortem');
      const path = `/api/v1/incidents/${id}/updates/${pmUpdate.id}`;
      assert.equal((await api.request('DELETE', path)).status, 409);
      assert.equal((await api.request('PATCH', path, { body: { body: 'edited' } })).status, 409);
      assert.equal((await api.request('PATCH', path, { body: { display_at: '2021-03-31T00:00:00Z' } })).status, 200);
      const postmortemStatus = await api.request('POST', `/api/v1/incidents/${id}/updates`, { body: { body: 'More notes.' } });
      assert.equal(postmortemStatus.status, 422, 'the default status would be postmortem');

      const updatesBefore = (await get(id)).incident_updates.length;
      assert.equal((await api.request('DELETE', pm(id))).status, 204);
      assert.equal((await api.request('GET', pm(id))).status, 404);
      const incident = await get(id);
      assert.equal(incident.status, 'resolved');
      assert.equal(incident.postmortem_published_at, null);
      // Only the postmortem update goes (an empty list would pass the check below, so count them too).
      assert.equal(incident.incident_updates.length, updatesBefore - 1);
      assert.ok(incident.incident_updates.every((u: { status: string }) => u.status !== 'postmortem'));
      assert.equal((await api.request('DELETE', pm(id))).status, 404);
    });

    test('concurrent publishes add exactly one postmortem update', async () => {
      const id = await resolvedIncident('Raced');
      await api.request('PUT', pm(id), { body: { sections: [{ title: 'Fault', body: 'The switch.' }] } });
      const results = await Promise.all(Array.from({ length: 6 }, () => api.request('POST', `${pm(id)}/publish`)));
      assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
      const statuses = (await get(id)).incident_updates.map((u: { status: string }) => u.status);
      assert.deepEqual(statuses, ['postmortem', 'resolved', 'investigating']);
    });

    test('404s, scopes and audit rows', async () => {
      for (const [method, path] of [['GET', pm('nope')], ['PUT', pm('nope')], ['DELETE', pm('nope')], ['POST', `${pm('nope')}/publish`], ['POST', `${pm('nope')}/unpublish`]] as const) {
        const res = await api.request(method, path, method === 'PUT' ? { body: {} } : {});
        assert.equal(res.status, 404, `${method} ${path}`);
      }
      const id = await resolvedIncident('Audited');
      assert.equal((await api.request('PUT', pm(id), { key: 'read', body: {} })).status, 403);
      await api.request('PUT', pm(id), { key: 'write', body: { sections: [{ title: 'Summary', body: 'Short.' }] } });
      assert.equal((await api.request('GET', pm(id), { key: 'read' })).status, 200);
      await api.request('POST', `${pm(id)}/publish`);
      await api.request('POST', `${pm(id)}/unpublish`);
      await api.request('DELETE', pm(id));
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'postmortem').where('entity_id', '=', id).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.action), ['postmortem.save', 'postmortem.publish', 'postmortem.unpublish', 'postmortem.delete']);
      assert.equal(rows[0]!.before_json, null);
      assert.equal(JSON.parse(rows[1]!.after_json!).published_at, clock.now().toISOString());
      assert.equal(JSON.parse(rows[3]!.before_json!).sections[0].key, 'summary');
      assert.equal(rows[3]!.after_json, null);
    });
  });
}
