// The reference for bench/page.ts: a bare node:http server returning the same
// bytes Vigil returned for each path, with nothing else to do. Reads
// {path: {contentType, body (base64)}} from the file named on the command line
// and prints "listening <port>" when ready. `PUT <path>` replaces a document
// (the benchmark copies Vigil's current bytes, which grow as updates are posted).
import { readFileSync } from 'node:fs';
import http from 'node:http';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-server.ts <documents.json>');
const documents = new Map<string, { type: string; body: Buffer }>();
for (const [path, doc] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { contentType: string; body: string }>)) {
  documents.set(path, { type: doc.contentType, body: Buffer.from(doc.body, 'base64') });
}

const server = http.createServer((req, res) => {
  if (req.method === 'PUT') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      documents.set(req.url ?? '', { type: req.headers['content-type'] ?? 'application/octet-stream', body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
    return;
  }
  const doc = documents.get(req.url ?? '');
  if (!doc) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': doc.type, 'content-length': doc.body.length });
  res.end(doc.body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
