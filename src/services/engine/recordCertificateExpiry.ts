// A TLS certificate nearing expiry tells responders once per threshold
// (30/14/7/1 days before). The dedupe key names the certificate's expiry and
// the threshold, so restarts and several engines tell it once, and a renewed
// certificate (a new expiry) starts over.
import { CERTIFICATE_WARNING_DAYS } from '../../domain/notifications.js';
import { getEngineMonitor } from '../../store/monitor-engine.js';
import { transact, type ServiceContext } from '../context.js';
import { emitCertificateExpiring } from '../notifications/emitMonitorEvents.js';
import { asMonitor } from './context.js';

export interface CertificateSeen {
  days_left: number;
  /** ISO time the certificate expires. */
  expires_at: string;
}

/** The smallest warning threshold `daysLeft` falls under, or null when none (or already expired). */
export function certificateThreshold(daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  return [...CERTIFICATE_WARNING_DAYS].sort((a, b) => a - b).find((t) => daysLeft <= t) ?? null;
}

/** Returns true when it told responders now (false: no threshold crossed, or already told). */
export async function recordCertificateExpiry(ctx: ServiceContext, monitorId: string, cert: CertificateSeen): Promise<boolean> {
  const threshold = certificateThreshold(cert.days_left);
  if (threshold === null) return false;
  const monitor = await getEngineMonitor(ctx.db, monitorId);
  if (!monitor) return false;
  return transact(asMonitor(ctx, monitor), async (tx) => {
    const told = await emitCertificateExpiring(tx, monitor, threshold, cert.days_left, cert.expires_at);
    if (told) {
      await tx.audit('monitor.certificate_expiring', { type: 'monitor', id: monitorId }, null, { threshold_days: threshold, days_left: cert.days_left, expires_at: cert.expires_at });
    }
    return told;
  });
}
