// Every check type by name, and runCheck: the one way the engine runs a check.
// It adds what no single check can promise on its own: a hard deadline, and a
// result even when a check throws or ignores its signal.
import type { MonitorType } from '../../domain/monitor-types.js';
import type { CheckOptionsByType } from '../../services/monitors/check-options.js';
import type { Check, CheckContext, CheckResult, CheckTarget } from './types.js';
import { formatMs } from './format.js';
import { boundResult } from './bound-result.js';
import { httpCheck } from './http.js';
import { tcpCheck } from './tcp.js';
import { dnsCheck } from './dns.js';
import { tlsCheck } from './tls.js';
import { heartbeatCheck } from './heartbeat.js';
import { statuspageCheck } from './statuspage.js';

export type CheckRegistry = { [K in MonitorType]: Check<CheckOptionsByType[K]> };

export const checks: CheckRegistry = {
  http: httpCheck,
  tcp: tcpCheck,
  dns: dnsCheck,
  tls: tlsCheck,
  heartbeat: heartbeatCheck,
  statuspage: statuspageCheck,
};

/** Checks time themselves out at timeoutMs with a precise reason; this is the backstop after it. */
export const HARD_TIMEOUT_MARGIN_MS = 250;

function failure(reason: string, started: number): CheckResult {
  return { ok: false, reason, latency_ms: Math.round(performance.now() - started) };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs one check and always settles by timeoutMs + HARD_TIMEOUT_MARGIN_MS. The
 * check gets its own signal, aborted when the caller's is or when the hard
 * deadline passes, so a late check is told to stop.
 */
export async function runCheck<T extends MonitorType>(
  type: T,
  target: CheckTarget<CheckOptionsByType[T]>,
  ctx: CheckContext,
  registry: CheckRegistry = checks,
): Promise<CheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  const forward = (): void => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) forward();
  else ctx.signal.addEventListener('abort', forward, { once: true });

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('check timed out'));
      resolve(failure(`timed out after ${formatMs(ctx.timeoutMs)}`, started));
    }, ctx.timeoutMs + HARD_TIMEOUT_MARGIN_MS);
  });

  let run: Promise<CheckResult>;
  try {
    const check = registry[type] as Check<CheckOptionsByType[T]> | undefined;
    if (!check) return failure(`unknown check type "${type}"`, started);
    run = check.run(target, { ...ctx, signal: controller.signal }).then(
      (result) => (result && typeof result.ok === 'boolean' ? result : failure('check returned no result', started)),
      (err: unknown) => failure(`check failed: ${messageOf(err)}`, started),
    );
  } catch (err) {
    run = Promise.resolve(failure(`check failed: ${messageOf(err)}`, started));
  }
  try {
    return boundResult(await Promise.race([run, deadline]));
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', forward);
  }
}
