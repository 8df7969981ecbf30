// The reference of bench:notify, in a process of its own: sends the same
// messages Vigil sends (the same bodies and headers, one email per address,
// one POST per webhook URL) straight to the same sinks with the same
// concurrency: a nodemailer pool of `pool` connections and `concurrency` HTTP
// POSTs in flight over keep-alive sockets, both at once. No database, no
// outbox, no retries: what sending alone costs.
//
// argv[2]: a JSON file holding a BarePlan. Prints `bare started at <epoch ms>`
// just before the first message, then `bare done …` with the counts.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import nodemailer from 'nodemailer';
import { preciseNow } from './tally.js';

export interface BarePlan {
  smtp: { host: string; port: number; pool: number };
  email: { from: string; subject: string; text: string; html: string | null; headers: Record<string, string>; keyHeader: string };
  addresses: string[];
  webhook: { concurrency: number; body: string; keyHeader: string; signatureHeader: string | null };
  urls: string[];
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BarePlan;

const transport = nodemailer.createTransport({
  host: plan.smtp.host,
  port: plan.smtp.port,
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: plan.smtp.pool,
  maxMessages: Infinity,
});
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.webhook.concurrency });

let emailsOk = 0;
let webhooksOk = 0;
const failures: string[] = [];

/** Runs `work` over 0..n-1 with at most `width` in flight. */
async function pool(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

async function sendEmail(i: number): Promise<void> {
  const { email } = plan;
  try {
    await transport.sendMail({
      from: email.from,
      to: plan.addresses[i]!,
      subject: email.subject,
      text: email.text,
      ...(email.html === null ? {} : { html: email.html }),
      messageId: `<bare-${i}@bench.invalid>`,
      headers: { ...email.headers, [email.keyHeader]: `bare-email-${i}` },
    });
    emailsOk++;
  } catch (err) {
    failures.push(`email ${i}: ${(err as Error).message}`);
  }
}

function postWebhook(i: number): Promise<void> {
  const { webhook } = plan;
  const url = new URL(plan.urls[i]!);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(webhook.body)),
    'user-agent': 'bench-bare-sender',
    [webhook.keyHeader]: `bare-webhook-${i}`,
  };
  if (webhook.signatureHeader) headers[webhook.signatureHeader] = `t=${timestamp},v1=${createHmac('sha256', 'bench-secret').update(`${timestamp}.${webhook.body}`).digest('hex')}`;
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode! >= 200 && res.statusCode! < 300) webhooksOk++;
        else failures.push(`webhook ${i}: HTTP ${res.statusCode}`);
        resolve();
      });
    });
    req.on('error', (err) => {
      failures.push(`webhook ${i}: ${err.message}`);
      resolve();
    });
    req.end(webhook.body);
  });
}

process.stdout.write(`bare started at ${preciseNow()}\n`);
// Twice the pool's width keeps every connection fed while a reply is on its way.
await Promise.all([pool(plan.addresses.length, plan.smtp.pool * 2, sendEmail), pool(plan.urls.length, plan.webhook.concurrency, postWebhook)]);
const doneAt = preciseNow();
transport.close();
agent.destroy();
const cpu = process.cpuUsage();
for (const f of failures.slice(0, 5)) process.stderr.write(`bare: ${f}\n`);
process.stdout.write(`bare done at ${doneAt} emails=${emailsOk}/${plan.addresses.length} webhooks=${webhooksOk}/${plan.urls.length} failed=${failures.length} cpu=${Math.round((cpu.user + cpu.system) / 1000)}\n`);
