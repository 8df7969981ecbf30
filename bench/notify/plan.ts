// What the reference sender sends: one real email and one real webhook body as
// Vigil sent them (taken from the sinks after Vigil's run), or, when Vigil
// delivered none, bodies of a similar size.
import { simpleParser } from 'mailparser';
import type { BarePlan } from './bare-sender.js';
import type { Sample } from './control.js';

/** Headers nodemailer writes itself, or that carry the per-message key. */
const COMPOSED = new Set(['from', 'to', 'cc', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding', 'received']);

export interface PlanInput {
  smtp: { host: string; port: number; pool: number };
  concurrency: number;
  addresses: string[];
  urls: string[];
  emailSample: Sample | null;
  webhookSample: Sample | null;
  emailKeyHeader: string;
  webhookKeyHeader: string;
}

export interface Plan {
  plan: BarePlan;
  /** Where the bodies came from, for the output. */
  source: string;
  emailBytes: number;
  webhookBytes: number;
}

export async function buildPlan(input: PlanInput): Promise<Plan> {
  const email = input.emailSample ? await fromEmailSample(input.emailSample, input.emailKeyHeader) : syntheticEmail(input.emailKeyHeader);
  const body = input.webhookSample?.body ?? syntheticWebhookBody();
  const signatureHeader = input.webhookSample ? (Object.keys(input.webhookSample.headers).find((h) => h.includes('signature')) ?? null) : 'x-vigil-signature';
  const source = `${input.emailSample ? 'Vigil\'s email' : 'a synthetic email'} and ${input.webhookSample ? 'Vigil\'s webhook body' : 'a synthetic webhook body'}`;
  return {
    plan: {
      smtp: input.smtp,
      email,
      addresses: input.addresses,
      webhook: { concurrency: input.concurrency, body, keyHeader: input.webhookKeyHeader, signatureHeader },
      urls: input.urls,
    },
    source,
    emailBytes: input.emailSample?.body.length ?? email.text.length + (email.html?.length ?? 0),
    webhookBytes: body.length,
  };
}

async function fromEmailSample(sample: Sample, keyHeader: string): Promise<BarePlan['email']> {
  const parsed = await simpleParser(sample.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(sample.headers)) if (!COMPOSED.has(name) && name !== keyHeader.toLowerCase()) headers[name] = value;
  return {
    from: sample.headers.from ?? 'Vigil <vigil@localhost>',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers,
    keyHeader,
  };
}

function syntheticEmail(keyHeader: string): BarePlan['email'] {
  const paragraph = 'We are investigating elevated error rates on the API. Some requests may fail or time out while we work on it. ';
  return {
    from: 'Status <status@example.com>',
    subject: '[Bench page] Identified: elevated API errors',
    text: paragraph.repeat(12),
    html: `<!doctype html><html><body><table><tr><td><p>${paragraph.repeat(12)}</p></td></tr></table>${'<p style="color:#555;font-family:sans-serif">footer</p>'.repeat(40)}</body></html>`,
    headers: {
      'list-unsubscribe': '<https://status.example.com/subscriptions/unsubscribe?token=x>',
      'list-unsubscribe-post': 'List-Unsubscribe=One-Click',
      'in-reply-to': '<incident-bench@status.example.com>',
      references: '<incident-bench@status.example.com>',
    },
    keyHeader,
  };
}

function syntheticWebhookBody(): string {
  return JSON.stringify({
    meta: { unsubscribe: 'https://status.example.com/subscriptions/unsubscribe?token=x', documentation: 'https://status.example.com/docs/webhooks' },
    page: { id: 'benchpage000', status_indicator: 'major', status_description: 'Partial System Outage' },
    incident: {
      id: 'benchincid00',
      name: 'Elevated API errors',
      status: 'identified',
      impact: 'major',
      incident_updates: Array.from({ length: 2 }, (_, i) => ({ id: `upd${i}`, status: 'identified', body: 'We are investigating elevated error rates on the API.'.repeat(4) })),
    },
  });
}
