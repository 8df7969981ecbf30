// Registers the web app under /admin: the session hook, CSRF on every POST,
// url-encoded bodies, the assets, and errors rendered as pages in the frame.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../../services/context.js';
import { resolveSession, type ResolvedSession } from '../../services/sessions/resolveSession.js';
import { newSecretToken } from '../../lib/secret-token.js';
import { HTTP_STATUS, toAppError } from '../errors.js';
import { html } from '../public/pages/html.js';
import { checkCsrfToken, checkSameOrigin } from './csrf.js';
import { cookieNames, parseCookies, serializeCookie } from './cookies.js';
import { parseForm } from './forms.js';
import { ADMIN_CSP, renderFrame, type Viewer } from './layout.js';
import type { AdminAnswer, AdminDeps, AdminInput, AdminRouteDef } from './page.js';

export const ADMIN_PREFIX = '/admin';
/** Forms are small; a postmortem with every section is the largest. */
export const ADMIN_BODY_LIMIT = 512 * 1024;
const FLASH_COOKIE = 'vigil_flash';

interface RequestState {
  cookies: Record<string, string>;
  session: ResolvedSession | null;
  /** The anti-CSRF value of pages shown before sign-in (double-submit cookie). */
  presession: string | null;
  setCookies: string[];
}

function viewerOf(session: ResolvedSession | null): Viewer | null {
  if (!session || session.session.stage !== 'full') return null;
  return { actor: session.actor, name: session.user.name, email: session.user.email, csrfToken: session.session.csrf_token };
}

/** Where sign-in sends the browser back to: only paths inside the web app. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(\/[^\\]*)?$/.test(next.split('?')[0]!) && !next.startsWith('//') ? next : ADMIN_PREFIX;
}

export function registerAdminApp(app: FastifyInstance, deps: AdminDeps, routes: readonly AdminRouteDef[]): void {
  const system: ServiceContext = { db: deps.db, clock: deps.clock, actor: { type: 'system', id: null, name: 'web app' } };
  const names = cookieNames(deps.secure);
  const states = new WeakMap<FastifyRequest, RequestState>();

  const send = (reply: FastifyReply, state: RequestState, answer: AdminAnswer, flash: string | null) => {
    if (state.setCookies.length > 0) void reply.header('set-cookie', state.setCookies);
    void reply.header('cache-control', 'no-store');
    if (answer.kind === 'redirect') {
      const cookies = [...state.setCookies, ...(answer.cookies ?? [])];
      if (answer.flash) cookies.push(serializeCookie(FLASH_COOKIE, answer.flash.slice(0, 300), { secure: deps.secure, maxAge: 60 }));
      if (cookies.length > 0) void reply.header('set-cookie', cookies);
      return reply.code(303).header('location', answer.to).send();
    }
    if (answer.kind === 'raw') return reply.code(answer.status ?? 200).type(answer.type).send(answer.body);
    const body = renderFrame({ title: answer.title, nav: answer.nav, main: answer.main, flash, viewer: viewerOf(state.session), assets: deps.assets });
    return reply.code(answer.status ?? 200).type('text/html; charset=utf-8').header('content-security-policy', ADMIN_CSP).send(body);
  };

  void app.register(
    async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: ADMIN_BODY_LIMIT }, (_request, body, done) => {
        done(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
      });

      scope.addHook('onRequest', async (request) => {
        const cookies = parseCookies(request.headers.cookie);
        const token = cookies[names.session];
        const session = token ? await resolveSession(system, deps.sessions, token) : null;
        const state: RequestState = { cookies, session, presession: cookies[names.presession] ?? null, setCookies: [] };
        // A cookie naming no live session is cleared, so the browser stops sending it.
        if (token && !session) state.setCookies.push(serializeCookie(names.session, '', { secure: deps.secure, maxAge: 0 }));
        states.set(request, state);
      });

      scope.setErrorHandler(async (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
        const appError = toAppError(err);
        if (appError.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
        const state = states.get(request) ?? { cookies: {}, session: null, presession: null, setCookies: [] };
        return send(reply, state, errorPage(appError), null);
      });

      scope.setNotFoundHandler(async (request, reply) => {
        const state = states.get(request) ?? { cookies: {}, session: null, presession: null, setCookies: [] };
        // Signed out, every path is "sign in first": which pages exist is not told to strangers.
        if (request.method === 'GET' && state.session?.session.stage !== 'full') return send(reply, state, signInFirst(request.url), null);
        return send(reply, state, errorPage(new AppError('NOT_FOUND', 'there is no such page in Vigil')), null);
      });

      scope.get('/assets/:name', async (request, reply) => {
        const asset = deps.assets.byName.get((request.params as { name: string }).name);
        if (!asset) throw new AppError('NOT_FOUND', 'no such asset');
        const versioned = (request.query as { v?: string }).v === deps.assets.version;
        void reply
          .type(asset.type)
          .header('etag', asset.etag)
          .header('vary', 'accept-encoding')
          .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
        const accept = String(request.headers['accept-encoding'] ?? '');
        if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(asset.br);
        if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
        return reply.send(asset.bytes);
      });

      for (const def of routes) {
        scope.route({
          method: def.method,
          url: def.path,
          handler: async (request, reply) => {
            const state = states.get(request)!;
            const session = state.session;
            if (def.access === 'signed-in' && session?.session.stage !== 'full') {
              if (def.method === 'GET') return send(reply, state, signInFirst(request.url), null);
              throw new AppError('UNAUTHENTICATED', 'your session has ended; sign in again (in another tab, to keep this form), then send it again');
            }
            if (def.access === 'second-factor' && session?.session.stage !== 'totp') {
              return send(reply, state, { kind: 'redirect', to: `${ADMIN_PREFIX}/sign-in` }, null);
            }
            const form = def.method === 'POST' ? parseForm(request.body) : {};
            if (def.method === 'POST') {
              checkSameOrigin(request);
              const expected = session ? session.session.csrf_token : state.presession;
              if (!expected) throw new AppError('FORBIDDEN', 'the form has expired; reload the page and try again');
              checkCsrfToken(request, form, expected);
            }
            // Pages shown before sign-in carry a double-submit token: set it once per browser.
            if (!session && !state.presession) {
              state.presession = newSecretToken();
              state.setCookies.push(serializeCookie(names.presession, state.presession, { secure: deps.secure }));
            }
            const flash = state.cookies[FLASH_COOKIE] ?? null;
            if (flash) state.setCookies.push(serializeCookie(FLASH_COOKIE, '', { secure: deps.secure, maxAge: 0 }));
            const input: AdminInput = {
              request,
              reply,
              params: (request.params ?? {}) as Record<string, string>,
              query: (request.query ?? {}) as Record<string, string | undefined>,
              form,
              session,
              viewer: viewerOf(session),
              ctx: session && session.session.stage === 'full' ? { ...system, actor: session.actor } : system,
              deps,
              flash,
              csrfToken: session ? session.session.csrf_token : state.presession!,
            };
            const answer = await def.handler(input);
            return send(reply, state, answer, flash);
          },
        });
      }
    },
    { prefix: ADMIN_PREFIX },
  );
}

function signInFirst(url: string): AdminAnswer {
  return { kind: 'redirect', to: `${ADMIN_PREFIX}/sign-in?next=${encodeURIComponent(url)}` };
}

function errorPage(err: AppError): AdminAnswer {
  const status = HTTP_STATUS[err.code];
  const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : status === 401 ? 'Signed out' : status === 409 ? 'Changed meanwhile' : 'Something went wrong';
  return {
    kind: 'page',
    title,
    status,
    main: html`<h1>${title}</h1><div class="error" role="alert" data-error="${err.code}"><p>${err.message}</p></div><p><a href="/admin">Back to the dashboard</a></p>`,
  };
}
