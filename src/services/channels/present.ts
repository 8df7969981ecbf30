// A channel as the API answers it and the audit log keeps it: secrets (chat
// and webhook URLs, the webhook secret) shown as "••••".
import { channelSecretFields, redactSecrets } from '../../domain/secrets.js';
import type { ChannelType, RouteRule } from '../../domain/notifications.js';
import type { ChannelRow } from '../../store/schema.js';
import type { Channel } from './schemas.js';

export interface ChannelView {
  /** Whether SMTP is configured; undefined when notifications are not wired in this process. */
  smtpConfigured?: boolean;
}

/** Hosts the chat services document for their webhooks; another host is allowed (a proxy, a test receiver) but flagged. */
const DOCUMENTED_HOSTS: Partial<Record<ChannelType, { hosts: string[]; pathPrefix?: string; service: string }>> = {
  slack: { hosts: ['hooks.slack.com'], service: 'Slack incoming webhooks' },
  discord: { hosts: ['discord.com', 'discordapp.com'], pathPrefix: '/api/webhooks/', service: 'Discord webhooks' },
};

export function configOf(row: Pick<ChannelRow, 'config_json'>): Record<string, unknown> {
  return JSON.parse(row.config_json) as Record<string, unknown>;
}

export function routesOf(row: Pick<ChannelRow, 'routes_json'>): RouteRule[] {
  return JSON.parse(row.routes_json) as RouteRule[];
}

export function channelWarnings(type: string, config: Record<string, unknown>): string[] {
  const url = typeof config.url === 'string' && URL.canParse(config.url) ? new URL(config.url) : null;
  if (!url) return [];
  const warnings: string[] = [];
  if (url.protocol !== 'https:') warnings.push('the URL is not https: messages travel unencrypted');
  const documented = DOCUMENTED_HOSTS[type as ChannelType];
  if (documented && (!documented.hosts.includes(url.hostname) || (documented.pathPrefix && !url.pathname.startsWith(documented.pathPrefix)))) {
    warnings.push(`the URL is not on the host ${documented.service} use (${documented.hosts[0]}${documented.pathPrefix ?? ''})`);
  }
  return warnings;
}

/** Config redacted; the audit log keeps this shape too. */
export function presentChannelConfig(row: ChannelRow) {
  const config = configOf(row);
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    type: row.type as ChannelType,
    config: redactSecrets(config, channelSecretFields(row.type)),
    routes: routesOf(row),
    enabled: row.enabled === 1,
  };
}

export function presentChannel(row: ChannelRow, view: ChannelView = {}): Channel {
  const smtp = row.type === 'email' ? { smtp: view.smtpConfigured ? ('configured' as const) : ('not configured' as const) } : {};
  return {
    ...presentChannelConfig(row),
    failing_since: row.failing_since,
    disabled_at: row.disabled_at,
    disabled_reason: row.disabled_reason,
    ...smtp,
    warnings: [
      ...channelWarnings(row.type, configOf(row)),
      ...(row.type === 'email' && !view.smtpConfigured ? ['SMTP is not configured (VIGIL_SMTP_URL): messages wait in the outbox until it is'] : []),
    ],
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
