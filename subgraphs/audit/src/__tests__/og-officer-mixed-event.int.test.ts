import { membership, migrateAuditStore, openAuditDatabase, PseudonymKeyring, type AuditDatabase } from '@cmb/audit-store';
import type { Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, auditEventOf } from '../../../../test/support/audit-scenarios';
import { executeAs } from '../../../../test/support/execute-as';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { buildAuditApp, type AuditApp } from '../app';
import { loadConfig } from '../config';

/**
 * One event names two persons, a CNSS member (ZZ000001) and a CNOPS member
 * (ZZ000004): a hospital's one request checking both (two aliases), or
 * ANAM's read of the identity-conflict queue. An insurer's officer finds by
 * person, and is shown, only the persons its organism covered in it (the
 * event's memberships): CNSS's officer, searching a national id it guesses
 * (ZZ000004, not its member), must not learn that CNOPS's member was read by
 * that hospital at that time, nor get that person's pseudonym.
 */
const V1 = 'v1:first-pseudonymisation-secret-of-32-characters';
const keys = PseudonymKeyring.parse(V1);
const CNSS_REF = '11111111-2222-4333-8444-555555555555';
const CNOPS_REF = '66666666-7777-4888-8999-aaaaaaaaaaaa';
const OFFICER_CNSS: Partial<Caller> = {
  clientId: 'officer-console',
  org: 'CNSS',
  orgKind: 'OG',
  purposes: ['audit:read'],
  userId: 'kc-officer-cnss',
};
const QUERY = /* GraphQL */ `
  query ($filter: AuditEventFilter) {
    auditEvents(filter: $filter, first: 50) {
      edges {
        node {
          requestId
          clientId
          subjects
          subjectRefs
          organisms
          fieldPaths
        }
      }
    }
  }
`;

describe.each(ENGINES)('an insurer officer and an event naming its member beside another insurer’s member, on %s', (engine) => {
  let database: TestDatabase;
  let owner: AuditDatabase;
  let app: AuditApp;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'audit_mixed');
    owner = openAuditDatabase({ url: database.config.url, sqlitePath: database.config.sqlitePath });
    await migrateAuditStore(owner);
    await appendAuditEvents(owner, [
      auditEventOf({
        occurredAt: '2026-03-04T08:00:00.000Z',
        requestId: 'mixed-check',
        clientId: 'hopital-zzp00004',
        org: 'ZZP00004',
        purposes: ['records:read'],
        fieldPaths: ['person.documents'],
        subjects: [keys.pseudonymise('ZZ000001'), keys.pseudonymise('ZZ000004')],
        subjectRefs: [keys.pseudonymise(CNSS_REF), keys.pseudonymise(CNOPS_REF)],
        organisms: ['CNOPS', 'CNSS'],
        memberships: [
          membership('CNSS', keys.pseudonymise('ZZ000001')),
          membership('CNSS', keys.pseudonymise(CNSS_REF)),
          membership('CNOPS', keys.pseudonymise('ZZ000004')),
          membership('CNOPS', keys.pseudonymise(CNOPS_REF)),
        ],
        pseudonymKey: 'v1',
      }),
      // Written before memberships were kept: a search by person reads its organisms, as it did.
      auditEventOf({
        occurredAt: '2026-03-04T09:00:00.000Z',
        requestId: 'earlier-format-check',
        subjects: [keys.pseudonymise('ZZ000001')],
        organisms: ['CNSS'],
        pseudonymKey: 'v1',
      }),
    ]);
    const env: Record<string, string> = { NODE_ENV: 'test', LOG_LEVEL: 'silent', AUDIT_PSEUDONYM_KEYS: V1 };
    if (engine === 'postgres') env.AUDIT_DATABASE_URL = database.config.url as string;
    else env.AUDIT_SQLITE_PATH = database.config.sqlitePath as string;
    app = await buildAuditApp(loadConfig(env), owner);
  });

  afterAll(async () => {
    await app?.dataSource.destroy();
    await database?.drop();
  });

  const search = async (filter: Record<string, unknown>) => {
    const answer = JSON.parse(JSON.stringify(await executeAs(app, QUERY, { filter }, OFFICER_CNSS))) as {
      data?: { auditEvents: { edges: { node: { requestId: string; subjects: string[]; subjectRefs: string[]; organisms: string[] } }[] } };
      errors?: unknown[];
    };
    expect(answer.errors).toBeUndefined();
    return answer.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
  };

  it('finds the events by its own member', async () => {
    expect((await search({ nationalId: 'ZZ000001' })).map((e) => e.requestId)).toEqual(['earlier-format-check', 'mixed-check']);
    expect((await search({ personRef: CNSS_REF })).map((e) => e.requestId)).toEqual(['mixed-check']);
  });

  it('does not confirm a guessed national id or ref of another insurer’s member', async () => {
    expect((await search({ nationalId: 'ZZ000004' })).map((e) => e.requestId)).toEqual([]);
    expect((await search({ personRef: CNOPS_REF })).map((e) => e.requestId)).toEqual([]);
  });

  it('does not confirm a guessed national id of another insurer’s member by pairing it with its own member’s ref', async () => {
    expect((await search({ nationalId: 'ZZ000004', personRef: CNSS_REF })).map((e) => e.requestId)).toEqual([]);
    expect((await search({ nationalId: 'ZZ000001', personRef: CNOPS_REF })).map((e) => e.requestId)).toEqual([]);
    expect((await search({ nationalId: 'ZZ000001', personRef: CNSS_REF })).map((e) => e.requestId)).toEqual(['mixed-check']);
  });

  it('shows its own member’s pseudonyms only, and its own organism', async () => {
    const [event] = (await search({ nationalId: 'ZZ000001' })).filter((e) => e.requestId === 'mixed-check');
    expect(event?.subjects).toEqual([keys.pseudonymise('ZZ000001')]);
    expect(event?.subjectRefs).toEqual([keys.pseudonymise(CNSS_REF)]);
    expect(event?.organisms).toEqual(['CNSS']);
  });

  it('shows the event in a browse of its members’ events, with its own member only', async () => {
    const browsed = await search({ from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' });
    const mixed = browsed.find((e) => e.requestId === 'mixed-check');
    expect(mixed?.subjects).toEqual([keys.pseudonymise('ZZ000001')]);
  });
});
