// Checks a monitor's references inside the transaction that writes it.
import { conflict, validationError } from '../../domain/errors.js';
import { getComponent } from '../../store/components.js';
import { getMonitorByKey } from '../../store/monitors.js';
import type { Tx } from '../context.js';

export async function checkComponent(tx: Tx, componentId: string | null, field = 'component_id'): Promise<void> {
  if (componentId !== null && !(await getComponent(tx.db, componentId))) {
    throw validationError([{ path: field, message: 'no component with this id' }]);
  }
}

/** A key already held by another monitor is a conflict, like components' keys. */
export async function checkKeyFree(tx: Tx, key: string | null, ownId: string | null): Promise<void> {
  if (key === null) return;
  const other = await getMonitorByKey(tx.db, key);
  if (other && other.id !== ownId) throw conflict(`a monitor with key "${key}" already exists`, { field: 'key' });
}
