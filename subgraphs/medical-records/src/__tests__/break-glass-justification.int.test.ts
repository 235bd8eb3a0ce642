import { SERVED_PERSONS_EXTENSION, syntheticPersonRef, type Caller, type ServedPerson } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildMedicalRecordsApp, type MedicalRecordsApp } from '../app';
import { loadConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { BreakGlassLog } from '../services/break-glass-log';

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
const HOSPITAL = { org: 'ZZP00004', clientId: 'hopital-zzp00004', tokenId: 'jti-1', requestId: 'break-glass-request' };
const OTHER_HOSPITAL = { org: 'ZZP00005', clientId: 'clinique-zzp00005', tokenId: 'jti-2', requestId: HOSPITAL.requestId };
const BORROWED = 'Words of another establishment under the same request id, to be read with its own event only.';
/** Two requests of one client under one request id (a client chooses it), each filed under its own event by the gateway. */
const REUSED = { org: 'ZZP00004', clientId: 'hopital-zzp00004', tokenId: 'jti-3', requestId: 'a-reused-request-id' };
const GENUINE = 'Patiente inconsciente aux urgences, allergie suspectée, aucun proche joignable.';
const LATER = 'Words of a later access to another person, under the same request id.';

describe.each(ENGINES)('break-glass justifications on %s', (engine) => {
  let database: TestDatabase;
  let app: MedicalRecordsApp;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'medical_records_justification');
    const dataSource = medicalRecordsDataSource(database.config);
    app = await buildMedicalRecordsApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
    const log = new BreakGlassLog(app.dataSource);
    // Rows written before the gateway's event id was kept (none here): read by request id and client.
    // One request broke the glass for two persons with the same words: one justification.
    await log.record(syntheticPersonRef('ZZ000001'), HOSPITAL, WRITTEN);
    await log.record(syntheticPersonRef('ZZ000011'), HOSPITAL, WRITTEN);
    // Another establishment sends the same x-request-id (a client chooses it): its words are its own event's, never this one's.
    await log.record(syntheticPersonRef('ZZ000012'), OTHER_HOSPITAL, BORROWED);
    await log.record(syntheticPersonRef('ZZ000001'), { ...REUSED, eventId: 'event-genuine' }, GENUINE);
    await log.record(syntheticPersonRef('ZZ000013'), { ...REUSED, eventId: 'event-later' }, LATER);
    // An id used before the event id was kept, used again since for an access filed under its event.
    await log.record(syntheticPersonRef('ZZ000014'), { ...REUSED, requestId: 'an-old-request-id' }, GENUINE);
    await log.record(syntheticPersonRef('ZZ000015'), { ...REUSED, requestId: 'an-old-request-id', eventId: 'event-since' }, LATER);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  async function justification(caller: Partial<Caller>, requestId = HOSPITAL.requestId, clientId = HOSPITAL.clientId, eventId = 'event-1') {
    return executeAs<{
      data?: { _entities: ({ breakGlassJustification: string | null } | null)[] } | null;
      errors?: { extensions?: Record<string, unknown> }[];
      extensions?: Record<string, unknown>;
    }>(app, JUSTIFICATION, { representations: [{ __typename: 'AuditEvent', eventId, requestId, clientId }] }, caller);
  }

  it("is read by ANAM's security officer, once per request", async () => {
    const answer = await justification(OFFICER);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities).toEqual([{ eventId: 'event-1', breakGlassJustification: WRITTEN }]);
  });

  it('reports the persons whose records were opened: the words are health data about them, and the read is theirs in the trail', async () => {
    const answer = await justification(OFFICER);
    expect(answer.data?._entities).toEqual([{ eventId: 'event-1', breakGlassJustification: WRITTEN }]);
    const reported = (answer.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[];
    expect(reported.map((person) => person.ref).sort()).toEqual([syntheticPersonRef('ZZ000001'), syntheticPersonRef('ZZ000011')].sort());
  });

  it("is the event's own client's, when another client sent the same request id", async () => {
    expect((await justification(OFFICER, HOSPITAL.requestId, OTHER_HOSPITAL.clientId)).data?._entities).toEqual([
      { eventId: 'event-1', breakGlassJustification: BORROWED },
    ]);
  });

  it("is the event's own words when its client sent the same request id for another access (filed under the gateway's event id)", async () => {
    expect((await justification(OFFICER, REUSED.requestId, REUSED.clientId, 'event-later')).data?._entities).toEqual([
      { eventId: 'event-later', breakGlassJustification: LATER },
    ]);
    expect((await justification(OFFICER, REUSED.requestId, REUSED.clientId, 'event-genuine')).data?._entities).toEqual([
      { eventId: 'event-genuine', breakGlassJustification: GENUINE },
    ]);
  });

  it('gives a later event under an old request id none of the words written before the event id was kept', async () => {
    expect((await justification(OFFICER, 'an-old-request-id', REUSED.clientId, 'event-since')).data?._entities).toEqual([
      { eventId: 'event-since', breakGlassJustification: LATER },
    ]);
    expect((await justification(OFFICER, 'an-old-request-id', REUSED.clientId, 'event-of-no-access')).data?._entities).toEqual([
      { eventId: 'event-of-no-access', breakGlassJustification: null },
    ]);
  });

  it('is null for an event that broke no glass', async () => {
    expect((await justification(OFFICER, 'an-ordinary-request')).data?._entities).toEqual([
      { eventId: 'event-1', breakGlassJustification: null },
    ]);
  });

  it.each([
    ["an insurer's security officer", { ...OFFICER, org: 'CNSS', orgKind: 'OG', userId: 'kc-officer-cnss' }],
    ['the CNDP inspector', { ...OFFICER, clientId: 'cndp-inspector', org: 'CNDP', orgKind: 'DPA', userId: null }],
    ["the CNDP's user of the console", { ...OFFICER, org: 'CNDP', orgKind: 'DPA', userId: 'kc-regulator-cndp' }],
    [
      'the insured person',
      {
        clientId: 'patient-portal',
        org: 'PATIENT_PORTAL',
        orgKind: 'PATIENT_PORTAL',
        purposes: ['audit:read'],
        userId: 'kc-p01',
        nationalId: 'ZZ000001',
      },
    ],
    [
      'the hospital that broke the glass',
      { clientId: 'hopital-zzp00004', org: 'ZZP00004', orgKind: 'ESTABLISHMENT', purposes: ['audit:read'] },
    ],
    ['an ANAM client without a signed-in officer', { ...OFFICER, clientId: 'anam-registry', userId: null }],
  ])('is refused to %s, through _entities too', async (_who, caller) => {
    const answer = await justification(caller);
    expect(JSON.stringify(answer.data ?? null)).not.toContain(WRITTEN);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BREAK_GLASS_JUSTIFICATION_ANAM_ONLY' });
  });
});
