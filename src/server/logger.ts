// The process logger. Logs go to stderr so stdout carries only what a command
// produces (the admin key banner, a created key, migration names), which lets
// scripts capture it cleanly.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/env.js';

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    { level, timestamp: pino.stdTimeFunctions.isoTime, base: { pid: process.pid } },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
