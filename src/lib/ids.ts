import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 12-character lowercase id, the same shape as Statuspage's, so imported ids fit beside ours. */
export function newId(): string {
  const bytes = randomBytes(12);
  let id = '';
  // 256 % 36 leaves a small bias; acceptable for identifiers, not for secrets.
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
