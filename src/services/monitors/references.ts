// Checks a monitor's key inside the transaction that writes it (its component: components/refs.ts).
import { conflict } from '../../domain/errors.js';
import { getMonitorByKey } from '../../store/monitors.js';
import type { Tx } from '../context.js';

/** A key already held by another monitor is a conflict, like components' keys. */
export async function checkKeyFree(tx: Tx, key: string | null, ownId: string | null): Promise<void> {
  if (key === null) return;
  const other = await getMonitorByKey(tx.db, key);
  if (other && other.id !== ownId) throw conflict(`a monitor with key "${key}" already exists`, { field: 'key' });
}
