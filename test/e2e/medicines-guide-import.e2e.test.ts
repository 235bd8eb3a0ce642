import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const FIXTURES = join(__dirname, '../../subgraphs/medicines/fixtures');
/** The sample version, taking effect far in the future so that no other test's date falls in it. */
const EFFECTIVE = '2090-01-01';
const VERSION = `GMR-${EFFECTIVE}`;
const CSV = readFileSync(join(FIXTURES, 'gmr-2026-06-01.csv'), 'utf8').replace(
  '# effective_date: 2026-06-01',
  `# effective_date: ${EFFECTIVE}`,
);
const WITH_ERRORS = readFileSync(join(FIXTURES, 'gmr-with-errors.csv'), 'utf8').replace('2026-06-01', EFFECTIVE);
const GLUCORIL = '6119999000015';

const IMPORT = /* GraphQL */ `
  mutation ($input: ImportMedicinesGuideInput!) {
    importMedicinesGuide(input: $input) {
      replayed
      version {
        versionId
        effectiveDate
        medicineCount
        addedCount
        changedCount
        previousVersionId
      }
    }
  }
`;
const ROLLBACK = /* GraphQL */ `
  mutation ($versionId: String!) {
    rollbackMedicinesGuide(versionId: $versionId) {
      rolledBack {
        versionId
      }
      latest {
        versionId
        validUntil
      }
    }
  }
`;
const CHANGES = /* GraphQL */ `
  query ($versionId: String!) {
    medicinesGuideChanges(versionId: $versionId, kind: CHANGED) {
      nodes {
        ean13
        fields
      }
    }
  }
`;
const VERSIONS = /* GraphQL */ `
  {
    medicinesGuideVersions(first: 1) {
      nodes {
        versionId
      }
    }
  }
`;
const BASIS = /* GraphQL */ `
  query ($code: String!, $date: Date) {
    reimbursementBasis(code: $code, date: $date) {
      reason
      pbrCentimes
      gmrVersion
      gmrVersionEffectiveDate
    }
  }
`;

const anam = () => authAs('anam-registry', 'reference:import');

/** Glucoril's base price and the version that set it, on a date, as a pharmacy reads it. */
async function basisOn(date: string) {
  const answer = await postGraphQL<{ reimbursementBasis: Record<string, unknown> }>(
    inject('gatewayUrl'),
    BASIS,
    { code: GLUCORIL, date },
    await authAs('pharmacie-zzp00002', 'medicine:read'),
  );
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data?.reimbursementBasis;
}

describe('a new version of the medicines guide through the gateway', () => {
  afterAll(async () => {
    // Leaves the guide as seeded whatever failed above (a rollback of a version already gone is NOT_FOUND).
    await postGraphQL(inject('gatewayUrl'), ROLLBACK, { versionId: VERSION }, await anam());
  });

  it('refuses a malformed file whole, with its line errors', async () => {
    const answer = await postGraphQL(inject('gatewayUrl'), IMPORT, { input: { csv: WITH_ERRORS } }, await anam());
    expect(answer.body.data?.importMedicinesGuide ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_FILE_REFUSED', lineErrorCount: 9 });
    const lines = answer.body.errors?.[0]?.extensions?.lineErrors as { line: number; column: string | null; problem: string }[];
    expect(lines[0]).toMatchObject({ line: 4, column: 'ean13', problem: 'MALFORMED' });
  });

  it('is loaded by ANAM under reference:import, and reimbursementBasis names the version in force on each side of its date', async () => {
    const answer = await postGraphQL<{ importMedicinesGuide: Record<string, unknown> }>(
      inject('gatewayUrl'),
      IMPORT,
      { input: { csv: CSV } },
      await anam(),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.importMedicinesGuide).toEqual({
      replayed: false,
      version: {
        versionId: VERSION,
        effectiveDate: EFFECTIVE,
        medicineCount: 7,
        addedCount: 1,
        changedCount: 3,
        previousVersionId: 'GMR-2026-03',
      },
    });

    expect(await basisOn('2089-12-31')).toEqual({
      reason: 'REIMBURSABLE',
      pbrCentimes: 2150,
      gmrVersion: 'GMR-2026-03',
      gmrVersionEffectiveDate: '2026-03-01',
    });
    expect(await basisOn(EFFECTIVE)).toEqual({
      reason: 'REIMBURSABLE',
      pbrCentimes: 2050,
      gmrVersion: VERSION,
      gmrVersionEffectiveDate: EFFECTIVE,
    });

    const changes = await postGraphQL<{ medicinesGuideChanges: { nodes: { ean13: string; fields: string[] }[] } }>(
      inject('gatewayUrl'),
      CHANGES,
      { versionId: VERSION },
      await anam(),
    );
    expect(changes.body.errors).toBeUndefined();
    expect(changes.body.data?.medicinesGuideChanges.nodes).toContainEqual({ ean13: GLUCORIL, fields: ['pbr'] });

    const again = await postGraphQL<{ importMedicinesGuide: { replayed: boolean } }>(
      inject('gatewayUrl'),
      IMPORT,
      { input: { csv: CSV } },
      await anam(),
    );
    expect(again.body.data?.importMedicinesGuide.replayed).toBe(true);
  });

  it.each([
    ['an OG', 'og-cnss', 'medicine:read'],
    ['a pharmacy', 'pharmacie-zzp00002', 'medicine:read'],
    ['ANAM under another purpose', 'anam-registry', 'medicine:read'],
  ])('refuses the import, the rollback and the listings to %s (FORBIDDEN)', async (_label, client, purpose) => {
    const headers = await authAs(client, purpose);
    for (const [query, variables] of [
      [IMPORT, { input: { csv: CSV.replace(EFFECTIVE, '2091-01-01') } }],
      [ROLLBACK, { versionId: VERSION }],
      [VERSIONS, {}],
    ] as const) {
      const answer = await postGraphQL(inject('gatewayUrl'), query, variables, headers);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(answer.body.data ?? null).toBeNull();
    }
    const latest = await postGraphQL<{ medicinesGuideVersions: { nodes: { versionId: string }[] } }>(
      inject('gatewayUrl'),
      VERSIONS,
      {},
      await anam(),
    );
    expect(latest.body.data?.medicinesGuideVersions.nodes).toEqual([{ versionId: VERSION }]);
  });

  it('is rolled back by ANAM: the version before is in force again', async () => {
    const answer = await postGraphQL<{ rollbackMedicinesGuide: Record<string, unknown> }>(
      inject('gatewayUrl'),
      ROLLBACK,
      { versionId: VERSION },
      await anam(),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.rollbackMedicinesGuide).toEqual({
      rolledBack: { versionId: VERSION },
      latest: { versionId: 'GMR-2026-03', validUntil: null },
    });
    expect(await basisOn(EFFECTIVE)).toEqual({
      reason: 'REIMBURSABLE',
      pbrCentimes: 2150,
      gmrVersion: 'GMR-2026-03',
      gmrVersionEffectiveDate: '2026-03-01',
    });
  });
});
