import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { affiliationFact } from '../__tests__/support/affiliation-fact';
import { loadConfig } from '../config';
import type { CoverageRecord, CoverageStore } from './coverage-store';
import { DECISION_ID_CLOCK_SKEW_MS, DECISION_ID_MAX_AGE_MS, DecisionIdSealer } from './decision-id';
import { EligibilityService, type CareRelationshipSink } from './eligibility-service';
import { RecentDecisions } from './recent-decisions';

// A synthetic insured person (test data) with open rights.
const RECORD: CoverageRecord = { person: { ref: 'ref-zz-1', birthDate: '1980-01-01' }, affiliations: [affiliationFact()] };
const INPUT = { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: new Date('2026-03-02T00:00:00Z') };
const FACTS = {
  providerFacts: { registered: true, active: true },
  pathwayFacts: { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] },
};
const CONFIG = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const NOW = new Date('2026-03-02T09:00:00Z');

/** One replica's eligibility service over a store that counts its reads (a stand-in for the registry's database). */
function replica(sealer: DecisionIdSealer, careRelationships: CareRelationshipSink | null = null) {
  const store = {
    findCoverageByNationalId: vi.fn(async () => RECORD),
  };
  const loadCoverage = vi.fn(async () => RECORD);
  const service = new EligibilityService(store as unknown as CoverageStore, sealer, CONFIG, careRelationships);
  return { service, store, loadCoverage };
}

describe('hop 3 decides from what hop 1 read on the same replica', () => {
  const sealer = new DecisionIdSealer(randomBytes(32));

  it('reads the registry once per check on the replica that identified the person', async () => {
    const { service, store, loadCoverage } = replica(sealer);
    const { id } = await service.identify(INPUT, null, NOW);
    const [decision] = await service.decide([{ id, ...FACTS }], loadCoverage, null, NOW);
    expect(decision?.outcome).toBe('ELIGIBLE');
    expect(store.findCoverageByNationalId).toHaveBeenCalledTimes(1);
    expect(loadCoverage).not.toHaveBeenCalled();
  });

  it('reads the registry again on another replica, and decides the same', async () => {
    const first = replica(sealer);
    const other = replica(sealer);
    const { id } = await first.service.identify(INPUT, null, NOW);
    const [decision] = await other.service.decide([{ id, ...FACTS }], other.loadCoverage, null, NOW);
    expect(decision?.outcome).toBe('ELIGIBLE');
    expect(other.loadCoverage).toHaveBeenCalledWith('ref-zz-1');
  });

  it('takes what hop 1 read once: a repeated hop 3 reads the registry', async () => {
    const { service, loadCoverage } = replica(sealer);
    const { id } = await service.identify(INPUT, null, NOW);
    await service.decide([{ id, ...FACTS }], loadCoverage, null, NOW);
    const [again] = await service.decide([{ id, ...FACTS }], loadCoverage, null, NOW);
    expect(again?.outcome).toBe('ELIGIBLE');
    expect(loadCoverage).toHaveBeenCalledTimes(1);
  });

  it('answers a kept check to the organisation that made it only, and keeps it for that one', async () => {
    const { service, loadCoverage } = replica(sealer);
    const asker = { org: 'ZZP00001', orgKind: 'PROFESSIONAL' as const, language: 'fr' as const };
    const { id } = await service.identify(INPUT, asker, NOW);
    const stranger = { ...asker, org: 'ZZP00009' };
    expect(await service.decide([{ id, ...FACTS }], loadCoverage, stranger, NOW)).toEqual([null]);
    const [decision] = await service.decide([{ id, ...FACTS }], loadCoverage, asker, NOW);
    expect(decision?.outcome).toBe('ELIGIBLE');
    expect(loadCoverage).not.toHaveBeenCalled();
  });

  it.each<[string, number]>([
    ['older than its bound', DECISION_ID_MAX_AGE_MS + 1],
    ['dated ahead beyond the clock skew', -DECISION_ID_CLOCK_SKEW_MS - 1],
  ])('refuses on another replica, as an id it did not issue, a check %s, and opens no care relationship with it', async (_label, ageMs) => {
    const doctor = { org: 'ZZP00001', orgKind: 'PROFESSIONAL' as const, language: 'fr' as const };
    const caring = { ...FACTS, providerFacts: { ...FACTS.providerFacts, givesCare: true } };
    const careRelationships = { note: vi.fn() };
    const first = replica(sealer);
    const other = replica(sealer, careRelationships);
    const { id } = await first.service.identify(INPUT, doctor, NOW);
    const late = new Date(NOW.getTime() + ageMs);
    expect(await other.service.decide([{ id, ...caring }], other.loadCoverage, doctor, late)).toEqual([null]);
    expect(careRelationships.note).not.toHaveBeenCalled();
    // The same id within its bound is answered, and opens the relationship.
    const [decision] = await other.service.decide([{ id, ...caring }], other.loadCoverage, doctor, NOW);
    expect(decision?.outcome).toBe('ELIGIBLE');
    expect(careRelationships.note).toHaveBeenCalledWith('ref-zz-1', 'ZZP00001', '2026-03-02');
  });

  it('refuses an id it did not issue, kept or not', async () => {
    const { service, loadCoverage } = replica(sealer);
    await service.identify(INPUT, null, NOW);
    const forged = Buffer.alloc(60, 1).toString('base64url');
    expect(await service.decide([{ id: forged, ...FACTS }], loadCoverage, null, NOW)).toEqual([null]);
    expect(loadCoverage).not.toHaveBeenCalled();
  });
});

describe('the checks a replica keeps between its hops', () => {
  const key = {
    personRef: null,
    providerInpe: 'ZZP00001',
    careDate: '2026-03-02',
    careType: 'CONSULTATION',
    checkedAt: '',
    checkedBy: null,
  };

  it('keeps at most its bound, the oldest pushed out first', () => {
    const recent = new RecentDecisions({ max: 2, ttlMs: 60_000 });
    recent.keep('a', { key, record: null });
    recent.keep('b', { key, record: null });
    recent.keep('c', { key, record: null });
    expect(recent.size).toBe(2);
    expect(recent.peek('a')).toBeUndefined();
    expect(recent.peek('c')?.key).toEqual(key);
  });

  it('keeps no check longer than a decision id is answered, so a kept check needs no age test', () => {
    expect(() => new RecentDecisions({ max: 10, ttlMs: DECISION_ID_MAX_AGE_MS + 1 })).toThrow(RangeError);
  });

  it('forgets a check once its time is past', () => {
    const clock = { ms: 5_000, now: () => clock.ms };
    const recent = new RecentDecisions({ max: 10, ttlMs: 1_000 }, clock);
    recent.keep('a', { key, record: null });
    recent.keep('b', { key, record: null });
    clock.ms = 5_999;
    expect(recent.peek('b')).toBeDefined();
    clock.ms = 6_001;
    expect(recent.peek('a')).toBeUndefined();
  });
});
