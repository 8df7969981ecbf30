// Crash safety: a write acknowledged with 201 is durable. The server runs as a
// real child process; it is killed with SIGKILL (no shutdown code runs at all)
// and restarted on the same database, which must hold every acknowledged row.
// SIGTERM is the graceful path: a write the server has in hand is finished and
// answered, never dropped. Each test has its own database and admin key.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import type { Dialect } from '../store/migrations/columns.js';
import { createTestDatabase } from '../test/databases.test-support.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { bannerKey, startServe, type VigilProcess } from '../test/vigil-process.test-support.js';

interface Ack {
  id: string;
  name: string;
}

/** How one request ended: an HTTP answer, or the connection failing first (with its error code). */
interface Outcome {
  name: string;
  status: number | null;
  body: any;
  error: string | null;
}

interface Burst {
  acks: Ack[];
  outcomes: Outcome[];
}

/** The failure of a request whose connection died: undici puts the socket error in `cause`. */
function connectionError(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code ?? String(err);
}

/**
 * Fires `count` concurrent component creations. `onSettled(acks, settled)` runs synchronously as each request
 * settles, so a test can kill the server at an exact point. Resolves once every request has settled, with the
 * outcome of each (a dropped connection is an outcome, for the test to judge).
 */
async function burst(baseUrl: string, key: string, label: string, count: number, onSettled: (acks: Ack[], settled: number) => void): Promise<Burst> {
  const acks: Ack[] = [];
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `${label}-${i}`;
      let outcome: Outcome;
      try {
        const res = await fetch(`${baseUrl}/api/v1/components`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        });
        outcome = { name, status: res.status, body: await res.json(), error: null };
      } catch (err) {
        outcome = { name, status: null, body: null, error: connectionError(err) };
      }
      outcomes.push(outcome);
      if (outcome.status === 201) acks.push({ id: outcome.body.id, name: outcome.body.name });
      onSettled(acks, outcomes.length);
    }),
  );
  assert.equal(outcomes.length, count, 'every request settled');
  return { acks, outcomes };
}

/**
 * A component creation the server provably has in hand: its headers ask `Expect: 100-continue`, and the server
 * answers `100 Continue` only once it has parsed them and started the request. The body is sent on `release()`.
 */
function heldWrite(baseUrl: string, key: string, name: string) {
  const body = JSON.stringify({ name });
  const req = http.request(`${baseUrl}/api/v1/components`, {
    method: 'POST',
    agent: false,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const started = new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
  });
  const outcome = new Promise<Outcome>((resolve) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ name, status: res.statusCode ?? null, body: text ? JSON.parse(text) : null, error: null }));
      res.on('error', (err) => resolve({ name, status: res.statusCode ?? null, body: null, error: (err as NodeJS.ErrnoException).code ?? String(err) }));
    });
    req.on('error', (err) => resolve({ name, status: null, body: null, error: (err as NodeJS.ErrnoException).code ?? String(err) }));
  });
  req.flushHeaders();
  return { started, outcome, release: () => req.end(body) };
}

/** True once nothing accepts connections on the port any more (the server has begun closing, or is gone). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

async function listComponents(baseUrl: string, key: string): Promise<Ack[]> {
  const res = await fetch(`${baseUrl}/api/v1/components`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as Ack[];
}

/** Restarts on the same database and checks it came back healthy with every acknowledged component. */
async function assertSurvived(env: Record<string, string>, key: string, acks: Ack[]) {
  const { process: vigil, baseUrl } = await startServe(env);
  try {
    assert.equal(bannerKey(vigil.stdout), undefined, 'a restart must not create another admin key');
    assert.equal((await fetch(`${baseUrl}/readyz`)).status, 200);
    const present = new Map((await listComponents(baseUrl, key)).map((c) => [c.id, c.name]));
    const missing = acks.filter((a) => present.get(a.id) !== a.name);
    assert.deepEqual(missing, [], `${missing.length} of ${acks.length} acknowledged components were lost`);

    const after = await fetch(`${baseUrl}/api/v1/components`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'after the crash' }),
    });
    assert.equal(after.status, 201);
    return present;
  } finally {
    assert.equal((await vigil.stop()).code, 0);
  }
}

function kill(vigil: VigilProcess, signal: NodeJS.Signals): void {
  if (vigil.child.exitCode === null && vigil.child.signalCode === null) vigil.child.kill(signal);
}

/** A database of the test's own, dropped when the test ends, and the first start's admin key. */
async function freshServer(t: TestContext, dialect: Dialect): Promise<{ env: Record<string, string>; vigil: VigilProcess; baseUrl: string; key: string }> {
  const db = await createTestDatabase(dialect);
  t.after(() => db.drop());
  const env = { VIGIL_DATABASE_URL: db.url };
  const { process: vigil, baseUrl } = await startServe(env);
  const key = bannerKey(vigil.stdout);
  assert.ok(key, vigil.stdout);
  return { env, vigil, baseUrl, key };
}

const summarize = (outcomes: Outcome[]) => outcomes.map((o) => `${o.name}: ${o.status ?? o.error}`).join(', ');

for (const dialect of DIALECTS) {
  describe(`crash safety on ${dialect}`, () => {
    test('every write acknowledged before SIGKILL is there after a restart', async (t) => {
      const { env, vigil, baseUrl, key } = await freshServer(t, dialect);
      const count = 250;
      const { acks, outcomes } = await burst(baseUrl, key, 'burst', count, (_acks, settled) => {
        // Killed in the same tick as the last answer: nothing after it gets to run.
        if (settled === count) kill(vigil, 'SIGKILL');
      });
      const unanswered = outcomes.filter((o) => o.status !== 201);
      assert.deepEqual(unanswered, [], summarize(unanswered));
      assert.equal(acks.length, count);
      const exit = await vigil.exited;
      assert.equal(exit.signal, 'SIGKILL');
      await assertSurvived(env, key, acks);
    });

    test('SIGKILL in the middle of a burst loses no acknowledged write and leaves the database usable', async (t) => {
      const { env, vigil, baseUrl, key } = await freshServer(t, dialect);
      const count = 300;
      const { acks, outcomes } = await burst(baseUrl, key, 'midburst', count, (acks) => {
        if (acks.length === 150) kill(vigil, 'SIGKILL');
      });
      // Usually about half are acknowledged; responses already on the wire when the kill lands may add a few more.
      assert.ok(acks.length >= 150, `${acks.length} acknowledged`);
      // The rest lost their connection with the process: no other answer.
      const other = outcomes.filter((o) => o.status !== 201 && o.error === null);
      assert.deepEqual(other, [], summarize(other));
      assert.equal((await vigil.exited).signal, 'SIGKILL');
      const present = await assertSurvived(env, key, acks);
      // Writes in flight at the kill either committed whole or not at all: never twice.
      const names = [...present.values()].filter((n) => n.startsWith('midburst-'));
      assert.equal(new Set(names).size, names.length);
    });

    test('SIGTERM in the middle of a burst finishes in-flight writes and exits 0', async (t) => {
      const { env, vigil, baseUrl, key } = await freshServer(t, dialect);
      const port = Number(new URL(baseUrl).port);
      // Writes the server has started (headers read) when the signal arrives; their bodies come only once it is closing.
      const held = Array.from({ length: 10 }, (_, i) => heldWrite(baseUrl, key, `held-${i}`));
      await Promise.all(held.map((h) => h.started));

      let signalled = false;
      const count = 200;
      const burstDone = burst(baseUrl, key, 'graceful', count, (acks) => {
        if (acks.length === 50 && !signalled) {
          // Once only: a second SIGTERM means "stop waiting".
          signalled = true;
          kill(vigil, 'SIGTERM');
        }
      });
      const deadline = performance.now() + 30_000;
      while (!(signalled && (await refusesConnections(port)))) {
        assert.ok(performance.now() < deadline, 'the server never stopped accepting connections after SIGTERM');
        await new Promise((r) => setTimeout(r, 10));
      }
      for (const h of held) h.release();
      const heldOutcomes = await Promise.all(held.map((h) => h.outcome));
      const { acks, outcomes } = await burstDone;

      // Every write the server had in hand when it began closing was finished and answered.
      const heldAcks = heldOutcomes.filter((o) => o.status === 201);
      assert.equal(heldAcks.length, held.length, `in flight at SIGTERM: ${summarize(heldOutcomes)}`);
      // Requests arriving while closing are refused (503, or a connection closed before the request was read), never half-done.
      const unexpected = outcomes.filter((o) => o.status !== null && o.status !== 201 && o.status !== 503);
      assert.deepEqual(unexpected, [], summarize(unexpected));
      assert.ok(acks.length >= 50, `${acks.length} acknowledged`);
      const exit = await vigil.exited;
      assert.equal(exit.code, 0, exit.stderr);

      const present = await assertSurvived(env, key, [...acks, ...heldAcks.map((o) => ({ id: o.body.id, name: o.body.name }))]);
      // A refused request left nothing behind: had the server written one, dropping its answer would have broken a promise.
      const names = new Set(present.values());
      const refusedButWritten = outcomes.filter((o) => o.status !== 201 && names.has(o.name));
      assert.deepEqual(refusedButWritten, [], summarize(refusedButWritten));
    });
  });
}
