// A web-app route is declared once: method, path, who may reach it, and a
// handler that answers a page, a redirect or a small JSON/text answer. The
// registration resolves the session, checks CSRF on every POST and renders
// errors inside the frame, so a failing action never signs the operator out.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import type { ServiceContext } from '../../services/context.js';
import type { SessionPolicy } from '../../services/sessions/policy.js';
import type { ResolvedSession } from '../../services/sessions/resolveSession.js';
import type { AuthFailureThrottle } from '../auth-throttle.js';
import type { HandlerDeps } from '../route.js';
import type { SafeHtml } from '../public/pages/html.js';
import type { AssetSet } from './assets.js';
import type { Form } from './forms.js';
import type { Viewer } from './layout.js';

export interface AdminDeps extends HandlerDeps {
  db: ServiceContext['db'];
  clock: Clock;
  sessions: SessionPolicy;
  /** The web app is reached over https: cookies are Secure and `__Host-` prefixed. */
  secure: boolean;
  assets: AssetSet;
  /** Failed sign-ins per client address. */
  authFailures: AuthFailureThrottle;
}

export interface AdminInput {
  request: FastifyRequest;
  reply: FastifyReply;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** The url-encoded body of a POST (empty for GET). */
  form: Form;
  /** The signed-in session; always present on `signed-in` routes. */
  session: ResolvedSession | null;
  viewer: Viewer | null;
  /** Acts as the signed-in user, or as the system on public routes. */
  ctx: ServiceContext;
  deps: AdminDeps;
  /** The flash message the previous redirect left, read once. */
  flash: string | null;
  /** What this page's forms send as `_csrf`: the session's token, or the pre-sign-in one. */
  csrfToken: string;
}

export type AdminAnswer =
  | { kind: 'page'; title: string; nav?: string; main: SafeHtml; status?: number }
  | { kind: 'redirect'; to: string; flash?: string; cookies?: string[] }
  | { kind: 'raw'; status?: number; type: string; body: string };

export interface AdminRouteDef {
  method: 'GET' | 'POST';
  /** Fastify syntax, under `/admin`. */
  path: string;
  /**
   * `signed-in`: a full session (GET without one redirects to sign-in); `public`: the sign-in,
   * setup, invitation and reset pages (a session is resolved when there is one); `second-factor`:
   * a session still owing its TOTP code.
   */
  access: 'signed-in' | 'public' | 'second-factor';
  handler(input: AdminInput): Promise<AdminAnswer>;
}

export function adminRoute(def: AdminRouteDef): AdminRouteDef {
  return def;
}

export const page = (title: string, main: SafeHtml, options: { nav?: string; status?: number } = {}): AdminAnswer => ({ kind: 'page', title, main, ...options });
export const redirect = (to: string, flash?: string): AdminAnswer => ({ kind: 'redirect', to, flash });
export const json = (value: unknown, status = 200): AdminAnswer => ({ kind: 'raw', status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) });
