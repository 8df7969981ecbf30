// The status page's routes for the snapshot: `/`, `/history[?page=N]`,
// `/incidents/{id}` and `/maintenances/{id}`. Cache keys are normalised (query
// strings other than a valid `page` are ignored, malformed ids share one key)
// so junk URLs cannot multiply the snapshot's entries beyond one per real page.
import type { PublicModel } from '../../../services/public/model.js';
import type { PublicRoute, RenderedDocument } from '../types.js';
import { renderHistory } from './history.js';
import { renderHome } from './home.js';
import { renderIncident } from './incident.js';
import { renderMaintenance } from './maintenance.js';
import { renderNotFound } from './notFound.js';

export const HTML = 'text/html; charset=utf-8';

const ok = (body: string): RenderedDocument => ({ status: 200, contentType: HTML, body });
const notFound = (model: PublicModel, what: string): RenderedDocument => ({ status: 404, contentType: HTML, body: renderNotFound(model, what) });

/** Ids as Vigil and Statuspage make them; anything else cannot exist. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function detailRoute(prefix: string, what: string, find: (model: PublicModel, id: string) => string | null): PublicRoute {
  const idOf = (url: URL) => (url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null);
  return {
    match(url) {
      const id = idOf(url);
      if (id === null || id === '') return null;
      return ID.test(id) ? prefix + id : `${prefix}(invalid)`;
    },
    render(model, url) {
      const id = idOf(url) ?? '';
      const body = ID.test(id) ? find(model, id) : null;
      return body === null ? notFound(model, what) : ok(body);
    },
  };
}

/** `?page=` → 1 when absent, N for a plain positive integer, null otherwise. */
export function parsePage(value: string | null): number | null {
  if (value === null) return 1;
  return /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : null;
}

const home: PublicRoute = {
  match: (url) => (url.pathname === '/' ? '/' : null),
  render: (model) => ok(renderHome(model)),
};

const history: PublicRoute = {
  match(url) {
    if (url.pathname !== '/history') return null;
    const page = parsePage(url.searchParams.get('page'));
    if (page === null) return '/history?page=(invalid)';
    return page === 1 ? '/history' : `/history?page=${page}`;
  },
  render(model, url) {
    const page = parsePage(url.searchParams.get('page'));
    const body = page === null ? null : renderHistory(model, page);
    return body === null ? notFound(model, 'page') : ok(body);
  },
};

// Statuspage serves a maintenance at /incidents/<id> too (its feeds and e-mails link there), so links
// made before a page moved to Vigil, and Vigil's own feeds, keep working.
const incident = detailRoute('/incidents/', 'incident', (model, id) => {
  const found = model.incidents.find((i) => i.id === id);
  if (found) return renderIncident(model, found);
  const maintenance = model.maintenances.find((m) => m.id === id);
  return maintenance ? renderMaintenance(model, maintenance) : null;
});

const maintenance = detailRoute('/maintenances/', 'maintenance', (model, id) => {
  const found = model.maintenances.find((m) => m.id === id);
  return found ? renderMaintenance(model, found) : null;
});

export const pageRoutes: PublicRoute[] = [home, history, incident, maintenance];
