// The feeds for the snapshot. Open to other origins: browser-based feed
// readers and dashboards fetch them directly.
import { exactRoute, type PublicRoute } from '../types.js';
import { renderAtom } from './atom.js';
import { renderRss } from './rss.js';

export const feedRoutes: PublicRoute[] = [
  exactRoute('/history.atom', 'application/atom+xml; charset=utf-8', renderAtom, { cors: true }),
  exactRoute('/history.rss', 'application/rss+xml; charset=utf-8', renderRss, { cors: true }),
];
