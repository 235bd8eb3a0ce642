// Fills an empty audit store with the synthetic events of a plan: the schema
// by `migrateAuditStore` (every month of the plan has its partition), the
// events by parallel COPY loaders (one worker thread and one psql each, the
// writers split between them), the checkpoints, then VACUUM ANALYZE.
// Reports the time of each step.
import { Worker } from 'node:worker_threads';
import { generateSigningKeyPair, migrateAuditStore } from '@cmb/audit-store';
import { BENCH_PSEUDONYM_KEYS } from './synthetic-events.mjs';

const seconds = (since) => (performance.now() - since) / 1000;

function runLoader(workerData, onProgress) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./copy-worker.mjs', import.meta.url), { workerData });
    let done = null;
    worker.on('message', (message) => {
      if (message.type === 'progress') onProgress(message.written);
      else if (message.type === 'done') done = message;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (done ? resolve(done) : reject(new Error(`loader exited with code ${code} before finishing`))));
  });
}

async function insertCheckpoints(db, checkpoints) {
  for (let start = 0; start < checkpoints.length; start += 1000) {
    const slice = checkpoints.slice(start, start + 1000);
    const tuples = slice.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`);
    await db.query(
      `INSERT INTO audit_checkpoint (writer_id, position, hash, signed_at, key_id, signature) VALUES ${tuples.join(', ')}`,
      slice.flatMap((c) => [c.writerId, c.position, c.hash, c.signedAt, c.keyId, c.signature]),
    );
  }
}

/**
 * Generates the plan's events into the store at `url` (empty). Returns the
 * timings in seconds, the counts, and the public key that verifies the
 * checkpoints (a fresh synthetic key per run).
 */
export async function generateStore({ db, url, plan, jobs, psql, log }) {
  const timings = {};
  let t = performance.now();
  await migrateAuditStore(db, { from: new Date(plan.start) });
  timings.migrate = seconds(t);

  const { privateKey, publicKey } = generateSigningKeyPair();
  const loaders = Math.max(1, Math.min(jobs, plan.writers.length));
  const groups = Array.from({ length: loaders }, (_, j) => plan.writers.map((_, w) => w).filter((w) => w % loaders === j));
  const progress = new Array(loaders).fill(0);
  let lastLog = 0;
  t = performance.now();
  const results = await Promise.all(
    groups.map((writerIndexes, j) =>
      runLoader({ plan, writerIndexes, psql, url, keyringText: BENCH_PSEUDONYM_KEYS, signingKey: privateKey }, (written) => {
        progress[j] = written;
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          const total = progress.reduce((a, b) => a + b, 0);
          const elapsed = seconds(t);
          log(
            `  ${total.toLocaleString('en-US')} events in ${elapsed.toFixed(0)} s (${Math.round(total / elapsed).toLocaleString('en-US')}/s, ~${Math.round(((plan.events - total) * elapsed) / Math.max(total, 1))} s to go)`,
          );
        }
      }),
    ),
  );
  timings.load = seconds(t);
  const events = results.reduce((sum, r) => sum + r.written, 0);
  const checkpoints = results.flatMap((r) => r.checkpoints);

  t = performance.now();
  await insertCheckpoints(db, checkpoints);
  timings.checkpoints = seconds(t);

  t = performance.now();
  await db.execScript('VACUUM ANALYZE audit_event');
  await db.execScript('VACUUM ANALYZE audit_checkpoint');
  timings.vacuumAnalyze = seconds(t);
  return { timings, events, checkpoints: checkpoints.length, loaders, publicKey };
}
