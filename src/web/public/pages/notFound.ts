// The public 404 page: same frame as the rest, a way back, status 404.
import type { PublicModel } from '../../../services/public/model.js';
import { html } from './html.js';
import { layout } from './layout.js';

export function renderNotFound(model: PublicModel, what = 'page'): string {
  const main = html`<h1>${`This ${what} does not exist`}</h1>
<p>It may have been removed, or the address may be mistyped.</p>
<p><a href="/">See the current status</a> or <a href="/history">browse the incident history</a>.</p>`;
  return layout(model, { title: 'Not found', main });
}
