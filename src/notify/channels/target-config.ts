// Reading a recipient's stored target: the worker hands over JSON, channels
// need a URL (and maybe a secret) or a list of addresses.
import type { Recipient } from './types.js';

export function targetUrl(recipient: Recipient): string | null {
  const url = recipient.config['url'];
  return typeof url === 'string' && url.length > 0 ? url : null;
}

export function targetSecret(recipient: Recipient): string | null {
  const secret = recipient.config['secret'];
  return typeof secret === 'string' && secret.length > 0 ? secret : null;
}

export function targetAddresses(recipient: Recipient): string[] {
  const to = recipient.config['to'];
  const list = Array.isArray(to) ? to : typeof to === 'string' ? [to] : [];
  return list.filter((a): a is string => typeof a === 'string' && a.trim().length > 0);
}

export const noTarget = (what: string) => ({ ok: false as const, permanent: true, retry_after_ms: null, error: `the recipient has no ${what}` });
