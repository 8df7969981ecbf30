// A tiny authoritative DNS server over UDP for DNS check tests. It answers
// A, AAAA, TXT, MX and CNAME from a table, NXDOMAIN for unknown names and an
// empty answer (NODATA) for a known name without that record type.
import { createSocket } from 'node:dgram';
import type { RemoteInfo } from 'node:dgram';

export interface DnsRecords {
  A?: string[];
  AAAA?: string[];
  /** One entry per TXT record; an array is one record made of several strings. */
  TXT?: Array<string | string[]>;
  MX?: Array<{ priority: number; exchange: string }>;
  CNAME?: string;
}

export type DnsTable = Record<string, DnsRecords>;

export interface DnsServer {
  port: number;
  /** "127.0.0.1:port", the form a DNS check's `resolver` takes. */
  address: string;
  /** Queries received so far. */
  queries: number;
  close(): Promise<void>;
}

const TYPE = { A: 1, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 } as const;

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function encodeName(name: string): Buffer {
  const labels = normalize(name).split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])), Buffer.from([0])]);
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function txtData(record: string | string[]): Buffer {
  const parts = (Array.isArray(record) ? record : [record]).map((s) => Buffer.from(s, 'utf8'));
  return Buffer.concat(parts.flatMap((p) => [Buffer.from([p.length]), p]));
}

function rr(owner: Buffer, type: number, data: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2); // class IN
  fixed.writeUInt32BE(300, 4); // TTL
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([owner, fixed, data]);
}

function recordsFor(table: DnsTable, name: string, qtype: number, owner: Buffer, depth = 0): Buffer[] {
  const entry = table[normalize(name)];
  if (!entry) return [];
  if (entry.CNAME && qtype !== TYPE.CNAME) {
    const cname = rr(owner, TYPE.CNAME, encodeName(entry.CNAME));
    return depth > 8 ? [cname] : [cname, ...recordsFor(table, entry.CNAME, qtype, encodeName(entry.CNAME), depth + 1)];
  }
  switch (qtype) {
    case TYPE.A:
      return (entry.A ?? []).map((ip) => rr(owner, TYPE.A, Buffer.from(ip.split('.').map(Number))));
    case TYPE.AAAA:
      return (entry.AAAA ?? []).map((ip) => rr(owner, TYPE.AAAA, ipv6Bytes(ip)));
    case TYPE.TXT:
      return (entry.TXT ?? []).map((t) => rr(owner, TYPE.TXT, txtData(t)));
    case TYPE.MX:
      return (entry.MX ?? []).map((m) => {
        const pref = Buffer.alloc(2);
        pref.writeUInt16BE(m.priority, 0);
        return rr(owner, TYPE.MX, Buffer.concat([pref, encodeName(m.exchange)]));
      });
    case TYPE.CNAME:
      return entry.CNAME ? [rr(owner, TYPE.CNAME, encodeName(entry.CNAME))] : [];
    default:
      return [];
  }
}

/** The reply to one query, or null when the query is malformed or its name is in `silent`. */
function answer(query: Buffer, table: DnsTable, silent: Set<string>): Buffer | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let at = 12;
  while (at < query.length && query[at] !== 0) {
    const len = query[at]!;
    labels.push(query.subarray(at + 1, at + 1 + len).toString('ascii'));
    at += 1 + len;
  }
  at += 1;
  if (at + 4 > query.length) return null;
  const qtype = query.readUInt16BE(at);
  const questionEnd = at + 4;
  const name = normalize(labels.join('.'));
  if (silent.has(name)) return null;
  const known = table[name] !== undefined;
  const answers = known ? recordsFor(table, name, qtype, Buffer.from([0xc0, 0x0c])) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // id
  const opcodeAndRd = query.readUInt16BE(2) & 0x7900;
  header.writeUInt16BE(0x8000 | opcodeAndRd | 0x0400 | 0x0080 | (known ? 0 : 3), 2); // QR, AA, RA, NXDOMAIN
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

export function startDnsServer(table: DnsTable, options: { silent?: string[] } = {}): Promise<DnsServer> {
  const normalized: DnsTable = Object.fromEntries(Object.entries(table).map(([k, v]) => [normalize(k), v]));
  const silent = new Set((options.silent ?? []).map(normalize));
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    const server: DnsServer = {
      port: 0,
      address: '',
      queries: 0,
      close: () => new Promise<void>((done) => socket.close(() => done())),
    };
    socket.on('message', (msg: Buffer, from: RemoteInfo) => {
      server.queries += 1;
      const reply = answer(msg, normalized, silent);
      if (reply) socket.send(reply, from.port, from.address);
    });
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      server.port = socket.address().port;
      server.address = `127.0.0.1:${server.port}`;
      resolve(server);
    });
  });
}
