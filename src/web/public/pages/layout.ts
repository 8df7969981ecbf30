// The frame every public page shares: head, skip link, header with the page's
// name or logo, main landmark, and a footer with the discreet "last updated"
// time (the model's generated_at — when the database is down, it says how old
// the page being served is).
import { createHash } from 'node:crypto';
import type { PublicModel } from '../../../services/public/model.js';
import { STYLES } from '../assets/styles.js';
import { themeCss } from '../assets/theme.js';
import { formatDateTime, timeTag } from './format.js';
import { html, trusted, type SafeHtml } from './html.js';

export interface LayoutOptions {
  /** The <title> prefix; the page name follows it. */
  title?: string;
  description?: string;
  /** Page-specific rules appended to the stylesheet (covered by the same CSP hash); built from our own constants and formatted dates only. */
  css?: string;
  main: SafeHtml;
}

export function layout(model: PublicModel, options: LayoutOptions): string {
  const { page } = model;
  const title = options.title ? `${options.title} · ${page.name}` : `${page.name} Status`;
  // Raw text inside <style>: built only from our constants and a #rrggbb-checked colour, never escaped.
  const css = themeCss(page.accent_color) + STYLES + (options.css ?? '');
  // No script may run on these pages: the policy backs up the sanitizer, so even
  // markup that slipped through could not execute or phone home. Forms may post
  // to this site only (the subscribe form).
  const cspHash = createHash('sha256').update(css).digest('base64');
  // Constant text and a base64 hash: nothing in it needs escaping.
  const csp = `default-src 'none'; style-src 'sha256-${cspHash}'; img-src http: https:; base-uri 'none'; form-action 'self'`;
  // Settings only accept http(s) logos; checked again because the browser fetches it.
  const brand = page.logo_url && /^https?:\/\//i.test(page.logo_url)
    ? html`<img src="${page.logo_url}" alt="${page.name}" height="40">`
    : html`<span>${page.name}</span>`;
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${trusted(csp)}">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${title}</title>
<meta name="description" content="${options.description ?? `Current status, incidents and scheduled maintenance for ${page.name}.`}">
<link rel="alternate" type="application/atom+xml" title="${page.name} incident history (Atom)" href="/history.atom">
<link rel="alternate" type="application/rss+xml" title="${page.name} incident history (RSS)" href="/history.rss">
<style>${trusted(css)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="/">${brand}<span class="visually-hidden"> status, home</span></a>
<nav class="site-nav" aria-label="Site"><a href="/">Current status</a><a href="/history">Incident history</a></nav>
</div>
</header>
<main id="main" tabindex="-1"><div class="wrap">
${options.main}
</div></main>
<footer class="site-footer">
<div class="wrap">
<p>Last updated ${timeTag(model.generated_at, page.time_zone, formatDateTime(model.generated_at, page.time_zone))}</p>
<p><a href="/history.atom">Atom feed</a><a href="/history.rss">RSS feed</a></p>
</div>
</footer>
</body>
</html>
`;
  return doc.value;
}
