import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ComponentGroupRow, ComponentRow, SettingsRow } from '../../store/schema.js';
import { planConfig } from './plan.js';
import type { Snapshot } from './plan-parts.js';
import { vigilConfig } from './schemas.js';

const T = '2026-01-01T00:00:00.000Z';

/** The row migration 0002 inserts on every install. */
const settings: SettingsRow = { id: 1, name: 'Vigil', public_url: null, time_zone: 'UTC', updated_at: T, page_id: 'p1', logo_url: null, accent_color: null };

function group(id: string, key: string | null, position = 0): ComponentGroupRow {
  return { id, key, name: `Group ${id}`, description: null, position, sequence: 0, created_at: T, updated_at: T };
}

function component(id: string, key: string | null, groupId: string | null = null, position = 0): ComponentRow {
  return {
    id, key, group_id: groupId, name: `Component ${id}`, description: null, status: 'operational', position, sequence: 0,
    showcase: 1, only_show_if_degraded: 0, start_date: null, created_at: T, updated_at: T,
  };
}

const config = (raw: unknown) => vigilConfig.parse(raw);

describe('planning vigil.yaml', () => {
  test('positions follow the file: groups among groups, components within their group', () => {
    const plan = planConfig(
      config({
        groups: [{ key: 'b', name: 'B' }, { key: 'a', name: 'A' }],
        components: [
          { key: 'x', name: 'X', group: 'a' },
          { key: 'y', name: 'Y' },
          { key: 'z', name: 'Z', group: 'a' },
          { key: 'w', name: 'W', group: 'b' },
          { key: 'v', name: 'V' },
        ],
      }),
      { settings, groups: [], components: [], monitors: [] },
      { prune: false },
    );
    assert.deepEqual(plan.groups.map((g) => [g.values.key, g.values.position]), [['b', 0], ['a', 1]]);
    const groupId = (key: string) => plan.groups.find((g) => g.values.key === key)!.id;
    assert.deepEqual(
      plan.components.map((c) => [c.values.key, c.values.group_id, c.values.position]),
      [['x', groupId('a'), 0], ['y', null, 0], ['z', groupId('a'), 1], ['w', groupId('b'), 0], ['v', null, 1]],
    );
    assert.deepEqual(plan.problems, []);
  });

  test('a group key held by a component that stays in the database is a clash, unless --prune removes it', () => {
    const snapshot: Snapshot = { settings, groups: [], components: [component('c1', 'email')], monitors: [] };
    const file = config({ groups: [{ key: 'email', name: 'Email' }], components: [] });
    assert.deepEqual(planConfig(file, snapshot, { prune: false }).problems, [
      { path: 'groups[0].key', message: 'key "email" is already used by the component "Component c1" in the database; apply with --prune to remove it, or choose another key' },
    ]);
    assert.deepEqual(planConfig(file, snapshot, { prune: true }).problems, []);
    // Without a components section the file does not manage components, so --prune cannot help.
    const unmanaged = config({ groups: [{ key: 'email', name: 'Email' }] });
    assert.deepEqual(planConfig(unmanaged, snapshot, { prune: true }).problems.map((p) => p.message), [
      'key "email" is already used by the component "Component c1" in the database; choose another key',
    ]);
  });

  test('a group is kept when removing it would ungroup components the file does not name', () => {
    const snapshot: Snapshot = {
      settings,
      groups: [group('g1', 'old'), group('g2', 'empty', 1)],
      components: [component('c1', null, 'g1'), component('c2', 'gone', 'g1', 1), component('c3', 'moved', 'g2')],
      monitors: [],
    };
    const plan = planConfig(config({ groups: [], components: [{ key: 'moved', name: 'Moved' }] }), snapshot, { prune: true });
    assert.deepEqual(
      plan.removals.map((r) => [r.kind, r.row.key, r.keptFor]),
      [['component', 'gone', []], ['group', 'empty', []], ['group', 'old', ['Component c1']]],
    );
  });

  test('keyless rows are never planned for removal', () => {
    const snapshot: Snapshot = { settings, groups: [group('g1', null)], components: [component('c1', null)], monitors: [] };
    assert.deepEqual(planConfig(config({ groups: [], components: [] }), snapshot, { prune: true }).removals, []);
  });
});
