// Deterministic synthetic audit events: event number g → its writer, time,
// client, purposes, decision and persons. Every value comes from a small
// PRNG seeded by g alone, so the same options give the same store whatever
// the number of parallel loaders, and the benchmark can name the persons it
// searches (the heavy ones, the chronic ones) without reading the store.
// Nothing here is real: national ids are of the synthetic `Z?######` form,
// pseudonyms are keyed with a synthetic key, clients are the development
// realm's synthetic ones.
import { operationHash, PseudonymKeyring } from '@cmb/audit-store';

/** The synthetic pseudonymisation key of the benchmark store (never a real one). */
export const BENCH_PSEUDONYM_KEYS = 'bench-2026:synthetic-audit-search-benchmark-key-not-a-secret';

/** Writers of the synthetic store, as the gateway names them (`host:port`). */
export const WRITERS = ['gateway-1:4000', 'gateway-2:4000', 'gateway-3:4000', 'gateway-4:4000'];

/** A checkpoint every this many events of a writer, as the gateway's default. */
export const CHECKPOINT_EVERY = 1000;

/** Share of events about one of the {@link HEAVY_PERSONS} (a long stay read by many professionals). */
export const HEAVY_SHARE = 0.005;
/** Persons 0..HEAVY_PERSONS-1 are the heavy ones: about HEAVY_SHARE × events / 10 events each. */
export const HEAVY_PERSONS = 10;
/** Share of events about a chronic patient: the first {@link CHRONIC_FRACTION} of persons. */
export const CHRONIC_SHARE = 0.1;
export const CHRONIC_FRACTION = 0.01;
/** Share of events naming a second person (a dependant, a batch). */
const SECOND_SUBJECT_SHARE = 0.12;
/** Decisions: refused at the gateway, and emergency access. */
const REFUSED_SHARE = 0.03;
const BREAK_GLASS_SHARE = 0.001;
/** Allowed, but answered with an error (not a refusal). */
const ALLOWED_ERROR_SHARE = 0.015;

/** Generated national ids, as `syntheticNationalId` of subgraphs/kit: `Z`, a letter A..Y, six digits. */
export function syntheticNationalId(index) {
  const block = Math.floor(index / 1_000_000);
  if (block > 24) throw new Error('synthetic national ids are limited to 25 million persons');
  return `Z${String.fromCharCode(65 + block)}${String(index % 1_000_000).padStart(6, '0')}`;
}

/** The keyring the store was written with (one synthetic key version). */
export function benchKeyring() {
  return PseudonymKeyring.parse(BENCH_PSEUDONYM_KEYS);
}

const PROVIDERS = [
  ['cabinet-zzp00001', 'ZZP00001'],
  ['pharmacie-zzp00002', 'ZZP00002'],
  ['cabinet-zzp00003', 'ZZP00003'],
  ['hopital-zzp00004', 'ZZP00004'],
  ['clinique-zzp00010', 'ZZP00010'],
];
const ELIGIBILITY_CLIENTS = [...PROVIDERS, ['cabinet-zzp88888', 'ZZP88888']];
const OGS = [
  ['og-cnss', 'CNSS'],
  ['og-cnops', 'CNOPS'],
];
const HOSPITALS = [
  ['hopital-zzp00004', 'ZZP00004'],
  ['clinique-zzp00010', 'ZZP00010'],
];

function kind(weight, clients, purposes, operationName, fieldPaths, subgraphs, extra = {}) {
  return {
    weight,
    clients,
    purposes,
    operationName,
    operationHash: operationHash(`# synthetic ${operationName}`),
    fieldPaths,
    subgraphs,
    ...extra,
  };
}

/** What callers do, with their share of events (ALLOWED ones; refusals are drawn on top). */
const KINDS = [
  kind(
    0.58,
    ELIGIBILITY_CLIENTS,
    ['eligibility:check'],
    'Check',
    [
      'Query.eligibility',
      'EligibilityDecision.eligible',
      'EligibilityDecision.outcome',
      'EligibilityDecision.reasons',
      'EligibilityDecision.coverage',
      'EligibilityDecision.provider',
      'EligibilityDecision.pathway',
    ],
    ['beneficiaries', 'care-pathways', 'providers'],
  ),
  kind(
    0.12,
    OGS,
    ['beneficiary:read'],
    'Affiliations',
    [
      'Query.person',
      'Person.nationalId',
      'Person.firstName',
      'Person.lastName',
      'Person.birthDate',
      'Person.affiliations',
      'Person.dependants',
    ],
    ['beneficiaries'],
  ),
  kind(
    0.1,
    [...PROVIDERS, ...OGS],
    ['pathway:read'],
    'Pathway',
    ['Query.person', 'Person.referringDoctorInpe', 'Person.longTermIllnesses', 'Person.pathwayEnrolment', 'Person.referrals'],
    ['beneficiaries', 'care-pathways'],
  ),
  kind(
    0.1,
    PROVIDERS,
    ['records:read'],
    'DocumentPointers',
    ['Query.person', 'Query.documentPointer'],
    ['beneficiaries', 'medical-records'],
  ),
  kind(0.05, PROVIDERS, ['records:write'], 'RegisterDocument', ['Mutation.registerDocument'], ['medical-records']),
  kind(
    0.04,
    [['patient-portal', 'PATIENT_PORTAL']],
    ['beneficiary:read'],
    'Me',
    ['Query.me', 'Person.firstName', 'Person.lastName', 'Person.affiliations'],
    ['beneficiaries'],
    { portal: true },
  ),
  kind(0.01, [['anam-registry', 'ANAM']], ['beneficiary:read'], 'AffiliationHistory', ['Query.affiliationHistory'], ['beneficiaries']),
];
const BREAK_GLASS = kind(
  0,
  HOSPITALS,
  ['records:break-glass'],
  'EmergencyRecords',
  ['Query.person', 'Query.documentPointer', 'Person.longTermIllnesses'],
  ['beneficiaries', 'care-pathways', 'medical-records'],
);
const KIND_CUMULATIVE = (() => {
  let sum = 0;
  const total = KINDS.reduce((s, k) => s + k.weight, 0);
  return KINDS.map((k) => (sum += k.weight / total));
})();
const REFUSAL_CODES = [
  [0.75, 'FORBIDDEN'],
  [0.95, 'RATE_LIMITED'],
  [0.99, 'UNAUTHENTICATED'],
  [1, 'QUERY_TOO_COMPLEX'],
];
const ALLOWED_ERROR_CODES = [
  [0.4, 'NOT_FOUND'],
  [0.65, 'CARE_RELATIONSHIP_REQUIRED'],
  [0.85, 'CONSENT_BLOCKED'],
  [1, 'SUBGRAPH_UNAVAILABLE'],
];

function pick(cumulative, r) {
  for (const [bound, value] of cumulative) if (r < bound) return value;
  return cumulative[cumulative.length - 1][1];
}

const C = 0x6d2b79f5;

/**
 * The draws of event g (mulberry32 whose state starts at g·64·C, so events
 * up to 67 million never share a draw; at most 64 draws per event).
 */
function drawsOf(g, seed) {
  let a = (Math.imul(g, 64 * C) + Math.imul(seed, 0x9e3779b1)) | 0;
  return () => {
    a = (a + C) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uuid(next) {
  const w = [0, 1, 2, 3].map(() => Math.floor(next() * 4294967296) >>> 0);
  const b = w.flatMap((x) => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255]);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.map((x) => HEX[x]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The person of a draw: heavy, chronic, or anyone. */
function personOf(next, persons) {
  const r = next();
  if (r < HEAVY_SHARE) return Math.floor(next() * Math.min(HEAVY_PERSONS, persons));
  if (r < HEAVY_SHARE + CHRONIC_SHARE) return Math.floor(next() * Math.max(1, Math.floor(persons * CHRONIC_FRACTION)));
  return Math.floor(next() * persons);
}

/**
 * The shape of the synthetic store: events from the first day of the month
 * `months - 1` months back to today 00:00 UTC (the store of a gateway that
 * ran until today), so every one of those months has its partition.
 */
export function storePlan({ events, persons, months, seed = 1, now = new Date() }) {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1);
  if (end <= start) return { events, persons, months, seed, start, end: start + 86_400_000, writers: WRITERS };
  return { events, persons, months, seed, start, end, writers: WRITERS };
}

/** The writer of event g (the first draw, so a loader skips others' events cheaply). */
export function writerOf(plan, g) {
  return Math.floor(drawsOf(g, plan.seed)() * plan.writers.length);
}

/**
 * Event g of the plan, without its place in a chain: an `AuditEvent` whose
 * `subjects` are person indexes (the loader turns them into pseudonyms).
 */
export function syntheticEvent(plan, g) {
  const next = drawsOf(g, plan.seed);
  next(); // the writer's draw
  // Times rise with g: evenly spread over the months, ms precision.
  const occurredAt = new Date(plan.start + Math.floor(((g + next()) * (plan.end - plan.start)) / plan.events)).toISOString();
  const d = next();
  let k;
  let decision = 'ALLOWED';
  let outcome = 'OK';
  if (d < BREAK_GLASS_SHARE) {
    k = BREAK_GLASS;
    decision = 'BREAK_GLASS';
  } else {
    const r = next();
    k = KINDS[KIND_CUMULATIVE.findIndex((c) => r < c)] ?? KINDS[0];
    if (d < BREAK_GLASS_SHARE + REFUSED_SHARE) {
      decision = 'REFUSED';
      outcome = pick(REFUSAL_CODES, next());
    } else if (d < BREAK_GLASS_SHARE + REFUSED_SHARE + ALLOWED_ERROR_SHARE) {
      outcome = pick(ALLOWED_ERROR_CODES, next());
    }
  }
  const [clientId, org] = k.clients[Math.floor(next() * k.clients.length)];
  const subjects = [personOf(next, plan.persons)];
  if (!k.portal && next() < SECOND_SUBJECT_SHARE) {
    const second = Math.floor(next() * plan.persons);
    if (second !== subjects[0]) subjects.push(second);
  }
  return {
    eventId: uuid(next),
    occurredAt,
    requestId: uuid(next),
    tokenId: outcome === 'UNAUTHENTICATED' ? null : uuid(next),
    clientId,
    userId: k.portal ? `portal-${subjects[0]}` : null,
    org,
    purposes: k.purposes,
    operationName: k.operationName,
    operationHash: k.operationHash,
    fieldPaths: k.fieldPaths,
    subjects,
    pseudonymKey: '',
    decision,
    outcome,
    subgraphs: decision === 'REFUSED' ? [] : k.subgraphs,
    latencyMs: Math.round((2 + -Math.log(1 - next()) * (decision === 'REFUSED' ? 1 : 12)) * 1000) / 1000,
  };
}
