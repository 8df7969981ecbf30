// The subscribe form's limits, per process and in memory (web/rate-limit.ts):
// per client address, so one client cannot flood the outbox, and per target
// address, so nobody can bury someone's inbox in confirmation requests.
import type { Clock } from '../../lib/clock.js';
import { FixedWindowCounter, type WindowLimit } from '../rate-limit.js';

export const PER_CLIENT_LIMIT: WindowLimit = { max: 20, windowMs: 10 * 60_000, maxKeys: 10_000 };
export const PER_ADDRESS_LIMIT: WindowLimit = { max: 5, windowMs: 60 * 60_000, maxKeys: 10_000 };

export interface SubscribeLimits {
  client?: WindowLimit;
  address?: WindowLimit;
}

export class SubscribeThrottle {
  private readonly clients: FixedWindowCounter;
  private readonly addresses: FixedWindowCounter;

  constructor(clock: Clock, limits: SubscribeLimits = {}) {
    const now = () => clock.now().getTime();
    this.clients = new FixedWindowCounter(limits.client ?? PER_CLIENT_LIMIT, now);
    this.addresses = new FixedWindowCounter(limits.address ?? PER_ADDRESS_LIMIT, now);
  }

  /** Counts one submission from `client`; the seconds to wait when it is over the limit, else null. */
  client(client: string): number | null {
    const hit = this.clients.hit(client);
    return hit.over ? hit.retryAfterSeconds : null;
  }

  /** Counts one request for `address` (lower-cased); the seconds to wait when it is over the limit, else null. */
  address(address: string): number | null {
    const hit = this.addresses.hit(address.trim().toLowerCase());
    return hit.over ? hit.retryAfterSeconds : null;
  }
}
