// Small formatters shared by the checks so every reason reads the same way.
import { peerExcerpt } from '../../domain/outbound-text.js';

/** 300 → "300 ms", 5000 → "5s", 1500 → "1.5s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds}s`;
}

/** 60 → "60s", 192 → "3m 12s", 3900 → "1h 5m": at most two units, seconds spelled out below two minutes. */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s < 120) return `${s}s`;
  const units: Array<[string, number]> = [
    ['d', Math.floor(s / 86400)],
    ['h', Math.floor((s % 86400) / 3600)],
    ['m', Math.floor((s % 3600) / 60)],
    ['s', s % 60],
  ];
  const first = units.findIndex(([, n]) => n > 0);
  return units
    .slice(first, first + 2)
    .filter(([, n]) => n > 0)
    .map(([u, n]) => `${n}${u}`)
    .join(' ');
}

/** A short, printable excerpt of bytes a peer sent (for "got …" in reasons): escaped, at most `max` characters. */
export function excerpt(bytes: Buffer, max = 60): string {
  // Decode a little past the limit so a cut is shown with "…", never a byte more is kept.
  return peerExcerpt(bytes.subarray(0, max * 4 + 4).toString('utf8'), max);
}
