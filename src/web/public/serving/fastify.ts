// Puts the public site in front of Fastify. Snapshot hits are answered by a
// plain node:http handler before Fastify sees the request (routing, hooks and
// reply objects cost more than sending cached bytes); everything else is
// handed to Fastify unchanged. Measured in bench/page.ts.
import http from 'node:http';
import type { FastifyInstance, FastifyServerFactory, FastifyServerOptions } from 'fastify';
import type { PublicSite } from './site.js';

const sites = new WeakMap<FastifyInstance, PublicSite>();

/** The public site registered on an app, if any (tests use it to rebuild on demand). */
export function publicSiteOf(app: FastifyInstance): PublicSite | undefined {
  return sites.get(app);
}

/** A Fastify `serverFactory` whose server tries the public site first; applies the timeouts Fastify would. */
export function publicServerFactory(site: PublicSite): FastifyServerFactory {
  return (fastifyHandler, opts: FastifyServerOptions) => {
    const server = http.createServer((req, res) => {
      if (!site.handle(req, res)) fastifyHandler(req, res);
    });
    if (opts.keepAliveTimeout) server.keepAliveTimeout = opts.keepAliveTimeout;
    if (opts.requestTimeout) server.requestTimeout = opts.requestTimeout;
    if (opts.connectionTimeout) server.setTimeout(opts.connectionTimeout);
    if (opts.maxRequestsPerSocket) server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
    return server;
  };
}

/**
 * Ties the site's life to the app: first snapshot before listening, a rebuild after every successful
 * admin write (a non-GET 2xx under `adminPrefix`), and a clean stop before the database closes.
 */
export function attachPublicSite(app: FastifyInstance, site: PublicSite, adminPrefix: string): void {
  sites.set(app, site);
  app.addHook('onReady', async () => {
    await site.start();
  });
  app.addHook('onResponse', async (request, reply) => {
    const method = request.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && request.url.startsWith(`${adminPrefix}/`)) site.changed();
  });
  app.addHook('preClose', async () => {
    site.closing();
  });
  app.addHook('onClose', async () => {
    await site.stop();
  });
}
