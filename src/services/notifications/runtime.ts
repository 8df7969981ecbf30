// What the web role needs from the notification side of the process, injected
// by the composition root (the channels themselves live in notify/).
import type { ChannelRow } from '../../store/schema.js';

export interface ChannelTestResult {
  ok: boolean;
  /** The receiver's or the transport's answer when it failed. */
  error: string | null;
}

export interface NotificationRuntime {
  /** Sends one test message through the channel now, outside the outbox, and reports what happened. */
  testChannel(channel: ChannelRow): Promise<ChannelTestResult>;
  /** False without VIGIL_SMTP_URL: email then waits in the outbox, and the API says so. */
  readonly smtpConfigured: boolean;
  /** Asks this process's delivery worker (if it runs one) to look for work now instead of at its next poll. */
  wake?(): void;
}
