import { addDays, todayIn, type Caller } from '@cmb/kit';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LongTermIllnessEntity } from '../entities/long-term-illness.entity';
import { ReferringDoctorEntity } from '../entities/referring-doctor.entity';
import { useCarePathwaysApp } from './support/care-pathways-test-app';

/**
 * A pathway batch reads each person's records, checks a rule against them, then writes: under the person's lock,
 * so two batches about one person at the same moment (PostgreSQL, READ COMMITTED) never both pass a check the
 * other's write would fail.
 */
const RECORD = /* GraphQL */ `
  mutation ($batch: PathwayBatchInput!) {
    recordPathways(batch: $batch) {
      applied
      refused
      rows {
        status
        code
      }
    }
  }
`;
type Answer = {
  data?: { recordPathways: { applied: number; rows: { status: string; code: string | null }[] } } | null;
  errors?: unknown[];
};
const TODAY = todayIn('Africa/Casablanca');
const day = (n: number) => addDays(TODAY, n);

describe('two pathway batches about one person at the same moment (postgres)', () => {
  const subgraph = useCarePathwaysApp('postgres', { name: 'concurrent_pathways', persons: 5, seed: 3, env: { LOG_LEVEL: 'silent' } });
  const og = (org: string, personOrganisms: Caller['personOrganisms']): Partial<Caller> => ({
    clientId: `og-${org.toLowerCase()}`,
    org,
    orgKind: 'OG',
    purposes: ['pathway:write'],
    personOrganisms,
  });
  const record = (caller: Partial<Caller>, rows: Record<string, unknown>[]) =>
    subgraph.execute(RECORD, { batch: { idempotencyKey: `concurrent-${randomUUID()}`, rows } }, caller) as Promise<Answer>;

  it('never files a referring doctor with one OG over a running declaration of another OG covering the person (R8)', async () => {
    let both = 0;
    for (let i = 0; i < 8; i += 1) {
      const person = randomUUID();
      const organisms = { [person]: ['CNOPS', 'CNSS'] };
      const answers = await Promise.all([
        record(og('CNSS', organisms), [{ personRef: person, referringDoctor: { doctorInpe: 'ZZP00003', validFrom: day(1) } }]),
        record(og('CNOPS', organisms), [{ personRef: person, referringDoctor: { doctorInpe: 'ZZP00005', validFrom: day(1) } }]),
      ]);
      const open = await subgraph.app().dataSource.getRepository(ReferringDoctorEntity).countBy({ personRef: person });
      if (answers.every((a) => a.data?.recordPathways.applied === 1) && open === 2) both += 1;
    }
    // Sequentially the second is refused (PATHWAY_MEMBERS_ONLY): at the same moment, never both.
    expect(both).toBe(0);
  });

  it('never recognises one illness twice over overlapping periods (R9)', async () => {
    let twice = 0;
    for (let i = 0; i < 8; i += 1) {
      const person = randomUUID();
      const cnss = og('CNSS', { [person]: ['CNSS'] });
      const row = { personRef: person, longTermIllness: { aldCode: 'DIABETE_T2', validFrom: TODAY, validUntil: day(365) } };
      await Promise.all([record(cnss, [row]), record(cnss, [row])]);
      const kept = await subgraph.app().dataSource.getRepository(LongTermIllnessEntity).countBy({ personRef: person });
      if (kept > 1) twice += 1;
    }
    expect(twice).toBe(0);
  });
});
