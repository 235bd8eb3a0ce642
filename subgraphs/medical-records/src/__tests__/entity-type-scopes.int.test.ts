import { seedDatabase, syntheticUuid, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraph, type SignedSubgraph } from '../../../../test/support/signed-subgraph';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { buildMedicalRecordsApp, type MedicalRecordsApp } from '../app';
import { loadConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { medicalRecordsSeed } from '../seed/seed';

/**
 * Each subgraph enforces its own schema's `@scopes` whatever the supergraph
 * (SECURITY.md, rule 4a): `DocumentPointer` carries a type-level `@scopes`
 * (the records purposes), which hold through `_entities` (it returns
 * `_Entity`) as through `documentPointer(id)`: neither serves a pointer
 * under a purpose that opens no record (`eligibility:check` here).
 */
const P11_DISCHARGE = syntheticUuid('document', 'ZZ000011', 'discharge-summary');
const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on DocumentPointer {
        id
        title
        repositoryUrl
        masked
      }
    }
  }
`;
const BY_ID = /* GraphQL */ `
  query ($id: ID!) {
    documentPointer(id: $id) {
      id
      title
      repositoryUrl
      masked
    }
  }
`;

/** The custodian of P11's discharge summary, acting under a purpose that opens no record. */
const HOSPITAL_CHECKING: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['eligibility:check'],
};

describe("DocumentPointer's type-level @scopes on every entry", () => {
  let database: TestDatabase;
  let app: MedicalRecordsApp;
  let direct: SignedSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite', 'entity_type_scopes');
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config };
    const dataSource = medicalRecordsDataSource(database.config);
    await seedDatabase(dataSource, medicalRecordsSeed, { persons: 20, seed: 5 });
    app = await buildMedicalRecordsApp(config, dataSource);
    direct = await signedSubgraph(app.handler, config.name);
  });

  afterAll(async () => {
    await direct?.close();
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('refuses a pointer by id under eligibility:check (the root field)', async () => {
    const answer = await direct.post(BY_ID, { id: P11_DISCHARGE }, HOSPITAL_CHECKING);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses the same pointer through _entities under eligibility:check, as the type is scoped', async () => {
    const answer = await direct.post(
      ENTITIES,
      { representations: [{ __typename: 'DocumentPointer', id: P11_DISCHARGE }] },
      HOSPITAL_CHECKING,
    );
    expect(JSON.stringify(answer.body.data ?? null)).not.toContain('repositoryUrl');
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
