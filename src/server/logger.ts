// The process logger. Logs go to stderr so stdout carries only what a command
// produces (the admin key banner, a created key, migration names), which lets
// scripts capture it cleanly. A heartbeat's ping token is its only credential,
// so no log line ever carries one: request URLs, messages and errors are
// scrubbed of `/ping/<token>` before they are written.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/env.js';

const PING_TOKEN = /(\/ping\/+)[^/?#\s"'<>]+/gi;

/** `/ping/abc…/fail` → `/ping/[redacted]/fail`, anywhere in the text. */
export function redactPingTokens(text: string): string {
  return text.replace(PING_TOKEN, '$1[redacted]');
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer, with the URL scrubbed. */
function serializeRequest(req: RequestLike) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactPingTokens(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function serializeError(err: Error) {
  return scrub(pino.stdSerializers.err(err));
}

/** Scrubs strings in plain objects and arrays (what a log call passes); class instances are left to their serializers. */
function scrub<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactPingTokens(value) as T;
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)])) as T;
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      serializers: { req: serializeRequest, err: serializeError },
      formatters: { log: (object) => scrub(object) },
      hooks: {
        // The message and its printf arguments.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactPingTokens(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
