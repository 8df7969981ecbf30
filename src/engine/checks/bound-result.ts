// The last line of defence between what a peer sent and what Vigil stores and
// shows: every result leaving runCheck has an escaped reason and warning of
// bounded length, and every string in its detail is a short escaped excerpt.
import { escapeControls, peerExcerpt, PEER_EXCERPT_MAX } from '../../domain/outbound-text.js';
import type { CheckResult } from './types.js';

/** Our own words plus at most a few peer excerpts fit well within this. */
export const MAX_REASON_CHARS = 1000;
const MAX_LIST = 50;
const MAX_DEPTH = 4;

function boundValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return peerExcerpt(value, PEER_EXCERPT_MAX);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) return value.slice(0, MAX_LIST).map((v) => boundValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).slice(0, MAX_LIST).map(([k, v]) => [peerExcerpt(k, 64), boundValue(v, depth + 1)]));
}

function boundText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const escaped = escapeControls(text);
  return escaped.length > MAX_REASON_CHARS ? `${escaped.slice(0, MAX_REASON_CHARS)}…` : escaped;
}

export function boundResult(result: CheckResult): CheckResult {
  const bounded: CheckResult = { ...result, reason: boundText(result.reason) };
  if (result.warning !== undefined) bounded.warning = boundText(result.warning);
  if (result.detail !== undefined) bounded.detail = boundValue(result.detail, 0) as Record<string, unknown>;
  return bounded;
}
