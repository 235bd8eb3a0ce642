// `npm run bench:decision-counts`: what counting eligibility decisions for the
// regulator's indicators adds to a decision. Hop 3 (`EligibilityService.decide`)
// in process, one reference at a time against a fixed coverage (no database),
// with and without the in-memory `IndicatorCounter`; then the flush of a
// day's worth of keys. CPU time per decision (process.cpuUsage), median of
// 5 rounds of 20,000, with the range. Options: --rounds N, --per-round N.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '../..');
const load = createRequire(join(ROOT, 'subgraphs/beneficiaries/package.json'));
const { EligibilityService } = load(join(ROOT, 'subgraphs/beneficiaries/dist/services/eligibility-service.js'));
const { DecisionIdSealer } = load(join(ROOT, 'subgraphs/beneficiaries/dist/services/decision-id.js'));
const { IndicatorCounter } = load(join(ROOT, 'subgraphs/beneficiaries/dist/services/indicator-counter.js'));
const { loadConfig } = load(join(ROOT, 'subgraphs/beneficiaries/dist/config.js'));

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, 'per-round': { type: 'string', default: '20000' } } });
const rounds = Number(values.rounds);
const perRound = Number(values['per-round']);

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const sealer = new DecisionIdSealer(config.decisionIdKey);
const personRef = '0b9f5c1e-4e0a-4f6b-9a55-6a3f1d2c7e01';
const id = sealer.seal({
  personRef,
  providerInpe: 'ZZP00001',
  careDate: '2026-03-02',
  careType: 'CONSULTATION',
  checkedAt: new Date().toISOString(),
  checkedBy: null,
});
const affiliation = {
  organism: 'CNSS',
  regime: 'AMO_SALARIES_PRIVE',
  role: 'INSURED',
  memberNumber: 'CN0000000001',
  validFrom: '2012-01-01',
  validUntil: null,
  status: 'ACTIVE',
  suspensionReason: null,
  student: false,
  disabled: false,
  insured: null,
};
const record = { person: { ref: personRef, birthDate: '1985-04-12' }, affiliations: [affiliation] };
const reference = {
  id,
  providerFacts: { registered: true, active: true },
  pathwayFacts: { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] },
};
const loadCoverage = async () => record;

/** A data source whose writes are counted, not run: the flush's cost is the building of its statements. */
const statements = [];
const dataSource = {
  options: { type: 'postgres' },
  transaction: async (work) => work({ query: async (sql, params) => statements.push(params.length) }),
};

async function cpuPerDecision(service) {
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < perRound; i += 1) await service.decide([reference], loadCoverage);
    const used = process.cpuUsage(start);
    samples.push(((used.user + used.system) * 1000) / perRound);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}

const show = (label, { median, min, max }) =>
  console.log(
    `${label.padEnd(34)} ${(median / 1000).toFixed(2)} µs per decision (range ${(min / 1000).toFixed(2)}–${(max / 1000).toFixed(2)})`,
  );

const counter = new IndicatorCounter(dataSource, { flushIntervalMs: 60_000 });
const plain = new EligibilityService(null, sealer, config);
const counted = new EligibilityService(null, sealer, config, null, counter);
await cpuPerDecision(plain); // warm-up
await cpuPerDecision(counted);
const without = await cpuPerDecision(plain);
const withCounts = await cpuPerDecision(counted);
show('hop 3 without counting', without);
show('hop 3 counting in memory', withCounts);
console.log(
  `difference: ${((withCounts.median - without.median) / 1000).toFixed(2)} µs per decision (${(((withCounts.median - without.median) / without.median) * 100).toFixed(1)} %)`,
);

// A busy day's keys: 10 outcomes x 8 regimes; one flush writes them in one statement.
for (let o = 0; o < 10; o += 1)
  for (let r = 0; r < 8; r += 1) counter.note('ELIGIBILITY_CHECKS', '2026-03-02', `OUTCOME_${o}`, `REGIME_${r}`);
const flushStart = process.hrtime.bigint();
await counter.flush();
console.log(
  `flush of ${statements.length > 0 ? '80 keys' : 'nothing'}: ${statements.length} statement(s), ${(Number(process.hrtime.bigint() - flushStart) / 1e6).toFixed(2)} ms (statement building only)`,
);
