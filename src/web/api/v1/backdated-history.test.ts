// Back-dated incidents put the outage where it really was: the component
// status changes an incident makes are recorded at its started_at (opening
// update) and its updates' display_at, move when those are edited, and never
// pass another change of the component nor now. Read back through the admin
// API's status history and uptime, and the public status page model.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { loadPublicModel } from '../../../services/public/loadPublicModel.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { dayLabel } from '../../public/pages/uptime.js';

const DAY_BEFORE = '2021-03-29T00:00:00.000Z';
const at = (hhmm: string) => `2021-03-30T${hhmm}:00.000Z`;

for (const dialect of DIALECTS) {
  describe(`back-dated status history on ${dialect}`, () => {
    const clock = new ManualClock(DAY_BEFORE);
    const api = useTestApi(dialect, { clock });

    async function history(id: string): Promise<string[]> {
      const res = await api.request<{ status: string; at: string }[]>('GET', `/api/v1/components/${id}/status-history`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      // The timeline's last entry is always the component's current status.
      assert.equal(res.body.at(-1)?.status, await api.componentStatus(id), JSON.stringify(res.body));
      return res.body.map((h) => `${h.status}@${h.at}`);
    }

    async function march30(id: string) {
      const res = await api.request('GET', `/api/v1/components/${id}/uptime?days=3`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const day = res.body.days.find((d: { date: string }) => d.date === '2021-03-30');
      assert.ok(day, JSON.stringify(res.body));
      return day;
    }

    async function post(method: string, path: string, body: unknown) {
      const res = await api.request(method, path, { body });
      assert.ok(res.status === 200 || res.status === 201, `${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    }

    test('seed 000: impact from 07:05, posted later with back-dated times, shows 2h 49m of major outage', async () => {
      clock.set(DAY_BEFORE);
      const ptero = await api.createComponent('Pterodactyl API');
      const billing = await api.createComponent('Billing API');
      // The write-up is posted after the fact, at 10:15, with the times it gives.
      clock.set(at('10:15'));
      const incident = await post('POST', '/api/v1/incidents', {
        name: 'Pterodactyl API and Billing API unavailable',
        impact: 'critical',
        started_at: at('07:05'),
        display_at: at('07:38'),
        body: 'We are currently investigating this issue.',
        components: { [ptero]: 'major_outage', [billing]: 'major_outage' },
      });
      const updates: [string, string][] = [['identified', '07:47'], ['investigating', '09:20'], ['identified', '09:20'], ['monitoring', '09:48'], ['resolved', '09:54']];
      for (const [status, time] of updates) {
        await post('POST', `/api/v1/incidents/${incident.id}/updates`, { status, body: `${status} at ${time}`, display_at: at(time) });
      }
      clock.set('2021-03-31T12:00:00.000Z');

      assert.equal((await api.request('GET', `/api/v1/incidents/${incident.id}`)).body.duration, '2h 49m');
      for (const id of [ptero, billing]) {
        assert.deepEqual(await history(id), [`operational@${DAY_BEFORE}`, `major_outage@${at('07:05')}`, `operational@${at('09:54')}`]);
        const day = await march30(id);
        assert.equal(day.major_outage_minutes, 169);
        assert.equal(day.uptime, 88.26);
      }

      // The status page's 90-day bar says the same.
      const model = await loadPublicModel(api.ctx, { publicUrl: 'http://127.0.0.1' });
      const bar = model.uptime[ptero]!;
      assert.equal(bar.length, 90);
      const day = bar.find((d) => d.date === '2021-03-30')!;
      assert.equal(dayLabel(day), 'Mar 30, 2021: 88.26% uptime, 2h 49m major outage');
    });

    test('editing started_at and an update’s display_at moves the changes they made', async () => {
      clock.set(DAY_BEFORE);
      const comp = await api.createComponent('Moves');
      clock.set(at('10:00'));
      const incident = await post('POST', '/api/v1/incidents', {
        name: 'Moves',
        started_at: at('08:00'),
        display_at: at('08:10'),
        components: { [comp]: 'major_outage' },
      });
      const resolved = await post('POST', `/api/v1/incidents/${incident.id}/updates`, { status: 'resolved', body: 'fixed', display_at: at('09:00') });
      assert.equal((await march30(comp)).major_outage_minutes, 60);

      await post('PATCH', `/api/v1/incidents/${incident.id}`, { started_at: at('07:00') });
      assert.deepEqual(await history(comp), [`operational@${DAY_BEFORE}`, `major_outage@${at('07:00')}`, `operational@${at('09:00')}`]);
      await post('PATCH', `/api/v1/incidents/${incident.id}/updates/${resolved.id}`, { display_at: at('09:30') });
      assert.deepEqual(await history(comp), [`operational@${DAY_BEFORE}`, `major_outage@${at('07:00')}`, `operational@${at('09:30')}`]);
      assert.equal((await march30(comp)).major_outage_minutes, 150);

      // Moving the first update's display_at does not move the opening changes: they follow started_at.
      const opening = (await api.request('GET', `/api/v1/incidents/${incident.id}`)).body.incident_updates.at(-1);
      await post('PATCH', `/api/v1/incidents/${incident.id}/updates/${opening.id}`, { display_at: at('08:20') });
      assert.deepEqual(await history(comp), [`operational@${DAY_BEFORE}`, `major_outage@${at('07:00')}`, `operational@${at('09:30')}`]);
    });

    test('a back-dated change never goes before the component’s latest change, past a later one, or into the future', async () => {
      clock.set(DAY_BEFORE);
      const comp = await api.createComponent('Overlaps');
      // Something else (here a person) recorded a partial outage at 08:00.
      clock.set(at('08:00'));
      await post('PATCH', `/api/v1/components/${comp}`, { status: 'partial_outage' });
      // Posted at 10:00, saying impact began at 07:00: the major outage starts where the partial one is recorded.
      clock.set(at('10:00'));
      const incident = await post('POST', '/api/v1/incidents', { name: 'Overlaps', started_at: at('07:00'), components: { [comp]: 'major_outage' } });
      assert.deepEqual(await history(comp), [`operational@${DAY_BEFORE}`, `partial_outage@${at('08:00')}`, `major_outage@${at('08:00')}`]);

      clock.set(at('10:05'));
      await post('PATCH', `/api/v1/components/${comp}`, { status: 'operational' });
      // An earlier start cannot pass the partial outage; a later one moves between its neighbours...
      await post('PATCH', `/api/v1/incidents/${incident.id}`, { started_at: at('06:00') });
      assert.deepEqual(await history(comp), [`operational@${DAY_BEFORE}`, `partial_outage@${at('08:00')}`, `major_outage@${at('08:00')}`, `operational@${at('10:05')}`]);
      await post('PATCH', `/api/v1/incidents/${incident.id}`, { started_at: at('09:00') });
      assert.deepEqual(await history(comp), [`operational@${DAY_BEFORE}`, `partial_outage@${at('08:00')}`, `major_outage@${at('09:00')}`, `operational@${at('10:05')}`]);
      // ...and stops at the next change: it never jumps over the 10:05 recovery.
      clock.set(at('10:30'));
      await post('PATCH', `/api/v1/incidents/${incident.id}`, { started_at: at('10:20') });
      assert.deepEqual(await history(comp), [`operational@${DAY_BEFORE}`, `partial_outage@${at('08:00')}`, `major_outage@${at('10:05')}`, `operational@${at('10:05')}`]);

      // A display_at within the allowed clock drift ahead is recorded at now, not in the future.
      await post('POST', `/api/v1/incidents/${incident.id}/updates`, { body: 'again', display_at: '2021-03-30T10:30:30.000Z', components: { [comp]: 'degraded_performance' } });
      assert.equal((await history(comp)).at(-1), `degraded_performance@${at('10:30')}`);
    });
  });
}
