// A small RFC 5322 / MIME composer for the fan-out path: a multipart/alternative
// message with base64 text and HTML parts. Composing with nodemailer costs about
// a millisecond of CPU per message; the fan-out sends thousands of nearly equal
// messages, so the per-event headers are encoded once and each recipient only
// adds its own lines and bodies. Anything unusual (a non-ASCII address) is left
// to nodemailer by the caller.
import { randomBytes } from 'node:crypto';

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** Whether an address can go into a header and the envelope as it is. */
export function plainAddress(address: string): boolean {
  return ASCII_PRINTABLE.test(address) && !/[\s<>,;"]/.test(address) && address.includes('@');
}

/** RFC 2047 encoded words of at most ~45 UTF-8 bytes each, never splitting a character. */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

/** A header value: as it is when short printable ASCII, else encoded words on folded lines. */
export function headerText(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return ASCII_PRINTABLE.test(flat) && flat.length <= 900 ? flat : encodedWords(flat);
}

/** `Name <address>` or a bare address, as given in VIGIL_MAIL_FROM: the header and the envelope address. */
export function parseFrom(from: string): { header: string; address: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(from);
  if (!match) return { header: from.trim(), address: from.trim() };
  const name = match[1]!.replace(/^"(.*)"$/, '$1');
  const address = match[2]!.trim();
  if (!name) return { header: `<${address}>`, address };
  const shown = ASCII_PRINTABLE.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodedWords(name);
  return { header: `${shown} <${address}>`, address };
}

function base64Lines(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\r\n');
}

/** RFC 5322 date in UTC. */
export function mailDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

export interface MimeParts {
  /** Header lines shared by every recipient of one event, already encoded, without the final CRLF. */
  shared: string[];
  /** Header lines for this recipient (To, List-Unsubscribe, …), already encoded. */
  own: string[];
  text: string;
  html: string;
}

export function composeMime(parts: MimeParts): string {
  const boundary = `vigil-${randomBytes(12).toString('hex')}`;
  return [
    ...parts.shared,
    ...parts.own,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(parts.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(parts.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
