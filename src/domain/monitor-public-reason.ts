// What a status page may say about why a monitor failed. A check's reason is
// written for the team and can quote the peer (a banner, a JSON value, a
// certificate's names, an upstream page's description); public incident text
// must never carry those bytes. So the public reason is chosen from a fixed
// vocabulary by the KIND of failure the reason reports — the shapes the checks
// in engine/checks/ produce — and only a status code (three digits) or an
// indicator from a closed set is ever copied over.

type Rule = readonly [RegExp, string | ((m: RegExpExecArray) => string)];

const RULES: readonly Rule[] = [
  [/^refused by (the )?outbound policy/, 'the target is not permitted'],
  [/^timed out after|^DNS query timed out|timed out \(ETIMEDOUT\)/, 'timed out'],
  [/^the check was cancelled/, 'the check was cancelled'],
  [/^expected status .*, got (\d{3})$/, (m) => `HTTP ${m[1]}`],
  [/^upstream summary answered HTTP (\d{3})$/, (m) => `upstream HTTP ${m[1]}`],
  [/^response took \d+ ms, over the/, 'response too slow'],
  [/^keyword .* not found in /, 'keyword missing'],
  [/^keyword .* found in .*\(it must be absent\)$/, 'unexpected keyword found'],
  [/^regex .* did not match /, 'expected content missing'],
  [/^regex .* matched .*\(it must not match\)$/, 'unexpected content found'],
  [/^(regular expression|invalid regular expression)/, 'content check failed'],
  [/^response is not valid JSON/, 'invalid JSON response'],
  [/^JSON path .* not found in the response$/, 'JSON value missing'],
  [/^JSON path .* is .*, expected /, 'unexpected JSON value'],
  [/^redirect loop/, 'redirect loop'],
  [/^too many redirects/, 'too many redirects'],
  [/^redirect \d{3} to an? (invalid|unsupported) location/, 'invalid redirect'],
  [/^could not resolve .*\(ENOTFOUND\)$|^host name not found/, 'host name not found'],
  [/host name lookup failed temporarily/, 'host name lookup failed'],
  [/^connection refused/, 'connection refused'],
  [/^connection reset/, 'connection reset'],
  [/^connection closed by the peer|^the connection closed/, 'connection closed'],
  [/^host unreachable/, 'host unreachable'],
  [/^network unreachable/, 'network unreachable'],
  [/^address not available/, 'address not available'],
  [/^invalid HTTP response/, 'invalid HTTP response'],
  [/^TLS: (the )?certificate (has )?expired|^TLS: a certificate in the chain has expired/, 'TLS certificate expired'],
  [/^TLS: (the )?certificate is not (yet )?valid until|not yet valid/, 'TLS certificate not yet valid'],
  [/^TLS: certificate is not valid for /, 'TLS certificate does not match the host name'],
  [/^TLS: certificate has been revoked/, 'TLS certificate revoked'],
  [/^TLS: the server sent no certificate/, 'no TLS certificate'],
  [/^TLS handshake failed/, 'TLS handshake failed'],
  [/^TLS: /, 'TLS certificate not trusted'],
  [/does not exist \(NXDOMAIN\)$/, 'DNS name does not exist'],
  [/^no [A-Z]+ records for /, 'no DNS records'],
  [/^the resolver answered SERVFAIL/, 'DNS server failure'],
  [/^the resolver refused the query/, 'DNS query refused'],
  [/^could not reach the resolver/, 'DNS resolver unreachable'],
  [/^expected [A-Z]+ .* not among the answers/, 'unexpected DNS answer'],
  [/^DNS query failed/, 'DNS query failed'],
  [/^expected ".*"( in the first \d+ bytes)?, got /, 'unexpected response'],
  [/^no ping (for|since)|^no ping yet/, 'no heartbeat received'],
  [/^the job reported failure$/, 'the job reported failure'],
  [/^upstream reports (minor|major|critical)\b/, (m) => `upstream reports a ${m[1]} outage`],
  [/^upstream component .* reports (degraded performance|partial outage|major outage|under maintenance)$/, (m) => `upstream component reports ${m[1]}`],
  [/^upstream component .* not found/, 'upstream component not found'],
  [/^upstream summary (is|has)/, 'invalid upstream summary'],
];

/** Used when a reason is missing or of no known kind. */
export const GENERIC_PUBLIC_REASON = 'the check failed';

/** The public-safe words for a check's reason: a fixed phrase for its kind, never the peer's bytes. */
export function publicReason(reason: string | null | undefined): string {
  const text = (reason ?? '').trim();
  if (text === '') return GENERIC_PUBLIC_REASON;
  for (const [pattern, phrase] of RULES) {
    const m = pattern.exec(text);
    if (m) return typeof phrase === 'string' ? phrase : phrase(m);
  }
  return GENERIC_PUBLIC_REASON;
}
