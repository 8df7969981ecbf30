// The steps the maintenance suites share: schedule one (a default name and
// window the test can override field by field) and read one back.
import assert from 'node:assert/strict';
import type { TestApi } from './api-harness.test-support.js';

/** The window a maintenance gets when the test does not say. */
export const MAINTENANCE_WINDOW = { scheduled_for: '2026-04-01T10:00:00Z', scheduled_until: '2026-04-01T12:00:00Z' };

export function maintenanceSteps(api: TestApi, defaults: Record<string, unknown> = { name: 'Database upgrade', ...MAINTENANCE_WINDOW }) {
  /** POSTs a maintenance (the defaults, overridden by `body`), asserts 201 and returns it. */
  async function maintenance(body: Record<string, unknown> = {}) {
    const res = await api.request('POST', '/api/v1/maintenances', { body: { ...defaults, ...body } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }
  /** The maintenance as the API shows it now. */
  const get = async (id: string) => (await api.request('GET', `/api/v1/maintenances/${id}`)).body;
  return { maintenance, get };
}
