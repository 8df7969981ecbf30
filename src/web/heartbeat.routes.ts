// Heartbeat pings: a cron job or script calls its monitor's ping URL when it
// runs. Unauthenticated (the token in the URL is the secret), answered in
// plain text, and any body (curl -d, form or text) is accepted and ignored.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.js';
import { pingOutcome, recordPing, type PingOutcome } from '../services/monitors/recordPing.js';
import { PING_LIMIT, PingThrottle } from './ping-throttle.js';

/** Enough for any output a job might send along; pings never read it. */
export const PING_BODY_LIMIT = 10 * 1024;

export function registerHeartbeatRoutes(app: FastifyInstance, deps: Pick<ServiceContext, 'db' | 'clock'>): void {
  const ctx: ServiceContext = { db: deps.db, clock: deps.clock, actor: { type: 'system', id: null, name: 'heartbeat-ping' } };
  const throttle = new PingThrottle(deps.clock);
  const answer = (outcome: (request: FastifyRequest) => PingOutcome) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { token } = request.params as { token: string };
    const ping = outcome(request);
    const handled = await throttle.handle(token, ping, (storeResult) => recordPing(ctx, token, ping, { storeResult }));
    if (handled.kind === 'refused') {
      throw new AppError('RATE_LIMITED', `more than ${PING_LIMIT.max} pings in ${PING_LIMIT.windowMs / 1000} s for this ping URL`, { retry_after_seconds: handled.retryAfterSeconds });
    }
    // `Vigil-Ping: coalesced`: answered, but folded into the result already stored this second.
    return reply.code(200).type('text/plain; charset=utf-8').header('cache-control', 'no-store').header('vigil-ping', handled.kind).send('OK');
  };

  // Encapsulated, so the permissive body parsing applies to these routes only (the API stays JSON-only).
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PING_BODY_LIMIT }, (_request, _body, done) => done(null, undefined));
    const routes: [string, (request: FastifyRequest) => PingOutcome][] = [
      ['/ping/:token', () => pingOutcome({})],
      ['/ping/:token/fail', () => pingOutcome({ fail: true })],
      ['/ping/:token/:exit_code', (request) => pingOutcome({ exitCode: exitCode((request.params as { exit_code: string }).exit_code) })],
    ];
    for (const [url, outcome] of routes) {
      // No HEAD: a link checker probing the URL must not count as the job having run.
      scope.route({ method: ['GET', 'POST'], url, bodyLimit: PING_BODY_LIMIT, exposeHeadRoute: false, handler: answer(outcome) });
    }
  });
}

function exitCode(text: string): number {
  const code = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(code >= 0 && code <= 255)) throw new AppError('BAD_REQUEST', 'the exit code in a ping URL must be a number from 0 to 255');
  return code;
}
