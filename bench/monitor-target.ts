// The target the monitor benchmark checks: a separate process, so its CPU is
// not counted as Vigil's. Paths choose the behaviour: /ok fast 200, /slow
// answers after 2 s, /fail 500, /hang never answers (the check times out).
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url.startsWith('/hang')) return;
  if (url.startsWith('/slow')) {
    setTimeout(() => res.end('slow but fine'), 2000);
    return;
  }
  res.writeHead(url.startsWith('/fail') ? 500 : 200, { 'content-type': 'text/plain' }).end(url.startsWith('/fail') ? 'broken' : 'ok');
});
server.keepAliveTimeout = 1000;
server.listen(Number(process.env.TARGET_PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`target listening on ${typeof address === 'object' && address ? address.port : '?'}\n`);
});
process.on('SIGTERM', () => process.exit(0));
