import type { ComponentStatus } from '../../domain/statuses.js';
import type { ComponentRow } from '../../store/schema.js';
import type { Component } from './schemas.js';

/** `sequence` (the tie-breaker of the public order) is not part of the admin API's component. */
export function presentComponent(row: Omit<ComponentRow, 'sequence'>): Component {
  return {
    id: row.id,
    key: row.key,
    group_id: row.group_id,
    name: row.name,
    description: row.description,
    status: row.status as ComponentStatus,
    position: row.position,
    showcase: row.showcase === 1,
    only_show_if_degraded: row.only_show_if_degraded === 1,
    start_date: row.start_date,
    group: false,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
