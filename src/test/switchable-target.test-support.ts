// A real HTTP target on loopback whose paths answer 200, or 503 while the
// test has put them in `failing`: what engine tests point monitors at.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function startSwitchableTarget() {
  const failing = new Set<string>();
  const server: Server = createServer((req, res) => {
    res.writeHead(failing.has(req.url ?? '') ? 503 : 200, { 'content-type': 'text/plain' }).end('ok');
  });
  return {
    failing,
    listen: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
