// /history.rss, laid out as Statuspage's: RSS 2.0 with the dc namespace, one
// item per incident or maintenance, the HTML escaped in <description>, and
// Statuspage's <maintenanceEndDate> on maintenances (scripts read it to tell
// upcoming, current and past maintenance apart; pubDate is the window's start).
import type { PublicModel } from '../../../services/public/model.js';
import { baseUrl, feedEntries, feedTitle, feedUpdated } from './entries.js';
import { escapeXml as x, rssDate } from './xml.js';

export function renderRss(model: PublicModel): string {
  const base = baseUrl(model);
  const entries = feedEntries(model);
  const title = feedTitle(model);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${x(title)}</title>`,
    `    <link>${x(base)}</link>`,
    `    <description>${x(title)}</description>`,
    `    <pubDate>${rssDate(feedUpdated(model, entries))}</pubDate>`,
  ];
  for (const e of entries) {
    lines.push(
      '    <item>',
      `      <title>${x(e.title)}</title>`,
      `      <description>${x(e.content)}</description>`,
      `      <pubDate>${rssDate(e.window ? e.window.from : e.published)}</pubDate>`,
      ...(e.window ? [`      <maintenanceEndDate>${rssDate(e.window.until)}</maintenanceEndDate>`] : []),
      `      <link>${x(e.link)}</link>`,
      `      <guid>${x(e.link)}</guid>`,
      '    </item>',
    );
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}
