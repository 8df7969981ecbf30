// The steps the incident suites take again and again. Each write first moves
// the clock a second on, so every incident and update gets its own created_at
// and their order is fixed.
import assert from 'node:assert/strict';
import type { ManualClock } from '../lib/clock.js';
import type { TestApi } from './api-harness.test-support.js';

export function incidentSteps(api: TestApi, clock: ManualClock) {
  /** POSTs an incident, asserts 201 and returns it. */
  async function open(body: Record<string, unknown>) {
    clock.advance(1000);
    const res = await api.request('POST', '/api/v1/incidents', { body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }
  /** POSTs an update to an incident, asserts 201 and returns the update. */
  async function post(id: string, body: Record<string, unknown>) {
    clock.advance(1000);
    const res = await api.request('POST', `/api/v1/incidents/${id}/updates`, { body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }
  /** The incident as the API shows it now. */
  const get = async (id: string) => (await api.request('GET', `/api/v1/incidents/${id}`)).body;
  return { open, post, get };
}
