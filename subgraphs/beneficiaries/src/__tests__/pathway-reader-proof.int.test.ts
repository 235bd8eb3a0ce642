import { seedDatabase, verifyPersonProof, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';

/**
 * The proof care-pathways requires before it serves a person's pathway
 * (`readerProof`): an OG gets it only for a person it covers today. It still
 * sees a former member through its own closed affiliation (its history), but
 * never the care pathway the next insurer records. Synthetic personas:
 * ZZ000015 left CNOPS (closed) for CNSS; ZZ000016 is open at CNOPS and
 * suspended at CNSS (both cover them).
 */
const PERSON = /* GraphQL */ `
  query ($id: String!) {
    person(nationalId: $id) {
      ref
      readerProof
    }
  }
`;
const BY_REF = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        readerProof
      }
    }
  }
`;

/** An OG's pathway reader. */
const og = (org: string): Partial<Caller> => ({ clientId: `og-${org.toLowerCase()}`, org, orgKind: 'OG', purposes: ['pathway:read'] });
const ANAM: Partial<Caller> = { clientId: 'anam-pathways', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['pathway:read'] };

describe.each(ENGINES)("an OG's proof to read a person's pathway on %s", (engine) => {
  let database: TestDatabase;
  let app: BeneficiariesApp;
  const proofSecret = loadConfig({ NODE_ENV: 'test' }).proofSecret;

  async function run(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    const result = await executeAs(app, query, variables, caller);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, unknown>;
  }

  /** The person as `person(nationalId)` serves it to the caller, and the proof a reference of the same person gets. */
  async function proofsOf(nationalId: string, caller: Partial<Caller>) {
    const { person } = (await run(PERSON, { id: nationalId }, caller)) as { person: { ref: string; readerProof: string | null } | null };
    if (!person) return null;
    const { _entities: entities } = (await run(BY_REF, { representations: [{ __typename: 'Person', ref: person.ref }] }, caller)) as {
      _entities: ({ readerProof: string | null } | null)[];
    };
    // The reference resolves for this caller (the person is served to it): only its proof is in question.
    expect(entities).toHaveLength(1);
    expect(entities[0]).not.toBeNull();
    return { ref: person.ref, byNationalId: person.readerProof, byRef: entities[0]?.readerProof ?? null };
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'pathway_reader_proof');
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 5, seed: 11 });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });
  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('gives a former insurer no proof, by national id or by ref, though it still finds the person through its own history', async () => {
    const former = await proofsOf('ZZ000015', og('CNOPS'));
    expect(former).toMatchObject({ byNationalId: null, byRef: null });
    expect(former?.ref).toEqual(expect.any(String));
  });

  it('gives the insurer covering the person today a proof that care-pathways takes for it alone', async () => {
    const current = await proofsOf('ZZ000015', og('CNSS'));
    expect(current).not.toBeNull();
    for (const proof of [current?.byNationalId, current?.byRef]) {
      expect(verifyPersonProof(proofSecret, proof, current!.ref, 'CNSS')).toBe(true);
      expect(verifyPersonProof(proofSecret, proof, current!.ref, 'CNOPS')).toBe(false);
    }
  });

  it('gives each OG covering a person today its proof, rights suspended included, and ANAM its own', async () => {
    for (const caller of [og('CNOPS'), og('CNSS'), ANAM]) {
      const both = await proofsOf('ZZ000016', caller);
      expect(verifyPersonProof(proofSecret, both?.byNationalId, both!.ref, caller.org!)).toBe(true);
      expect(verifyPersonProof(proofSecret, both?.byRef, both!.ref, caller.org!)).toBe(true);
    }
    const moved = await proofsOf('ZZ000015', ANAM);
    expect(verifyPersonProof(proofSecret, moved?.byNationalId, moved!.ref, 'ANAM')).toBe(true);
  });
});
