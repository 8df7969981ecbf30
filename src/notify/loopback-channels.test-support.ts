// Test support: the real channel registry, with the strict outbound policy opened to 127.0.0.1 only
// (receivers in tests listen on loopback, which the policy otherwise refuses).
import { parsePolicyList, STRICT_DENY } from '../domain/outbound-policy.js';
import { systemClock } from '../lib/clock.js';
import { createOutboundGuard } from '../outbound/guard.js';
import { createChannels, type Channels } from './channels/registry.js';

export function loopbackChannels(httpConcurrency = 20): Channels {
  const outbound = createOutboundGuard({ deny: STRICT_DENY, allow: parsePolicyList('127.0.0.1/32', []).rules });
  return createChannels({ smtp: null, outbound, clock: systemClock, httpConcurrency });
}
