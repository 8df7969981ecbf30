// Drives the web app as a browser would, without one: a cookie jar, forms
// posted url-encoded with the page's CSRF token and a same-origin Origin.
import { scryptSync, randomBytes } from 'node:crypto';
import type { Role } from '../../domain/roles.js';
import { newId } from '../../lib/ids.js';
import { startSession } from '../../services/sessions/startSession.js';
import { DEFAULT_SESSION_POLICY } from '../../services/sessions/policy.js';
import { insertUser, getUser } from '../../store/users.js';
import type { TestApi } from '../../test/api-harness.test-support.js';

export interface AdminResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The Location of a redirect. */
  location: string | null;
}

export type FormInput = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface AdminClient {
  readonly cookies: Map<string, string>;
  /** The CSRF token of the last page that carried one (the session's). */
  csrf: string | null;
  userId: string | null;
  get(path: string, headers?: Record<string, string>): Promise<AdminResponse>;
  /** Posts a form with the CSRF token (unless `_csrf` is given) and a same-origin Origin. */
  post(path: string, form?: FormInput, headers?: Record<string, string>): Promise<AdminResponse>;
}

export function formBody(form: FormInput): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) body.append(key, v);
    else body.append(key, value === true ? 'on' : String(value));
  }
  return body.toString();
}

export function adminClient(api: Pick<TestApi, 'baseUrl'>): AdminClient {
  const cookies = new Map<string, string>();
  const client: AdminClient = {
    cookies,
    csrf: null,
    userId: null,
    get: (path, headers = {}) => send('GET', path, undefined, headers),
    post: (path, form = {}, headers = {}) => {
      const withToken = '_csrf' in form ? form : { ...form, _csrf: client.csrf ?? cookies.get('vigil_pre') ?? '' };
      return send('POST', path, formBody(withToken), { 'content-type': 'application/x-www-form-urlencoded', origin: api.baseUrl, ...headers });
    },
  };
  async function send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<AdminResponse> {
    const cookie = [...cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    const res = await fetch(api.baseUrl + path, { method, body, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = decodeURIComponent(pair!.slice(eq + 1));
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) cookies.delete(name);
      else cookies.set(name, value);
    }
    const text = await res.text();
    const csrf = /data-csrf="([^"]+)"/.exec(text)?.[1];
    if (csrf) client.csrf = csrf;
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }
  return client;
}

/** A password hash in the stored format, made here so suites can arrange users without the sign-up pages. */
function testPasswordHash(password: string): string {
  const salt = randomBytes(16);
  const N = 1024;
  const hash = scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export interface ArrangedUser {
  id: string;
  email: string;
  password: string;
}

/** Inserts a user directly (no sign-up flow), with a password that signs in. */
export async function arrangeUser(api: Pick<TestApi, 'database' | 'ctx'>, role: Role, fields: { email?: string; name?: string; password?: string } = {}): Promise<ArrangedUser> {
  const id = newId();
  const email = (fields.email ?? `${role}-${id}@example.test`).toLowerCase();
  const password = fields.password ?? `correct horse ${id}`;
  const now = api.ctx.clock.now().toISOString();
  await insertUser(api.database.db, { id, email, name: fields.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${id.slice(0, 4)}`, role, password_hash: testPasswordHash(password), created_at: now, updated_at: now });
  return { id, email, password };
}

/** A browser already signed in as a new user of `role` (its session made by the real session service). */
export async function signedInAs(api: TestApi, role: Role, fields: { email?: string; name?: string } = {}): Promise<AdminClient & { user: ArrangedUser }> {
  const user = await arrangeUser(api, role, fields);
  const row = (await getUser(api.database.db, user.id))!;
  const started = await startSession(api.ctx, DEFAULT_SESSION_POLICY, { user: row, method: 'password', stage: 'full', ip: '127.0.0.1', userAgent: 'test' });
  const client = adminClient(api);
  client.cookies.set('vigil_session', started.token);
  client.csrf = started.csrfToken;
  client.userId = user.id;
  return Object.assign(client, { user });
}
