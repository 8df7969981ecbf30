// The "Subscribe to updates" box on the home page: a plain HTML form posting
// to /subscribe (the page is a cached snapshot and runs no script), and the
// styles the subscription pages share with it.
import { html, type SafeHtml } from './html.js';

export const SUBSCRIBE_CSS =
  '.subscribe-form label{display:block;font-weight:600;margin:.6rem 0 .2rem}' +
  '.subscribe-form input[type=email],.subscribe-form input[type=url]{font:inherit;padding:.45rem .6rem;width:100%;max-width:28rem;box-sizing:border-box;border:1px solid var(--muted);border-radius:4px;background:transparent;color:inherit}' +
  '.subscribe-form button,.button{font:inherit;padding:.45rem 1rem;margin-top:.6rem;border:0;border-radius:4px;background:var(--link);color:var(--bg);cursor:pointer}' +
  '.subscribe-form button:focus,.button:focus,.subscribe-form input:focus{outline:3px solid var(--focus);outline-offset:2px}' +
  '.subscribe-form fieldset{border:1px solid var(--muted);border-radius:4px;margin:.8rem 0;padding:.4rem .8rem}' +
  '.subscribe-form .check{display:block;font-weight:400;margin:.25rem 0}' +
  '.subscribe-form .hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}' +
  '.form-error{color:#b00020;font-weight:600}' +
  '.secret{font-family:monospace;word-break:break-all;padding:.4rem;border:1px dashed var(--muted)}';

export function subscribeBox(): SafeHtml {
  return html`<section aria-labelledby="subscribe">
<h2 id="subscribe">Subscribe to updates</h2>
<form class="subscribe-form" method="post" action="/subscribe">
<label for="subscribe-email">Email address</label>
<input id="subscribe-email" type="email" name="email" required autocomplete="email" maxlength="254">
<button type="submit">Subscribe</button>
</form>
<p class="meta"><a href="/subscribe">Choose components, or subscribe a webhook</a></p>
</section>`;
}
