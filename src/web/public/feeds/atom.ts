// /history.atom, laid out as Statuspage's (fixtures/real/*.atom): feed id
// tag:<host>,2005:/history, entries tag:<host>,2005:Incident/<id> — maintenances
// too, as Statuspage counts them as incidents — with the HTML content escaped
// once in the entry. Dates are UTC ("Z"); Statuspage writes the page's offset
// (-08:00), the same instant, which readers normalise anyway.
import type { PublicModel } from '../../../services/public/model.js';
import { baseUrl, feedEntries, feedTitle, feedUpdated } from './entries.js';
import { atomDate, escapeXml as x } from './xml.js';

export function renderAtom(model: PublicModel): string {
  const base = baseUrl(model);
  const host = new URL(base).host;
  const entries = feedEntries(model);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">',
    `  <id>tag:${x(host)},2005:/history</id>`,
    `  <link rel="alternate" type="text/html" href="${x(base)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${x(base)}/history.atom"/>`,
    `  <title>${x(feedTitle(model))}</title>`,
    `  <updated>${atomDate(feedUpdated(model, entries))}</updated>`,
    '  <author>',
    `    <name>${x(model.page.name)}</name>`,
    '  </author>',
  ];
  for (const e of entries) {
    lines.push(
      '  <entry>',
      `    <id>tag:${x(host)},2005:Incident/${x(e.id)}</id>`,
      `    <published>${atomDate(e.published)}</published>`,
      `    <updated>${atomDate(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
      `    <title>${x(e.title)}</title>`,
      `    <content type="html">${x(e.content)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
