// /history.rss, laid out as Statuspage's (fixtures/real/*.rss): RSS 2.0 with
// the dc namespace, one item per incident or maintenance dated as the Atom
// entry's `published`, the HTML escaped once in <description>, and
// Statuspage's <maintenanceEndDate> on maintenances (scripts read it with
// pubDate to tell upcoming, current and past maintenance apart). The channel's
// description names the software, as Statuspage's says "Statuspage".
import type { PublicModel } from '../../../services/public/model.js';
import { baseUrl, feedEntries, feedTitle, feedUpdated } from './entries.js';
import { escapeXml as x, rssDate } from './xml.js';

export const RSS_CHANNEL_DESCRIPTION = 'Vigil';

export function renderRss(model: PublicModel): string {
  const base = baseUrl(model);
  const entries = feedEntries(model);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${x(feedTitle(model))}</title>`,
    `    <link>${x(base)}</link>`,
    `    <description>${RSS_CHANNEL_DESCRIPTION}</description>`,
    `    <pubDate>${rssDate(feedUpdated(model, entries))}</pubDate>`,
  ];
  for (const e of entries) {
    lines.push(
      '    <item>',
      `      <title>${x(e.title)}</title>`,
      `      <description>${x(e.content)}</description>`,
      `      <pubDate>${rssDate(e.published)}</pubDate>`,
      ...(e.maintenanceEnd ? [`      <maintenanceEndDate>${rssDate(e.maintenanceEnd)}</maintenanceEndDate>`] : []),
      `      <link>${x(e.link)}</link>`,
      `      <guid>${x(e.link)}</guid>`,
      '    </item>',
    );
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}
