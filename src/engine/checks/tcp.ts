// The tcp check: connect, optionally send a line, optionally wait for a banner
// containing `expect`. At most MAX_BANNER_BYTES are read before judging.
import { connect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import type { ConnectTarget } from '../../outbound/guard.js';
import type { TcpOptions } from '../../services/monitors/check-options.js';
import type { Check, CheckContext, CheckResult, CheckTarget, CheckTimings } from './types.js';
import { excerpt, formatMs } from './format.js';
import { describeNetError } from './net-errors.js';
import { stopwatch } from './stopwatch.js';

const MAX_BANNER_BYTES = 64 * 1024;

function runTcp(options: TcpOptions, ctx: CheckContext): Promise<CheckResult> {
  return new Promise((resolve) => {
    const watch = stopwatch();
    const lap = watch.lap;
    const timings: CheckTimings = {};
    const expect = options.expect === null ? null : Buffer.from(options.expect, 'utf8');
    let received = Buffer.alloc(0);
    let phase = isIP(options.host) ? 'connecting' : 'resolving the host name';
    let settled = false;
    let socket: Socket | null = null;
    let address: string | undefined;

    const finish = (ok: boolean, reason: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      socket?.destroy();
      const detail: Record<string, unknown> = {};
      if (address) detail.address = address;
      if (received.length > 0) detail.received = excerpt(received);
      resolve({ ok, reason, latency_ms: watch.elapsed(), timings, detail });
    };
    const onAbort = (): void => finish(false, 'the check was cancelled');
    const timer = setTimeout(() => {
      const sofar = received.length > 0 ? `, got "${excerpt(received)}" so far` : '';
      finish(false, `timed out after ${formatMs(ctx.timeoutMs)} while ${phase}${sofar}`);
    }, ctx.timeoutMs);
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    const expected = (): string => JSON.stringify(options.expect);
    let target: ConnectTarget;
    try {
      target = ctx.outbound.target(options.host);
    } catch (err) {
      return finish(false, describeNetError(err, options.host));
    }
    // A name is resolved once by the guard's lookup, and the socket connects to the address it checked.
    const s = connect({ host: target.host, port: options.port, lookup: target.lookup });
    socket = s;
    s.on('error', (err) => finish(false, describeNetError(err, options.host)));
    s.once('lookup', () => {
      timings.dns_ms = lap();
      phase = 'connecting';
    });
    s.once('connect', () => {
      timings.connect_ms = lap();
      address = s.remoteAddress;
      if (options.send !== null) s.write(options.send);
      if (expect === null) {
        // Nothing to read: once the line (if any) is flushed, the port works.
        if (options.send === null) return finish(true, null);
        phase = 'sending';
        return void s.write('', () => finish(true, null));
      }
      phase = `waiting for ${expected()}`;
    });
    s.on('data', (chunk: Buffer) => {
      if (expect === null || settled) return;
      received = Buffer.concat([received, chunk]).subarray(0, MAX_BANNER_BYTES);
      if (timings.first_byte_ms === undefined) timings.first_byte_ms = lap();
      if (received.includes(expect)) return finish(true, null);
      if (received.length >= MAX_BANNER_BYTES) finish(false, `expected ${expected()} in the first ${MAX_BANNER_BYTES} bytes, got "${excerpt(received)}"`);
    });
    s.on('end', () => {
      if (expect === null) return;
      finish(false, received.length === 0 ? `the connection closed before ${expected()} arrived` : `expected ${expected()}, got "${excerpt(received)}"`);
    });
  });
}

export const tcpCheck: Check<TcpOptions> = {
  type: 'tcp',
  async run(target: CheckTarget<TcpOptions>, ctx: CheckContext): Promise<CheckResult> {
    try {
      return await runTcp(target.options, ctx);
    } catch (err) {
      return { ok: false, reason: `check failed: ${(err as Error).message}`, latency_ms: null };
    }
  },
};
