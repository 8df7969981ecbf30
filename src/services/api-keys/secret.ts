import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'vgl_';

/** A new key: 192 random bits, so a fast hash at rest is enough (no password stretching needed). */
export function generateKeySecret(): { key: string; prefix: string; hash: string } {
  const key = PREFIX + randomBytes(24).toString('base64url');
  return { key, prefix: key.slice(0, PREFIX.length + 8), hash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
