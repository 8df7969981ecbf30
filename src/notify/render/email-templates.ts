// The HTML and plain-text bodies of an email. Everything shown is escaped; the
// only remote asset is the page's own logo. The per-event part is rendered once
// (prepareEmail) and each recipient only adds its links (emailBodies): a fan-out
// to thousands of subscribers renders the event once.
import type { PageFacts, Recipient } from '../channels/types.js';
import { linkFor, type EventContent } from './content.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

const DEFAULT_ACCENT = '#3e7bfa';

/** Only a plain hex colour reaches a style attribute. */
export function safeColor(value: string | null): string {
  return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : DEFAULT_ACCENT;
}

/** Only an http(s) URL reaches an href or src. */
export function safeUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

export interface PreparedEmail {
  subject: string;
  /** HTML up to the call to action. */
  htmlHead: string;
  /** Plain text up to the link. */
  textHead: string;
  content: EventContent;
  accent: string;
  pageName: string;
  pageUrl: string;
}

export function prepareEmail(content: EventContent, page: PageFacts): PreparedEmail {
  const accent = safeColor(page.accent_color);
  const logo = safeUrl(page.logo_url);
  const brand = logo
    ? `<img src="${escapeHtml(logo)}" alt="${escapeHtml(page.name)}" height="40" style="display:block;height:40px;max-width:240px;border:0">`
    : `<div style="font-size:20px;font-weight:bold;color:#1c2024">${escapeHtml(page.name)}</div>`;
  const facts = content.facts
    .map(
      (f) =>
        `<tr><td style="padding:4px 12px 4px 0;color:#60646c;vertical-align:top;white-space:nowrap">${escapeHtml(f.label)}</td><td style="padding:4px 0;color:#1c2024">${escapeHtml(f.value).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('');
  const htmlHead = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f4f5f7;font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;color:#1c2024">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">',
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-top:4px solid ${accent};border-radius:4px">`,
    `<tr><td style="padding:24px 28px 8px">${brand}</td></tr>`,
    '<tr><td style="padding:8px 28px 24px">',
    `<div style="display:inline-block;padding:3px 10px;border-radius:12px;background:${content.color};color:#ffffff;font-size:13px;font-weight:bold">${escapeHtml(content.status)}</div>`,
    `<h1 style="font-size:20px;line-height:1.3;margin:12px 0">${escapeHtml(content.title)}</h1>`,
    paragraphs(content.text),
    facts ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:4px 0 12px;font-size:14px">${facts}</table>` : '',
    `<p style="margin:0 0 16px;color:#60646c;font-size:13px">${escapeHtml(content.time)}</p>`,
  ].join('');
  const textHead = [
    content.subject,
    '',
    `${content.status}: ${content.title}`,
    '',
    content.text,
    '',
    ...content.facts.map((f) => `${f.label}: ${f.value.replace(/\n/g, '\n  ')}`),
    ...(content.facts.length ? [''] : []),
    content.time,
    '',
  ].join('\n');
  return { subject: content.subject, htmlHead, textHead, content, accent, pageName: page.name, pageUrl: page.url };
}

export interface EmailBodies {
  html: string;
  text: string;
}

export function emailBodies(prepared: PreparedEmail, recipient: Recipient): EmailBodies {
  const link = linkFor(prepared.content, recipient);
  const label = prepared.content.linkLabel;
  const links = recipient.links;
  const footerHtml = links
    ? `You receive this because you subscribed to ${escapeHtml(prepared.pageName)}. <a href="${escapeHtml(links.manage)}" style="color:#60646c">Manage your subscription</a> · <a href="${escapeHtml(links.unsubscribe)}" style="color:#60646c">Unsubscribe</a>`
    : `Sent by Vigil for ${escapeHtml(prepared.pageName)}. <a href="${escapeHtml(prepared.pageUrl)}" style="color:#60646c">${escapeHtml(prepared.pageUrl)}</a>`;
  const html =
    prepared.htmlHead +
    `<a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;background:${prepared.accent};color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(label)}</a>` +
    '</td></tr>' +
    `<tr><td style="padding:16px 28px;border-top:1px solid #e8e8ec;color:#60646c;font-size:12px;line-height:1.5">${footerHtml}</td></tr>` +
    '</table></td></tr></table></body></html>';
  const footerText = links
    ? `You receive this because you subscribed to ${prepared.pageName}.\nManage your subscription: ${links.manage}\nUnsubscribe: ${links.unsubscribe}\n`
    : `Sent by Vigil for ${prepared.pageName}: ${prepared.pageUrl}\n`;
  const text = `${prepared.textHead}${label}: ${link}\n\n--\n${footerText}`;
  return { html, text };
}
