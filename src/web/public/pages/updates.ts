// An update timeline as status pages show it, newest first:
// "<Status> — <body> — Posted Mar 30, 2021 - 07:38 UTC" (the page's zone).
import type { PublicUpdate } from '../../../services/public/model.js';
import { renderMarkdown } from '../markdown.js';
import { formatDateTime, timeTag } from './format.js';
import { html, trusted, type SafeHtml } from './html.js';

export function postedLine(iso: string, timeZone: string): SafeHtml {
  return html`<p class="posted meta">Posted ${timeTag(iso, timeZone, formatDateTime(iso, timeZone))}</p>`;
}

export function updateBody(body: string): SafeHtml {
  return html`<div class="body">${trusted(renderMarkdown(body))}</div>`;
}

/** Updates in the order given (the model keeps them newest first). */
export function updatesList<S extends string>(updates: PublicUpdate<S>[], labels: Record<S, string>, timeZone: string): SafeHtml {
  if (updates.length === 0) return html`<p class="muted">No updates have been posted yet.</p>`;
  return html`<ol class="updates">${updates.map(
    (u) => html`<li class="update">
<h3>${labels[u.status]}</h3>
${updateBody(u.body)}
${postedLine(u.display_at, timeZone)}
</li>`,
  )}</ol>`;
}
