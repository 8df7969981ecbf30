// Every migration, in order. Listed statically (not read from disk) so the
// compiled build and the TypeScript sources behave the same.
import type { Migration } from 'kysely';
import type { Dialect } from './columns.js';
import { initialSchema } from './0001_initial.js';
import { publicPage } from './0002_public_page.js';
import { statuspageFidelity } from './0003_statuspage_fidelity.js';
import { monitorsSchema } from './0004_monitors.js';
import { keyAndSecretHardening } from './0005_key_and_secret_hardening.js';
import { monitorIncidentPending } from './0006_monitor_incident_pending.js';
import { statusChangeLinks } from './0007_status_change_links.js';
import { statuspageOrder } from './0008_statuspage_order.js';
import { notificationsSchema } from './0009_notifications.js';
import { notificationReminders } from './0010_notification_reminders.js';
import { usersAndSessions } from './0011_users_and_sessions.js';

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': initialSchema(dialect),
    '0002_public_page': publicPage,
    '0003_statuspage_fidelity': statuspageFidelity,
    '0004_monitors': monitorsSchema(dialect),
    '0005_key_and_secret_hardening': keyAndSecretHardening,
    '0006_monitor_incident_pending': monitorIncidentPending,
    '0007_status_change_links': statusChangeLinks,
    '0008_statuspage_order': statuspageOrder,
    '0009_notifications': notificationsSchema(dialect),
    '0010_notification_reminders': notificationReminders,
    '0011_users_and_sessions': usersAndSessions,
  };
}
