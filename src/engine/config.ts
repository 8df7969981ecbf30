// The engine's tunables, with the defaults `vigil serve` uses.
import { DEFAULT_STORM_POLICY, type StormPolicy } from '../domain/monitor-storms.js';

export interface EngineConfig {
  /** Most checks running at once; slow or hanging targets hold a slot until their timeout. */
  concurrency: number;
  flushIntervalMs: number;
  flushMaxRows: number;
  /** Results held in memory while the database is unavailable, before the oldest are dropped. */
  maxHeldResults: number;
  /** How often the engine renews its lease and looks for changed monitors. */
  reloadIntervalMs: number;
  leaseMs: number;
  storm: StormPolicy;
  /** How long a DOWN waits before its incident opens, so a storm becomes one incident. */
  groupWaitMs: number;
  /** Milliseconds per configured "second" of interval; 1000 except in tests that compress time. */
  timeUnitMs: number;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  concurrency: 1000,
  flushIntervalMs: 1000,
  flushMaxRows: 2000,
  maxHeldResults: 200_000,
  reloadIntervalMs: 2000,
  leaseMs: 15_000,
  storm: { ...DEFAULT_STORM_POLICY },
  groupWaitMs: 20_000,
  timeUnitMs: 1000,
};
