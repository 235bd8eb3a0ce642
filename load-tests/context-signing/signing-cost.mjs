// `npm run bench:context-signing`: CPU cost of signing and verifying one
// caller context (the per-subgraph-call work of the gateway and of a
// subgraph) with the kit's ES256 on node:crypto, against the same JWS made
// with jose (ES256), Ed25519 on node:crypto, and the former shared-secret
// HMAC. A realistic caller and a hop-2 entity-fetch body; CPU time per
// operation (process.cpuUsage), median of 5 rounds of 5,000, with the range.
// Options: --rounds N, --per-round N.
import { createHash, createHmac, generateKeyPairSync, sign, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '../..');
const kit = createRequire(join(ROOT, 'subgraphs/kit/package.json'))(join(ROOT, 'subgraphs/kit/dist/index.js'));
const jose = createRequire(join(ROOT, 'auth/package.json'))('jose');

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, 'per-round': { type: 'string', default: '5000' } } });
const rounds = Number(values.rounds);
const perRound = Number(values['per-round']);

const caller = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['eligibility:check'],
  tokenId: 'f3b2c1d0-aaaa-bbbb-cccc-0123456789ab',
  userId: null,
  requestId: '6f1c2e8a-1111-2222-3333-444455556666',
};
const body = JSON.stringify({
  query:
    'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on EligibilityDecision { providerFacts { registered active } provider { inpe active } } } }',
  variables: {
    representations: [{ __typename: 'EligibilityDecision', id: 'x'.repeat(64), providerInpe: 'ZZP00004', careDate: '2026-03-02' }],
  },
});
const b64 = (text) => Buffer.from(text).toString('base64url');
const bh = () => createHash('sha256').update(body).digest('base64url');
const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return JSON.stringify({ aud: 'providers', bh: bh(), iat, exp: iat + 10, caller });
};

// ES256, the kit's own code (what the gateway and the subgraphs run).
const es = kit.generateContextKeyPair();
const signer = kit.contextSigner({ keyId: 'k1', privateKey: es.privateKey, ttlSeconds: 10 });
const trusted = new kit.ContextPublicKeys().add('k1', es.publicKey);
const esToken = signer.sign(caller, 'providers', body);
const check = { keys: trusted, subgraph: 'providers', body, clockSkewSeconds: 5 };

// ES256 through jose: the same JWS.
const esKeys = { private: kit.readContextKey(es.privateKey, 'private'), public: kit.readContextKey(es.publicKey, 'public') };
const encoder = new TextEncoder();
const joseSign = () =>
  new jose.CompactSign(encoder.encode(claims())).setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'cmb-context' }).sign(esKeys.private);
const joseToken = await joseSign();
const joseVerify = async () => {
  const { payload } = await jose.compactVerify(joseToken, esKeys.public, { algorithms: ['ES256'] });
  return JSON.parse(new TextDecoder().decode(payload)).bh === bh();
};

// Ed25519 on node:crypto, the same JWS shape with alg EdDSA.
const ed = generateKeyPairSync('ed25519');
const edHead = b64(JSON.stringify({ alg: 'EdDSA', kid: 'k1', typ: 'cmb-context' }));
const edSign = () => {
  const input = `${edHead}.${b64(claims())}`;
  return `${input}.${sign(null, Buffer.from(input), ed.privateKey).toString('base64url')}`;
};
const edToken = edSign();
const edVerify = () => {
  const last = edToken.lastIndexOf('.');
  const ok = verify(null, Buffer.from(edToken.slice(0, last)), ed.publicKey, Buffer.from(edToken.slice(last + 1), 'base64url'));
  const payload = JSON.parse(Buffer.from(edToken.slice(edToken.indexOf('.') + 1, last), 'base64url').toString('utf8'));
  return ok && payload.bh === bh();
};

// The former shared-secret context: HMAC-SHA256 of the caller and a time, once per request, no body.
const secret = Buffer.from('x'.repeat(44));
const hmacSign = () => {
  const payload = b64(JSON.stringify({ v: 1, c: caller, t: Date.now() }));
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
};
const hmacToken = hmacSign();
const hmacVerify = () => {
  const dot = hmacToken.indexOf('.');
  const ok = createHmac('sha256', secret).update(hmacToken.slice(0, dot)).digest('base64url') === hmacToken.slice(dot + 1);
  return ok && JSON.parse(Buffer.from(hmacToken.slice(0, dot), 'base64url').toString('utf8')).v === 1;
};

if (!('caller' in kit.verifyCallerContext(esToken, check)) || !(await joseVerify()) || !edVerify() || !hmacVerify())
  throw new Error('a context does not verify: the measurement would be meaningless');
// The kit's context is a standard JWS: jose verifies what the kit signs, and the kit what jose signs.
await jose.compactVerify(esToken, esKeys.public, { algorithms: ['ES256'] });
if (!('caller' in kit.verifyCallerContext(joseToken, check))) throw new Error('the kit does not verify a JWS made by jose');

const cases = [
  ['ES256, node:crypto (the kit)', 'sign', () => signer.sign(caller, 'providers', body), false],
  ['ES256, node:crypto (the kit)', 'verify', () => kit.verifyCallerContext(esToken, check), false],
  ['ES256, jose 5.10', 'sign', joseSign, true],
  ['ES256, jose 5.10', 'verify', joseVerify, true],
  ['Ed25519, node:crypto', 'sign', edSign, false],
  ['Ed25519, node:crypto', 'verify', edVerify, false],
  ['HMAC-SHA256 (former, no body hash)', 'sign', hmacSign, false],
  ['HMAC-SHA256 (former, no body hash)', 'verify', hmacVerify, false],
];

const samples = new Map();
for (let round = 0; round < rounds; round += 1) {
  for (const [name, op, fn, async] of cases) {
    for (let i = 0; i < 200; i += 1)
      if (async) await fn();
      else fn();
    const before = process.cpuUsage();
    for (let i = 0; i < perRound; i += 1)
      if (async) await fn();
      else fn();
    const used = process.cpuUsage(before);
    const key = `${name}|${op}`;
    samples.set(key, [...(samples.get(key) ?? []), (used.user + used.system) / perRound]);
  }
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(
  `Node ${process.version}, OpenSSL ${process.versions.openssl}; CPU µs per operation, median of ${rounds} × ${perRound} (range)`,
);
console.log('| scheme | sign | verify |');
console.log('| --- | --- | --- |');
for (const name of [...new Set(cases.map(([n]) => n))]) {
  const cell = (op) => {
    const list = samples.get(`${name}|${op}`);
    return `${median(list).toFixed(1)} (${Math.min(...list).toFixed(1)}–${Math.max(...list).toFixed(1)})`;
  };
  console.log(`| ${name} | ${cell('sign')} | ${cell('verify')} |`);
}
