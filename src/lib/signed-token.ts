// Signed, expiring links for subscribers (confirm, manage, unsubscribe). The
// token names the subscriber and its expiry; the HMAC also covers the purpose
// and the subscriber's nonce, so a token works for one purpose only and
// replacing the nonce revokes every link already sent.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe';

export interface TokenClaims {
  purpose: TokenPurpose;
  subject: string;
  nonce: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

function mac(secret: string, c: TokenClaims): string {
  return createHmac('sha256', secret).update(`${c.purpose}\n${c.subject}\n${c.nonce}\n${c.expiresAt}`).digest('base64url');
}

export function signToken(secret: string, claims: TokenClaims): string {
  return `${claims.subject}.${claims.expiresAt.toString(36)}.${mac(secret, claims)}`;
}

/** The subject a token names, read before verifying (to load its nonce); null when malformed. */
export function tokenSubject(token: string): string | null {
  const parts = token.split('.');
  return parts.length === 3 && /^[a-z0-9]{1,64}$/.test(parts[0]!) ? parts[0]! : null;
}

export type TokenCheck = 'ok' | 'invalid' | 'expired';

/** Checks a token for one purpose and subject nonce; expiry is judged only once the signature holds. */
export function verifyToken(secret: string, token: string, expected: { purpose: TokenPurpose; nonce: string; nowMs: number }): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return 'invalid';
  const [subject, exp36, given] = parts as [string, string, string];
  const expiresAt = Number.parseInt(exp36, 36);
  if (!/^[a-z0-9]{1,12}$/.test(exp36) || !Number.isSafeInteger(expiresAt)) return 'invalid';
  const want = Buffer.from(mac(secret, { purpose: expected.purpose, subject, nonce: expected.nonce, expiresAt }));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'invalid';
  return expiresAt <= expected.nowMs ? 'expired' : 'ok';
}
