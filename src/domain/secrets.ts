// Write-only fields. A secret is stored as given (a check has to send it) but
// never shown: API answers and audit rows carry a placeholder instead, and a
// write that sends the placeholder back keeps the stored value, so reading an
// object, editing one field and writing it back does not wipe its secrets.

/** What a secret looks like wherever it is shown. */
export const REDACTED = '••••';

/**
 * Where a secret sits in an object: property names, `*` for every property of
 * a map (`['headers', '*']`). `url-password` keeps a URL readable and hides only
 * the password of its `user:password@` part.
 */
export interface SecretField {
  path: readonly string[];
  kind?: 'value' | 'url-password';
}

type Visit = (holder: Record<string, unknown>, key: string, dotted: string, field: SecretField) => void;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Calls `visit` for every property a field names that holds a non-null value. */
function eachSecret(root: Record<string, unknown>, fields: readonly SecretField[], visit: Visit): void {
  for (const field of fields) {
    const walk = (holder: Record<string, unknown>, depth: number, prefix: string) => {
      const step = field.path[depth]!;
      const keys = step === '*' ? Object.keys(holder) : Object.hasOwn(holder, step) ? [step] : [];
      for (const key of keys) {
        const dotted = prefix === '' ? key : `${prefix}.${key}`;
        const value = holder[key];
        if (depth === field.path.length - 1) {
          if (value !== null && value !== undefined) visit(holder, key, dotted, field);
        } else if (isObject(value)) {
          walk(value, depth + 1, dotted);
        }
      }
    };
    walk(root, 0, '');
  }
}

function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

/** A copy with every secret replaced by the placeholder; null (no secret set) stays null. */
export function redactSecrets<T extends Record<string, unknown>>(value: T, fields: readonly SecretField[]): T {
  const copy = deepCopy(value);
  eachSecret(copy, fields, (holder, key, _dotted, field) => {
    holder[key] = field.kind === 'url-password' ? redactUrlPassword(String(holder[key])) : REDACTED;
  });
  return copy;
}

/**
 * A copy of `incoming` where each placeholder is the value `stored` has at the
 * same place. A placeholder with nothing stored behind it is left as it is
 * (see `placeholderPaths`).
 */
export function restoreSecrets<T extends Record<string, unknown>>(incoming: T, stored: Record<string, unknown>, fields: readonly SecretField[]): T {
  const copy = deepCopy(incoming);
  eachSecret(copy, fields, (holder, key, dotted, field) => {
    const previous = valueAt(stored, dotted);
    if (previous === undefined || previous === null) return;
    const given = holder[key];
    if (field.kind === 'url-password') {
      if (typeof given === 'string' && typeof previous === 'string') holder[key] = restoreUrlPassword(given, previous);
    } else if (given === REDACTED) {
      holder[key] = previous;
    }
  });
  return copy;
}

/** Dotted paths (`headers.Authorization`) that still hold the placeholder: a secret that was never given. */
export function placeholderPaths(value: Record<string, unknown>, fields: readonly SecretField[]): string[] {
  const found: string[] = [];
  eachSecret(value, fields, (holder, key, dotted, field) => {
    const v = holder[key];
    const placeholder = field.kind === 'url-password' ? typeof v === 'string' && urlPassword(v) === REDACTED : v === REDACTED;
    if (placeholder) found.push(dotted);
  });
  return found;
}

function valueAt(root: Record<string, unknown>, dotted: string): unknown {
  let at: unknown = root;
  // Header names hold no dots in practice; a map key with one simply finds nothing to restore.
  for (const key of dotted.split('.')) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

/** The password of a URL's `user:password@` part, decoded; null when it has none. */
function urlPassword(url: string): string | null {
  const m = USERINFO.exec(url);
  const colon = m ? m[2]!.indexOf(':') : -1;
  if (!m || colon < 0) return null;
  const raw = m[2]!.slice(colon + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `https://bot:hunter2@host/x` → `https://bot:••••@host/x`; URLs without a password are unchanged. */
export function redactUrlPassword(url: string): string {
  const m = USERINFO.exec(url);
  if (!m || !m[2]!.includes(':')) return url;
  const user = m[2]!.slice(0, m[2]!.indexOf(':'));
  return `${m[1]}${user}:${REDACTED}@${url.slice(m[0].length)}`;
}

/** Puts the stored URL's password back into a URL that was sent with the placeholder. */
function restoreUrlPassword(given: string, stored: string): string {
  if (urlPassword(given) !== REDACTED) return given;
  const m = USERINFO.exec(given)!;
  const storedUserinfo = USERINFO.exec(stored)?.[2];
  if (storedUserinfo === undefined || !storedUserinfo.includes(':')) return given;
  const user = m[2]!.slice(0, m[2]!.indexOf(':'));
  return `${m[1]}${user}:${storedUserinfo.slice(storedUserinfo.indexOf(':') + 1)}@${given.slice(m[0].length)}`;
}

/**
 * Each monitor type's secrets, in its options. Every header value counts (a
 * header is where tokens, cookies and API keys go, and telling the harmless ones
 * apart is guesswork); a TCP `send` payload is how protocols log in (`AUTH …`).
 */
const MONITOR_SECRET_FIELDS: Readonly<Record<string, readonly SecretField[]>> = {
  http: [{ path: ['headers', '*'] }, { path: ['basic_auth', 'password'] }, { path: ['url'], kind: 'url-password' }],
  tcp: [{ path: ['send'] }],
  statuspage: [{ path: ['url'], kind: 'url-password' }],
};

export function monitorSecretFields(type: string): readonly SecretField[] {
  return MONITOR_SECRET_FIELDS[type] ?? [];
}

/**
 * Each notification channel type's secrets, in its config: a chat or webhook URL is itself the
 * credential (anyone holding it can post), and a webhook's signing secret.
 */
const CHANNEL_SECRET_FIELDS: Readonly<Record<string, readonly SecretField[]>> = {
  webhook: [{ path: ['url'] }, { path: ['secret'] }],
  slack: [{ path: ['url'] }],
  discord: [{ path: ['url'] }],
  teams: [{ path: ['url'] }],
};

export function channelSecretFields(type: string): readonly SecretField[] {
  return CHANNEL_SECRET_FIELDS[type] ?? [];
}

/** A URL fit for public text: its `user:password@` part removed entirely. */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO, '$1');
}
