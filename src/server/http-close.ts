// Graceful HTTP shutdown. Fastify's close stops accepting and waits for every
// connection to end, but it closes idle keep-alive connections only once, at
// the start; connections busy at that moment would then linger until the
// client drops them. So while closing, responses say `Connection: close` and
// connections that have become idle are closed as they appear.
import type { FastifyInstance } from 'fastify';

/** Call before the app is ready; returns the function that closes it. */
export function gracefulClose(app: FastifyInstance, sweepMs = 50): () => Promise<void> {
  let closing = false;
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  return async () => {
    closing = true;
    const sweep = setInterval(() => app.server.closeIdleConnections(), sweepMs);
    try {
      await app.close();
    } finally {
      clearInterval(sweep);
    }
  };
}
