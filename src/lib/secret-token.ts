import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, one-time links, CSRF tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How a secret token is kept at rest: its SHA-256, so a database leak yields nothing usable. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
