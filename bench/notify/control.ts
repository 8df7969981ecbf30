// The tiny HTTP control surface every sink process answers on: status and
// recipients (the tally), the first accepted message (so a reference sender can
// send the same bytes), and reset between phases. Plus the client side the
// benchmark uses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SinkStatus, Tally } from './tally.js';

export interface Sample {
  headers: Record<string, string>;
  body: string;
}

export interface ResetOptions {
  /** Distinct recipients that make the phase complete (completeAt). */
  expect?: number | null;
  /** SMTP sink: answer 421 to every message for this long, counted from the first message after the reset. */
  refuseFirstMs?: number;
}

export interface SinkState {
  tally: Tally;
  sample: Sample | null;
  onReset(options: ResetOptions): void;
}

/** Answers `prefix/status|recipients|sample|reset`; returns false for any other path. */
export function handleControl(prefix: string, state: SinkState, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '').split('?')[0]!;
  if (!path.startsWith(`${prefix}/`)) return false;
  const what = path.slice(prefix.length + 1);
  const json = (status: number, value: unknown) => {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  };
  if (req.method === 'GET' && what === 'status') json(200, state.tally.status());
  else if (req.method === 'GET' && what === 'recipients') json(200, state.tally.recipients());
  else if (req.method === 'GET' && what === 'sample') json(state.sample ? 200 : 404, state.sample);
  else if (req.method === 'POST' && what === 'reset') {
    let raw = '';
    req.setEncoding('utf8').on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const options = (raw ? JSON.parse(raw) : {}) as ResetOptions;
      state.tally.reset(options.expect ?? null);
      state.sample = null;
      state.onReset(options);
      res.writeHead(204).end();
    });
  } else json(404, { error: `no ${req.method} ${path}` });
  return true;
}

/** The benchmark's handle on a sink process's control surface. */
export class SinkClient {
  constructor(readonly base: string) {}

  async status(): Promise<SinkStatus> {
    return (await this.get('status')) as SinkStatus;
  }

  async recipients(): Promise<string[]> {
    return (await this.get('recipients')) as string[];
  }

  async sample(): Promise<Sample | null> {
    const res = await fetch(`${this.base}/sample`);
    if (res.status === 404) {
      await res.arrayBuffer();
      return null;
    }
    return (await res.json()) as Sample;
  }

  async reset(options: ResetOptions): Promise<void> {
    const res = await fetch(`${this.base}/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
    await res.arrayBuffer();
    if (res.status !== 204) throw new Error(`sink reset answered ${res.status}`);
  }

  private async get(what: string): Promise<unknown> {
    const res = await fetch(`${this.base}/${what}`);
    if (res.status !== 200) throw new Error(`sink ${what} answered ${res.status}`);
    return res.json();
  }
}
