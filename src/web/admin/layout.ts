// The frame of every web-app page: skip link, header with the navigation the
// viewer's role may use, the flash message, the main landmark. Styles and
// scripts are Vigil's own files ('self' only in the CSP: no inline code).
import { can } from '../../services/authorize.js';
import type { Actor } from '../../services/context.js';
import type { Permission } from '../../domain/roles.js';
import { html, type SafeHtml } from '../public/pages/html.js';
import { SCRIPTS, type AssetSet } from './assets.js';

export const ADMIN_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface NavItem {
  id: string;
  label: string;
  href: string;
  /** Shown only to roles that hold it. */
  needs: Permission;
}

export const NAV: readonly NavItem[] = [
  { id: 'dashboard', label: 'Dashboard', href: '/admin', needs: 'read' },
  { id: 'incidents', label: 'Incidents', href: '/admin/incidents', needs: 'read' },
  { id: 'maintenances', label: 'Maintenance', href: '/admin/maintenances', needs: 'read' },
  { id: 'monitors', label: 'Monitors', href: '/admin/monitors', needs: 'read' },
  { id: 'components', label: 'Components', href: '/admin/components', needs: 'read' },
  { id: 'subscribers', label: 'Subscribers', href: '/admin/subscribers', needs: 'read' },
  { id: 'channels', label: 'Channels', href: '/admin/channels', needs: 'read' },
  { id: 'api-keys', label: 'API keys', href: '/admin/api-keys', needs: 'api_keys.manage' },
  { id: 'users', label: 'Users', href: '/admin/users', needs: 'users.manage' },
  { id: 'audit', label: 'Audit log', href: '/admin/audit', needs: 'audit.read' },
  { id: 'settings', label: 'Settings', href: '/admin/settings', needs: 'read' },
];

export interface Viewer {
  actor: Actor;
  name: string;
  email: string;
  csrfToken: string;
}

export interface PageFrame {
  title: string;
  /** Which navigation entry is current. */
  nav?: string;
  main: SafeHtml;
  /** A one-line notice from the previous action ("Incident declared"). */
  flash?: string | null;
  viewer: Viewer | null;
  assets: AssetSet;
}

export function csrfInput(viewer: Viewer | null): SafeHtml {
  return viewer ? html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}">` : html``;
}

function navigation(frame: PageFrame): SafeHtml {
  const viewer = frame.viewer;
  if (!viewer) return html``;
  const items = NAV.filter((item) => can(viewer.actor, item.needs)).map(
    (item) => html`<li><a href="${item.href}"${item.id === frame.nav ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  );
  return html`<nav class="nav" aria-label="Main"><details class="nav-menu" open><summary>Menu</summary><ul>${items}</ul></details></nav>
<div class="who"><span class="who-name">${viewer.name}</span> <span class="badge role-${viewer.actor.role ?? ''}">${viewer.actor.role ?? ''}</span>
<a href="/admin/account">Account</a>
<form method="post" action="/admin/sign-out" class="inline">${csrfInput(viewer)}<button type="submit" class="link">Sign out</button></form></div>`;
}

export function renderFrame(frame: PageFrame): string {
  const { assets } = frame;
  const scripts = SCRIPTS.map((name) => html`<script type="module" src="${assets.url(name)}"></script>`);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="same-origin">
<title>${frame.title} · Vigil</title>
<link rel="stylesheet" href="${assets.url('admin.css')}">
${scripts}
</head>
<body${frame.viewer ? html` data-csrf="${frame.viewer.csrfToken}"` : ''}>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/admin">Vigil</a>
${navigation(frame)}
</header>
<main id="main" tabindex="-1">
<div id="flash" role="status" aria-live="polite">${frame.flash ? html`<p class="flash">${frame.flash}</p>` : ''}</div>
${frame.main}
</main>
</body>
</html>
`.value;
}
