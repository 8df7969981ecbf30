// Turns the errors Node's sockets raise into reasons a person can act on.
// The code stays in the text so it can be searched for.
import { peerExcerpt } from '../../domain/outbound-text.js';

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the peer',
  EPIPE: 'connection closed by the peer',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed temporarily',
  EADDRNOTAVAIL: 'address not available',
};

const TLS_CHAIN_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (untrusted root)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted certificate chain (issuer not trusted)',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted certificate chain (issuer not found)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted certificate chain (unable to verify the first certificate)',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
};

/** How a run refused by the outbound policy (docs/adr/0011) begins its reason. */
export const OUTBOUND_REFUSED = 'refused by outbound policy';

/** A chain verification code (socket.authorizationError) → words. */
export function describeTlsChainError(code: string): string {
  return TLS_CHAIN_REASONS[code] ?? `certificate verification failed (${code})`;
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Any error from a socket, TLS handshake or HTTP parser → a reason. */
export function describeNetError(err: unknown, host?: string): string {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ERR_OUTBOUND_REFUSED') return `${OUTBOUND_REFUSED}: ${message}`;
  if (code === 'ENOTFOUND' && host) return `could not resolve ${host} (ENOTFOUND)`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const covers = (err as { cert?: { subjectaltname?: unknown } }).cert?.subjectaltname;
    return `TLS: certificate is not valid for ${host ?? 'this host'}${typeof covers === 'string' ? ` (it covers ${peerExcerpt(covers)})` : ''}`;
  }
  if (code && TLS_CHAIN_REASONS[code]) return `TLS: ${TLS_CHAIN_REASONS[code]}`;
  if (code && SOCKET_REASONS[code]) return `${SOCKET_REASONS[code]} (${code})`;
  if (code?.startsWith('ERR_SSL_')) return `TLS handshake failed: ${code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ')}`;
  if (code === 'EPROTO') return `TLS handshake failed: ${/SSL routines:[^:]*:([^:]+):/.exec(message)?.[1] ?? message.trim()}`;
  if (code?.startsWith('HPE_')) return `invalid HTTP response (${code})`;
  if (/socket disconnected before secure TLS connection/i.test(message)) return 'TLS handshake failed: the connection closed during the handshake';
  // Anything else may quote what the peer sent: bounded and escaped.
  return code ? `${peerExcerpt(message)} (${code})` : peerExcerpt(message);
}
