// The subscription pages, in the status page's frame (layout.ts): the full
// form, "check your inbox", confirmed, manage, unsubscribe, and the refusals.
// Plain HTML forms only: every page works without JavaScript.
import type { PublicModel } from '../../services/public/model.js';
import { html, type SafeHtml } from '../public/pages/html.js';
import { layout } from '../public/pages/layout.js';
import { SUBSCRIBE_CSS } from '../public/pages/subscribe-form.js';

export interface FormValues {
  email?: string;
  url?: string;
  component_ids?: readonly string[];
}

export interface FieldErrors {
  [field: string]: string;
}

function page(model: PublicModel, title: string, main: SafeHtml): string {
  return layout(model, { title, main, css: SUBSCRIBE_CSS });
}

function componentChoices(model: PublicModel, checked: ReadonlySet<string>, ids: string): SafeHtml {
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const groupIds = new Set(model.groups.map((g) => g.id));
  const box = (id: string, name: string) =>
    html`<label class="check"><input type="checkbox" name="component_ids" value="${id}"${checked.has(id) ? html` checked` : ''}> ${name}</label>`;
  const ungrouped = model.components.filter((c) => c.group_id === null || !groupIds.has(c.group_id));
  const groups = model.groups.flatMap((g) => {
    const members = g.component_ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return members.length === 0 ? [] : [html`<fieldset><legend>${g.name}</legend>${members.map((m) => box(m.id, m.name))}</fieldset>`];
  });
  if (ungrouped.length === 0 && groups.length === 0) return html``;
  return html`<fieldset id="${ids}"><legend>Components</legend>
<p class="meta">Tick the components you want to hear about; none ticked means everything.</p>
${ungrouped.map((c) => box(c.id, c.name))}${groups}
</fieldset>`;
}

function errorFor(errors: FieldErrors, field: string): SafeHtml | '' {
  return errors[field] ? html`<p class="form-error" id="${field}-error">${errors[field]}</p>` : '';
}

export function renderSubscribeForm(model: PublicModel, values: FormValues = {}, errors: FieldErrors = {}): string {
  const general = errors.form ? html`<p class="form-error" role="alert">${errors.form}</p>` : '';
  const main = html`<h1>Subscribe to ${model.page.name} updates</h1>
<p>Get an email (or a webhook call) when an incident or a maintenance is posted. We send a confirmation link first: nothing is sent until you follow it.</p>
${general}
<form class="subscribe-form" method="post" action="/subscribe">
<label for="email">Email address</label>
<input id="email" type="email" name="email" required autocomplete="email" maxlength="254" value="${values.email ?? ''}">
${errorFor(errors, 'email')}
<label for="url">Webhook URL (optional)</label>
<input id="url" type="url" name="url" maxlength="2048" placeholder="https://example.com/status-hook" value="${values.url ?? ''}">
<p class="meta">With a URL, updates are POSTed there and the email address is its contact: it confirms the webhook and hears if it keeps failing.</p>
${errorFor(errors, 'url')}
${componentChoices(model, new Set(values.component_ids ?? []), 'components')}
${errorFor(errors, 'component_ids')}
<div class="hp" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" type="text" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Subscribe</button>
</form>`;
  return page(model, 'Subscribe', main);
}

export function renderSent(model: PublicModel, contact: string): string {
  const main = html`<h1>Check your inbox</h1>
<p>If <strong>${contact}</strong> can receive email, a message with a confirmation link is on its way. Follow it to start receiving updates; until then nothing is sent.</p>
<p><a href="/">Back to the current status</a></p>`;
  return page(model, 'Confirmation sent', main);
}

export function renderConfirmed(model: PublicModel, options: { manageUrl: string; already: boolean; webhook: boolean; signingSecret: string | null }): string {
  const secret = options.signingSecret
    ? html`<h2>Your webhook's signing secret</h2>
<p>Every delivery is signed with it (HMAC-SHA256). It is shown here only once: store it now. The manage page can replace it.</p>
<p class="secret" id="signing-secret">${options.signingSecret}</p>`
    : '';
  const main = html`<h1>${options.already ? 'You were already subscribed' : "You're subscribed"}</h1>
<p>${options.webhook ? 'Your webhook will receive' : 'You will receive'} updates from ${model.page.name}.</p>
${secret}
<p><a href="${options.manageUrl}">Manage your subscription</a> (choose components or unsubscribe).</p>
<p><a href="/">Back to the current status</a></p>`;
  return page(model, options.already ? 'Already subscribed' : 'Subscribed', main);
}

const LINK_REFUSALS = {
  invalid: { status: 400, title: 'This link is not valid', text: 'It may have been cut short or changed, or it was replaced by a newer one. Use the latest link we sent you.' },
  expired: { status: 410, title: 'This link has expired', text: 'Links stop working after a while. Subscribe again to get a fresh confirmation, or use the link in a newer message.' },
  gone: { status: 410, title: 'This subscription no longer exists', text: 'It was removed (unsubscribed): nothing more will be sent to it.' },
} as const;

export function renderLinkRefused(model: PublicModel, why: keyof typeof LINK_REFUSALS): { status: number; body: string } {
  const r = LINK_REFUSALS[why];
  const main = html`<h1>${r.title}</h1>
<p>${r.text}</p>
<p><a href="/subscribe">Subscribe</a> · <a href="/">Current status</a></p>`;
  return { status: r.status, body: page(model, r.title, main) };
}

export interface ManageView {
  address: string;
  webhook: boolean;
  contact: string | null;
  state: string;
  componentIds: readonly string[];
  manageToken: string;
  unsubscribeUrl: string;
  notice?: string;
  signingSecret?: string;
}

export function renderManage(model: PublicModel, view: ManageView): string {
  const action = `/subscriptions/manage?token=${encodeURIComponent(view.manageToken)}`;
  const notice = view.notice ? html`<p role="status"><strong>${view.notice}</strong></p>` : '';
  const secret = view.signingSecret
    ? html`<p>The new signing secret, shown only this once (the old one no longer signs):</p><p class="secret" id="signing-secret">${view.signingSecret}</p>`
    : '';
  const main = html`<h1>Manage your subscription</h1>
${notice}
<p>${view.webhook ? html`Webhook <strong>${view.address}</strong> (contact ${view.contact ?? ''})` : html`Updates go to <strong>${view.address}</strong>`}${view.state === 'pending' ? ' — not confirmed yet' : ''}.</p>
<form class="subscribe-form" method="post" action="${action}">
<input type="hidden" name="action" value="save">
${componentChoices(model, new Set(view.componentIds), 'components')}
<button type="submit">Save</button>
</form>
${view.webhook
    ? html`<h2>Signing secret</h2>${secret}<form class="subscribe-form" method="post" action="${action}"><input type="hidden" name="action" value="replace_secret"><button type="submit">Replace the signing secret</button></form>`
    : ''}
<h2>Unsubscribe</h2>
<form class="subscribe-form" method="post" action="${view.unsubscribeUrl}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`;
  return page(model, 'Manage subscription', main);
}

export function renderUnsubscribeAsk(model: PublicModel, address: string, action: string): string {
  const main = html`<h1>Unsubscribe</h1>
<p>Stop sending ${model.page.name} updates to <strong>${address}</strong>?</p>
<form class="subscribe-form" method="post" action="${action}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>
<p><a href="/">Keep my subscription</a></p>`;
  return page(model, 'Unsubscribe', main);
}

export function renderUnsubscribed(model: PublicModel, contact: string): string {
  const main = html`<h1>You're unsubscribed</h1>
<p>Nothing more will be sent${contact ? html` to <strong>${contact}</strong>` : ''}. You can <a href="/subscribe">subscribe again</a> at any time.</p>`;
  return page(model, 'Unsubscribed', main);
}

export function renderRateLimited(model: PublicModel, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const main = html`<h1>Too many requests</h1>
<p>Please try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.</p>
<p><a href="/">Back to the current status</a></p>`;
  return page(model, 'Too many requests', main);
}
