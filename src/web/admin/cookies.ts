// The two cookies the web app sets, read and written without a framework plugin.

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in out) continue; // the first one wins, as browsers send the most specific first
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed cookie is ignored, never an error page
    }
  }
  return out;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie; undefined makes a browser-session cookie. */
  maxAge?: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  let cookie = `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax`;
  if (options.secure) cookie += '; Secure';
  if (options.maxAge !== undefined) cookie += `; Max-Age=${options.maxAge}`;
  return cookie;
}

/** Behind https the names carry the `__Host-` prefix: the browser then refuses them from any subdomain or over http. */
export function cookieNames(secure: boolean): { session: string; presession: string } {
  return secure ? { session: '__Host-vigil_session', presession: '__Host-vigil_pre' } : { session: 'vigil_session', presession: 'vigil_pre' };
}
