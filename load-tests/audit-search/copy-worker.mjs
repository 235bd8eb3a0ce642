// A loader (worker thread): the events of some writers, chained as the
// gateway chains them (body = canonicalEvent, hash = linkHash over the
// previous link), streamed to `psql -c "COPY audit_event ... FROM STDIN"`
// (text format). Posts progress, and at the end the writers' checkpoints
// (one every CHECKPOINT_EVERY events and one at each head, Ed25519-signed).
import { spawn } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';
import { canonicalEvent, checkpointSigner, EMPTY_CHAIN, EVENT_COLUMNS, linkHash, PseudonymKeyring } from '@cmb/audit-store';
import { CHECKPOINT_EVERY, syntheticEvent, syntheticNationalId, writerOf } from './synthetic-events.mjs';

const { plan, writerIndexes, psql, url, keyringText, signingKey } = workerData;
const keyring = PseudonymKeyring.parse(keyringText);
const signer = checkpointSigner('bench-checkpoint-key', signingKey);
const mine = new Set(writerIndexes);

const pseudonyms = new Array(plan.persons);
for (let i = 0; i < plan.persons; i += 1) pseudonyms[i] = keyring.pseudonymise(syntheticNationalId(i));

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function text(value) {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]) : s;
}

/** A text[] literal of plain elements (hex, purposes: nothing to quote). */
function array(values) {
  return `{${values.join(',')}}`;
}

const child = spawn(psql, [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `COPY audit_event (${EVENT_COLUMNS.join(', ')}) FROM STDIN`], {
  stdio: ['pipe', 'ignore', 'pipe'],
});
let stderr = '';
child.stderr.on('data', (chunk) => (stderr += chunk));
// A write after psql died fails with EPIPE; its exit code and stderr say why, below.
child.stdin.on('error', (error) => (stderr += `\n(stdin: ${error.message})`));
const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));

const heads = new Map(writerIndexes.map((w) => [w, { ...EMPTY_CHAIN }]));
const checkpoints = [];
let written = 0;
let reportedAt = Date.now();
let buffer = [];
let bufferedChars = 0;

async function flush() {
  if (buffer.length === 0) return;
  const chunk = buffer.join('');
  buffer = [];
  bufferedChars = 0;
  if (!child.stdin.write(chunk)) {
    const drained = new Promise((resolve) => child.stdin.once('drain', () => resolve(true)));
    if (!(await Promise.race([drained, exited.then(() => false)]))) throw new Error(`psql exited during COPY: ${stderr.trim()}`);
  }
}

for (let g = 0; g < plan.events; g += 1) {
  const w = writerOf(plan, g);
  if (!mine.has(w)) continue;
  const writerId = plan.writers[w];
  const event = syntheticEvent(plan, g);
  event.subjects = event.subjects.map((i) => pseudonyms[i]);
  event.pseudonymKey = keyring.currentVersion;
  const head = heads.get(w);
  const position = head.position + 1;
  const body = canonicalEvent(writerId, position, event);
  const previousHash = head.hash;
  const hash = linkHash(previousHash, body);
  head.position = position;
  head.hash = hash;
  const line = [
    text(writerId),
    position,
    event.eventId,
    event.occurredAt,
    text(event.requestId),
    text(event.clientId),
    text(event.org),
    array(event.purposes),
    text(event.operationName),
    event.decision,
    text(event.outcome),
    array(event.subjects),
    text(body),
    previousHash,
    hash,
  ].join('\t');
  buffer.push(line, '\n');
  bufferedChars += line.length + 1;
  if (position % CHECKPOINT_EVERY === 0)
    checkpoints.push(signer.sign({ writerId, position, hash, signedAt: new Date(Date.parse(event.occurredAt) + 1000).toISOString() }));
  written += 1;
  if (bufferedChars > 1 << 20) {
    await flush();
    if (Date.now() - reportedAt > 2000) {
      reportedAt = Date.now();
      parentPort.postMessage({ type: 'progress', written });
    }
  }
}
await flush();
child.stdin.end();
const code = await exited;
if (code !== 0) throw new Error(`psql COPY failed (exit ${code}): ${stderr.trim()}`);
for (const w of writerIndexes) {
  const head = heads.get(w);
  if (head.position > 0 && head.position % CHECKPOINT_EVERY !== 0) {
    checkpoints.push(
      signer.sign({ writerId: plan.writers[w], position: head.position, hash: head.hash, signedAt: new Date(plan.end).toISOString() }),
    );
  }
}
parentPort.postMessage({ type: 'done', written, checkpoints });
