// A small channel for worker tests that really sends: one HTTP POST per
// message to the recipient's URL (or to `mailbox` for email-type recipients),
// with the idempotency key in a header. Outcomes follow the status code as the
// real webhook channel's do: 2xx delivered, 408/429/5xx retried (Retry-After
// read), other 4xx permanent.
import http from 'node:http';
import type { ChannelType } from '../domain/notifications.js';
import type { Channel, ChannelLimits, Message, SendOutcome } from './channels/types.js';

export function httpTestChannel(type: ChannelType, limits: Partial<ChannelLimits> = {}, mailbox?: string): Channel {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    type,
    limits: { concurrency: limits.concurrency ?? 20, perTargetPerSecond: limits.perTargetPerSecond ?? null },
    send(message: Message): Promise<SendOutcome> {
      const cfg = message.recipient.config;
      const target = typeof cfg.url === 'string' ? cfg.url : `${mailbox}/mail/${encodeURIComponent(String((cfg.to as string[])[0]))}`;
      const body = JSON.stringify({ kind: message.event.kind, event_id: message.event.id, recipient: message.recipient.id, attempt: message.attempt.attempt, links: message.recipient.links });
      return new Promise((resolve) => {
        const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'idempotency-key': message.attempt.idempotency_key } }, (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve({ ok: true });
            const retryAfter = res.headers['retry-after'];
            const retry_after_ms = retryAfter === undefined ? null : Number(retryAfter) * 1000;
            const transient = status === 408 || status === 429 || status >= 500;
            resolve({ ok: false, permanent: !transient, retry_after_ms, error: `HTTP ${status} from ${target}` });
          });
        });
        req.on('error', (err) => resolve({ ok: false, permanent: false, retry_after_ms: null, error: err.message }));
        req.end(body);
      });
    },
    close: async () => agent.destroy(),
  };
}
