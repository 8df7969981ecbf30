// Email over SMTP with nodemailer, pooled (one pool of `pool` connections per
// process). Messages about one incident or maintenance thread: the first has a
// deterministic root Message-ID, every later one its own deterministic id and
// In-Reply-To/References naming the root, and the subject stays the same.
// Messages to subscribers carry RFC 8058 one-click unsubscribe headers.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { NotificationEvent } from '../../domain/notifications.js';
import { peerExcerpt } from '../../domain/outbound-text.js';
import type { Clock } from '../../lib/clock.js';
import { renderContent } from '../render/content.js';
import { emailBodies, prepareEmail, type PreparedEmail } from '../render/email-templates.js';
import { Lru, perEvent } from '../render/lru.js';
import { composeMime, headerText, mailDate, parseFrom, plainAddress } from './mime.js';
import { noTarget, targetAddresses } from './target-config.js';
import type { Channel, Message, PageFacts, SendOutcome } from './types.js';

export interface EmailChannelOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`. */
  url: string;
  from: string;
  /** SMTP connections kept open at once (and messages in flight). */
  pool: number;
  clock: Clock;
  /** Trusted roots replacing the system's for the SMTP server's certificate (a private CA). */
  ca?: string[];
  logger?: Logger;
}

/** The kinds that open a conversation: their Message-ID is the thread's root. */
const THREAD_ROOTS = new Set(['incident.created', 'maintenance.scheduled']);

const idPart = (text: string): string => text.replace(/[^A-Za-z0-9.-]+/g, '.').replace(/^\.+|\.+$/g, '') || 'x';

function mailDomain(page: PageFacts): string {
  try {
    return idPart(new URL(page.url).hostname) || 'localhost';
  } catch {
    return 'localhost';
  }
}

export interface ThreadHeaders {
  messageId: string;
  /** The thread's root, for every message but the root itself. */
  root: string | null;
}

/**
 * Deterministic ids, so a retried delivery keeps its Message-ID: `<incident.<id>@host>` for the root,
 * `<incident.<id>.<event id>@host>` after it. The team's messages thread apart from subscribers'.
 */
export function threadHeaders(event: NotificationEvent, page: PageFacts, idempotencyKey: string): ThreadHeaders {
  const domain = mailDomain(page);
  if (!event.thread_key) return { messageId: `<vigil.${idPart(idempotencyKey)}@${domain}>`, root: null };
  const thread = idPart(event.thread_key) + (event.audience === 'public' ? '' : `.${event.audience}`);
  const root = `<${thread}@${domain}>`;
  if (THREAD_ROOTS.has(event.kind)) return { messageId: root, root: null };
  return { messageId: `<${thread}.${event.id}@${domain}>`, root };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * 4xx replies and connection trouble are retried; 5xx replies are final. A refused login is our
 * configuration, not the recipient: retried, so mail waits until the operator fixes it.
 */
export function classifySmtpError(err: unknown): SendOutcome {
  const e = (err ?? {}) as SmtpError;
  const said = peerExcerpt((e.response ?? e.message ?? 'unknown error').trim(), 200);
  if (e.code === 'EAUTH') return { ok: false, permanent: false, retry_after_ms: null, error: `SMTP authentication failed: ${said}` };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return { ok: false, permanent: true, retry_after_ms: null, error: `SMTP ${e.responseCode}: ${said}` };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return { ok: false, permanent: false, retry_after_ms: null, error: `SMTP ${e.responseCode}: ${said}` };
  return { ok: false, permanent: false, retry_after_ms: null, error: `SMTP ${e.code ?? 'error'}: ${said}` };
}

export function createEmailChannel(options: EmailChannelOptions): Channel {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.pool,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
  });
  const prepared = new Lru<string, PreparedEmail>(64);
  const sender = parseFrom(options.from);

  return {
    type: 'email',
    limits: { concurrency: options.pool, perTargetPerSecond: null },
    async send(message: Message): Promise<SendOutcome> {
      const to = targetAddresses(message.recipient);
      if (to.length === 0) return noTarget('email address');
      try {
        const { event, page, recipient, attempt } = message;
        const mail = perEvent(prepared, event, page, () => prepareEmail(renderContent(event, page), page));
        const bodies = emailBodies(mail, recipient);
        const thread = threadHeaders(event, page, attempt.idempotency_key);
        const headers: Record<string, string> = { 'X-Vigil-Delivery': attempt.idempotency_key, 'X-Vigil-Event': event.kind, 'Auto-Submitted': 'auto-generated' };
        if (recipient.kind === 'subscriber' && recipient.links && event.audience === 'public') {
          headers['List-Unsubscribe'] = `<${recipient.links.unsubscribe}>`;
          headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
        }
        const refs = thread.root ? { inReplyTo: thread.root, references: [thread.root] } : {};
        const date = options.clock.now();
        // The fast path composes the message itself; an address nodemailer must encode goes through it.
        const info = to.every(plainAddress)
          ? await transport.sendMail({
              envelope: { from: sender.address, to },
              raw: composeMime({
                shared: [
                  `From: ${sender.header}`,
                  `Subject: ${headerText(mail.subject)}`,
                  `Message-ID: ${thread.messageId}`,
                  ...(thread.root ? [`In-Reply-To: ${thread.root}`, `References: ${thread.root}`] : []),
                ],
                own: [`To: ${to.join(', ')}`, `Date: ${mailDate(date)}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${headerText(v)}`)],
                text: bodies.text,
                html: bodies.html,
              }),
            })
          : await transport.sendMail({ from: options.from, to, subject: mail.subject, text: bodies.text, html: bodies.html, messageId: thread.messageId, date, headers, ...refs });
        if (info.accepted.length === 0) return { ok: false, permanent: true, retry_after_ms: null, error: 'SMTP: every recipient was refused' };
        return { ok: true };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
    async close() {
      transport.close();
    },
  };
}
