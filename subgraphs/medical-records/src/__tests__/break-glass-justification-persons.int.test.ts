import { SERVED_PERSONS_EXTENSION, syntheticPersonRef, type Caller, type ServedPerson } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildMedicalRecordsApp, type MedicalRecordsApp } from '../app';
import { loadConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { BreakGlassLog } from '../services/break-glass-log';

/**
 * A break-glass justification is health data about the persons whose records
 * were opened ("Patient unconscious ... allergy history needed"). ANAM's
 * officer reads it through `AuditEvent.breakGlassJustification` (the review
 * queue): the persons are reported like every other read (rule 7a), so the
 * officer's event names them and each finds that read in their history.
 */
const JUSTIFICATION = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AuditEvent {
        eventId
        breakGlassJustification
      }
    }
  }
`;
const OFFICER: Partial<Caller> = {
  clientId: 'officer-console',
  org: 'ANAM',
  orgKind: 'REGULATOR',
  purposes: ['audit:read'],
  userId: 'kc-officer-anam',
};
const WRITTEN = 'Patient unconscious at the emergency desk, no relative reachable, allergy history needed.';
const HOSPITAL = {
  org: 'ZZP00004',
  clientId: 'hopital-zzp00004',
  tokenId: 'jti-1',
  requestId: 'req-break-glass',
  eventId: 'event-break-glass-1',
};
const PERSON = syntheticPersonRef('ZZ000001');

describe.each(ENGINES)('reading a break-glass justification on %s', (engine) => {
  let database: TestDatabase;
  let app: MedicalRecordsApp;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'medical_records_justification');
    const dataSource = medicalRecordsDataSource(database.config);
    app = await buildMedicalRecordsApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
    await new BreakGlassLog(app.dataSource).record(PERSON, HOSPITAL, WRITTEN);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('serves the words to ANAM’s officer and reports the person they are about', async () => {
    const answer = await executeAs<{
      data?: { _entities: ({ breakGlassJustification: string | null } | null)[] } | null;
      errors?: unknown[];
      extensions?: Record<string, unknown>;
    }>(
      app,
      JUSTIFICATION,
      {
        representations: [
          { __typename: 'AuditEvent', eventId: HOSPITAL.eventId, requestId: HOSPITAL.requestId, clientId: HOSPITAL.clientId },
        ],
      },
      OFFICER,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities).toEqual([{ eventId: HOSPITAL.eventId, breakGlassJustification: WRITTEN }]);
    const reported = (answer.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[];
    expect(reported.map((person) => person.ref)).toContain(PERSON);
  });
});
