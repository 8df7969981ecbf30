// Crash safety: a write acknowledged with 201 is durable. The server runs as a
// real child process; it is killed with SIGKILL (no shutdown code runs at all)
// and restarted on the same database, which must hold every acknowledged row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../test/databases.test-support.js';
import { bannerKey, startServe, useVigilDatabase, type VigilProcess } from '../test/vigil-process.test-support.js';

interface Ack {
  id: string;
  name: string;
}

/**
 * Fires `count` concurrent component creations. `onSettled(acks, settled)` runs synchronously as each request
 * settles, so a test can kill the server at an exact point. Resolves with every 201 received.
 */
async function burst(baseUrl: string, key: string, label: string, count: number, onSettled: (acks: Ack[], settled: number) => void) {
  const acks: Ack[] = [];
  const otherStatuses: number[] = [];
  let settled = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `${label}-${i}`;
      try {
        const res = await fetch(`${baseUrl}/api/v1/components`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        });
        const body = (await res.json()) as { id: string; name: string };
        if (res.status === 201) acks.push({ id: body.id, name: body.name });
        else otherStatuses.push(res.status);
      } catch {
        // The connection died with the server: not acknowledged, so no promise was made about it.
      }
      settled += 1;
      onSettled(acks, settled);
    }),
  );
  return { acks, otherStatuses };
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

for (const dialect of DIALECTS) {
  describe(`crash safety on ${dialect}`, () => {
    const { env } = useVigilDatabase(dialect);
    let key: string;

    test('every write acknowledged before SIGKILL is there after a restart', async () => {
      const { process: vigil, baseUrl } = await startServe(env);
      key = bannerKey(vigil.stdout)!;
      const count = 250;
      const { acks, otherStatuses } = await burst(baseUrl, key, 'burst', count, (_acks, settled) => {
        // Killed in the same tick as the last acknowledgement: nothing after it gets to run.
        if (settled === count) kill(vigil, 'SIGKILL');
      });
      assert.deepEqual(otherStatuses, []);
      assert.equal(acks.length, count);
      const exit = await vigil.exited;
      assert.equal(exit.signal, 'SIGKILL');
      await assertSurvived(env, key, acks);
    });

    test('SIGKILL in the middle of a burst loses no acknowledged write and leaves the database usable', async () => {
      const { process: vigil, baseUrl } = await startServe(env);
      const count = 300;
      const { acks } = await burst(baseUrl, key, 'midburst', count, (acks) => {
        if (acks.length === 150) kill(vigil, 'SIGKILL');
      });
      // Usually about half are acknowledged; responses already on the wire when the kill lands may add a few more.
      assert.ok(acks.length >= 150, `${acks.length} acknowledged`);
      assert.equal((await vigil.exited).signal, 'SIGKILL');
      const present = await assertSurvived(env, key, acks);
      // Writes in flight at the kill either committed whole or not at all: never twice.
      const names = [...present.values()].filter((n) => n.startsWith('midburst-'));
      assert.equal(new Set(names).size, names.length);
    });

    test('SIGTERM in the middle of a burst finishes in-flight writes and exits 0', async () => {
      const { process: vigil, baseUrl } = await startServe(env);
      const count = 200;
      let signalled = false;
      const { acks, otherStatuses } = await burst(baseUrl, key, 'graceful', count, (acks) => {
        // Once only: later refusals leave acks.length at 50, and a second SIGTERM means "stop waiting".
        if (acks.length === 50 && !signalled) {
          signalled = true;
          kill(vigil, 'SIGTERM');
        }
      });
      // Requests that arrive while closing are refused (503 or a closed connection), never half-done.
      assert.ok(otherStatuses.every((s) => s === 503), `unexpected statuses ${otherStatuses.join(', ')}`);
      assert.ok(acks.length >= 50);
      const exit = await vigil.exited;
      assert.equal(exit.code, 0, exit.stderr);
      await assertSurvived(env, key, acks);
    });
  });
}
