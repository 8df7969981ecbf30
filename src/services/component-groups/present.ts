import type { ComponentGroupRow } from '../../store/schema.js';
import type { ComponentGroup } from './schemas.js';

export function presentComponentGroup(row: Omit<ComponentGroupRow, 'sequence'>, memberIds: string[]): ComponentGroup {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    position: row.position,
    components: memberIds,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
