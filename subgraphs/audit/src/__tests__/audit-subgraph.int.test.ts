import { randomBytes, randomUUID } from 'node:crypto';
import { AUDIT_ROLES, migrateAuditStore, openAuditDatabase, PseudonymKeyring, type AuditDatabase, type AuditEvent } from '@cmb/audit-store';
import type { Caller } from '@cmb/kit';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anomalyScenario, appendAuditEvents, auditEventOf } from '../../../../test/support/audit-scenarios';
import { executeAs } from '../../../../test/support/execute-as';
import { createTestDatabase, ENGINES, itOn, type TestDatabase } from '../../../../test/support/test-database';
import { buildAuditApp, type AuditApp } from '../app';
import { loadConfig } from '../config';

const V1 = 'v1:first-pseudonymisation-secret-of-32-characters';
const V2 = 'v2:second-pseudonymisation-secret-of-32-characters';
const before = PseudonymKeyring.parse(V1);
const keys = PseudonymKeyring.parse(`${V2},${V1}`);

const OFFICER: Partial<Caller> = {
  clientId: 'officer-console',
  org: 'ANAM',
  orgKind: 'REGULATOR',
  purposes: ['audit:read'],
  userId: 'kc-officer-anam',
};
const CNDP: Partial<Caller> = { clientId: 'cndp-inspector', org: 'CNDP', orgKind: 'DPA', purposes: ['audit:read'], userId: null };
const PATIENT: Partial<Caller> = {
  clientId: 'patient-portal',
  org: 'PATIENT_PORTAL',
  orgKind: 'PATIENT_PORTAL',
  purposes: ['audit:read'],
  userId: 'kc-p01',
  nationalId: 'ZZ000001',
};
const OG_WITHOUT_AUDIT: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:read'] };
/** An insurer's security officer: its own members' events and its own staff's actions only. */
const OFFICER_CNSS: Partial<Caller> = {
  clientId: 'officer-console',
  org: 'CNSS',
  orgKind: 'OG',
  purposes: ['audit:read'],
  userId: 'kc-officer-cnss',
};
const OFFICER_CNOPS: Partial<Caller> = { ...OFFICER_CNSS, org: 'CNOPS', userId: 'kc-officer-cnops' };
/** The ref of persona ZZ000004, as the registry would give it. */
const REF_4 = '0b9f5c1e-4e0a-4f6b-9a55-6a3f1d2c7e04';

const EVENT_FIELDS =
  'eventId occurredAt requestId tokenId clientId userId organisation purposes operationName operationHash fieldPaths refusedFieldPaths subjects subjectRefs organisms pseudonymKey decision outcome subgraphs latencyMs stage intentEventId writerId position hash';
const AUDIT_EVENTS = /* GraphQL */ `
  query ($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) { edges { cursor node { ${EVENT_FIELDS} review { verdict reviewer reviewerOrganisation comment reviewedAt } } } pageInfo { hasNextPage endCursor } }
  }
`;
const QUEUE = /* GraphQL */ `
  query ($first: Int, $after: String) {
    breakGlassAccessesAwaitingReview(first: $first, after: $after) {
      edges {
        node {
          eventId
          requestId
          decision
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const REVIEW = /* GraphQL */ `
  mutation ($input: ReviewBreakGlassAccessInput!) {
    reviewBreakGlassAccess(input: $input) {
      eventId
      verdict
      comment
      reviewer
      reviewerOrganisation
      reviewedAt
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query ($first: Int, $after: String) {
    myAccessHistory(first: $first, after: $after) {
      edges {
        node {
          eventId
          occurredAt
          purposes
          decision
          breakGlass
          organisation {
            code
            registryEntry {
              inpe
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const ORGANISATIONS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AccessingOrganisation {
        code
        name
        kind
      }
    }
  }
`;
const ANOMALIES = /* GraphQL */ `
  query ($from: DateTime!, $to: DateTime!) {
    auditAnomalies(from: $from, to: $to) {
      kind
      clientId
      organisation
      windowStart
      windowEnd
      observed
      baseline
      threshold
      detail
      detailEn
    }
  }
`;

interface EventNode {
  eventId: string;
  requestId: string;
  clientId: string;
  subjects: string[];
  decision: string;
  review: { verdict: string; reviewer: string; reviewerOrganisation: string | null } | null;
  [field: string]: unknown;
}

/** The trail of the tests (4 March 2026, before the anomaly scenario's baseline): ZZ000001 read before and after a key rotation, by care clients, officers and the person. */
function trail(): AuditEvent[] {
  const at = (minute: number) => new Date(Date.parse('2026-03-04T08:00:00.000Z') + minute * 60_000).toISOString();
  return [
    auditEventOf({ occurredAt: at(0), requestId: 'before-rotation', subjects: [before.pseudonymise('ZZ000001')], pseudonymKey: 'v1' }),
    auditEventOf({
      occurredAt: at(1),
      requestId: 'check-1',
      userId: 'clerk-7',
      subjects: [keys.pseudonymise('ZZ000001')],
      organisms: ['CNSS'],
      pseudonymKey: 'v2',
    }),
    auditEventOf({ occurredAt: at(2), requestId: 'other-person', subjects: [keys.pseudonymise('ZZ000003')], pseudonymKey: 'v2' }),
    auditEventOf({
      occurredAt: at(3),
      requestId: 'own-portal',
      clientId: 'patient-portal',
      org: 'PATIENT_PORTAL',
      purposes: ['audit:read'],
      subjects: [keys.pseudonymise('ZZ000001')],
      pseudonymKey: 'v2',
    }),
    auditEventOf({
      occurredAt: at(4),
      requestId: 'officer-search',
      clientId: 'officer-console',
      org: 'ANAM',
      userId: 'kc-officer-anam',
      purposes: ['audit:read'],
      fieldPaths: ['auditEvents'],
      subjects: [keys.pseudonymise('ZZ000001')],
      pseudonymKey: 'v2',
    }),
    auditEventOf({
      occurredAt: at(5),
      requestId: 'break-glass-1',
      clientId: 'hopital-zzp00004',
      org: 'ZZP00004',
      purposes: ['records:break-glass'],
      decision: 'BREAK_GLASS',
      subjects: [keys.pseudonymise('ZZ000001')],
      organisms: ['CNSS'],
      pseudonymKey: 'v2',
    }),
    auditEventOf({
      occurredAt: at(6),
      requestId: 'break-glass-2',
      clientId: 'hopital-zzp00004',
      org: 'ZZP00004',
      purposes: ['records:break-glass'],
      decision: 'BREAK_GLASS',
      subjects: [keys.pseudonymise('ZZ000011')],
      organisms: ['CNOPS'],
      pseudonymKey: 'v2',
    }),
    auditEventOf({
      occurredAt: at(7),
      requestId: 'refused-og',
      clientId: 'og-cnops',
      org: 'CNOPS',
      purposes: ['beneficiary:read'],
      decision: 'REFUSED',
      outcome: 'FORBIDDEN',
      fieldPaths: [],
      refusedFieldPaths: ['person'],
      subjects: [keys.pseudonymise('ZZ000001')],
      organisms: ['CNSS'],
      pseudonymKey: 'v2',
    }),
    // Later that morning, persona ZZ000004 (a CNOPS member): reached by ref, changed by a mutation, partly refused.
    auditEventOf({
      occurredAt: at(120),
      requestId: 'cnss-staff',
      clientId: 'og-cnss',
      org: 'CNSS',
      purposes: ['beneficiary:read'],
      subjects: [keys.pseudonymise('ZZ000004')],
      subjectRefs: [keys.pseudonymise(REF_4)],
      organisms: ['CNOPS'],
      pseudonymKey: 'v2',
    }),
    auditEventOf({
      occurredAt: at(121),
      requestId: 'document-by-id',
      clientId: 'hopital-zzp00004',
      org: 'ZZP00004',
      purposes: ['records:read'],
      operationName: 'Pointer',
      fieldPaths: ['documentPointer'],
      subjects: [keys.pseudonymise('ZZ000004')],
      subjectRefs: [keys.pseudonymise(REF_4)],
      organisms: ['CNOPS'],
      pseudonymKey: 'v2',
    }),
    auditEventOf({
      eventId: '11111111-1111-4111-8111-111111111111',
      occurredAt: at(122),
      requestId: 'register',
      clientId: 'hopital-zzp00004',
      org: 'ZZP00004',
      purposes: ['records:write'],
      operationName: 'Register',
      fieldPaths: ['registerDocument'],
      subjects: [keys.pseudonymise('ZZ000004')],
      subjectRefs: [keys.pseudonymise(REF_4)],
      organisms: ['CNOPS'],
      pseudonymKey: 'v2',
      stage: 'INTENT',
      outcome: 'PENDING',
      subgraphs: [],
    }),
    auditEventOf({
      occurredAt: at(122),
      requestId: 'register',
      clientId: 'hopital-zzp00004',
      org: 'ZZP00004',
      purposes: ['records:write'],
      operationName: 'Register',
      fieldPaths: ['registerDocument'],
      subjects: [keys.pseudonymise('ZZ000004')],
      subjectRefs: [keys.pseudonymise(REF_4)],
      organisms: ['CNOPS'],
      pseudonymKey: 'v2',
      stage: 'OUTCOME',
      intentEventId: '11111111-1111-4111-8111-111111111111',
      subgraphs: ['medical-records'],
    }),
    auditEventOf({
      occurredAt: at(123),
      requestId: 'partly-refused',
      clientId: 'cabinet-zzp00003',
      org: 'ZZP00003',
      purposes: ['records:read'],
      fieldPaths: ['person'],
      refusedFieldPaths: ['person.documents'],
      decision: 'REFUSED',
      outcome: 'FORBIDDEN',
      subjects: [keys.pseudonymise('ZZ000004')],
      subjectRefs: [keys.pseudonymise(REF_4)],
      organisms: ['CNOPS'],
      pseudonymKey: 'v2',
    }),
  ];
}

/** A login of group cmb_audit_reader on the test database: what the subgraph runs as in production. */
async function readerUrl(databaseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_audit_reader_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const admin = new Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE ${AUDIT_ROLES.reader}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.username = name;
  url.password = password;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: inject('postgresUrl') });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS ${name}`);
      await client.end();
    },
  };
}

/** Migrates, once more when another test file creates the cluster-wide roles at the same moment. */
async function migrate(db: AuditDatabase): Promise<void> {
  await migrateAuditStore(db).catch(() => migrateAuditStore(db));
}

describe.each(ENGINES)('the audit subgraph on %s', (engine) => {
  let database: TestDatabase;
  let owner: AuditDatabase;
  let reader: { url: string; drop: () => Promise<void> } | null = null;
  let app: AuditApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'audit_subgraph');
    owner = openAuditDatabase({ url: database.config.url, sqlitePath: database.config.sqlitePath });
    await migrate(owner);
    await appendAuditEvents(owner, trail());
    await appendAuditEvents(owner, anomalyScenario(), 'scenario-writer');
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUDIT_PSEUDONYM_KEYS: `${V2},${V1}`,
      AUDIT_ANOMALY_REFUSED_BURST: '5',
    };
    if (engine === 'postgres') {
      reader = await readerUrl(database.config.url as string);
      env.AUDIT_DATABASE_URL = reader.url;
    } else {
      env.AUDIT_SQLITE_PATH = database.config.sqlitePath;
    }
    app = await buildAuditApp(loadConfig(env));
  });

  afterAll(async () => {
    await app?.dataSource.destroy();
    await owner?.close();
    await reader?.drop();
    await database?.drop();
  });

  async function execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    caller: Partial<Caller>,
    on: AuditApp = app,
  ) {
    const result = await executeAs(on, query, variables, caller);
    // As on the wire: dates as ISO-8601 text.
    return JSON.parse(JSON.stringify(result)) as {
      data?: T | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  }

  const events = async (filter: Record<string, unknown>, caller = OFFICER, first = 50) => {
    const answer = await execute<{
      auditEvents: { edges: { node: EventNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(AUDIT_EVENTS, { filter, first }, caller);
    expect(answer.errors).toBeUndefined();
    return answer.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
  };
  const errorOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => answer.errors?.[0]?.extensions;

  it('finds the events of a person under every key version, newest first, with every field', async () => {
    const found = await events({ nationalId: 'zz000001', from: '2026-03-04T07:00:00Z', to: '2026-03-04T09:00:00Z' });
    expect(found.map((e) => e.requestId)).toEqual([
      'refused-og',
      'break-glass-1',
      'officer-search',
      'own-portal',
      'check-1',
      'before-rotation',
    ]);
    const check = found.find((e) => e.requestId === 'check-1');
    expect(check).toMatchObject({
      clientId: 'cabinet-zzp00001',
      userId: 'clerk-7',
      organisation: 'ZZP00001',
      purposes: ['eligibility:check'],
      operationName: 'Check',
      operationHash: 'a'.repeat(64),
      fieldPaths: ['eligibility'],
      subjects: [keys.pseudonymise('ZZ000001')],
      pseudonymKey: 'v2',
      decision: 'ALLOWED',
      outcome: 'OK',
      subgraphs: ['beneficiaries'],
      latencyMs: 2.5,
      writerId: 'test-writer',
      position: 2,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      occurredAt: '2026-03-04T08:01:00.000Z',
      review: null,
    });
    expect(JSON.stringify(found)).not.toContain('ZZ000001');
  });

  it('filters by client, organisation, purpose, operation and decision', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await events({ from: '2026-03-04T07:00:00Z', to: '2026-03-04T09:00:00Z', ...filter })).map((e) => e.requestId);
    expect(await ids({ clientId: 'hopital-zzp00004' })).toEqual(['break-glass-2', 'break-glass-1']);
    expect(await ids({ organisation: 'ANAM' })).toEqual(['officer-search']);
    expect(await ids({ purpose: 'beneficiary:read', decision: 'REFUSED' })).toEqual(['refused-og']);
    expect(await ids({ nationalId: 'ZZ000011', decision: 'BREAK_GLASS' })).toEqual(['break-glass-2']);
    expect(await ids({ operationName: 'Check', nationalId: 'ZZ000003' })).toEqual(['other-person']);
  });

  it('pages with cursors, without skipping or repeating', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const answer: Awaited<
        ReturnType<
          typeof execute<{ auditEvents: { edges: { node: EventNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>
        >
      > = await execute(
        AUDIT_EVENTS,
        { filter: { nationalId: 'ZZ000001', from: '2026-03-04T07:00:00Z', to: '2026-03-04T09:00:00Z' }, first: 4, after },
        OFFICER,
      );
      expect(answer.errors).toBeUndefined();
      const connection = answer.data!.auditEvents;
      seen.push(...connection.edges.map((edge) => edge.node.requestId));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(['refused-og', 'break-glass-1', 'officer-search', 'own-portal', 'check-1', 'before-rotation']);
  });

  it('refuses malformed input at the edge', async () => {
    expect(errorOf(await execute(AUDIT_EVENTS, { filter: { nationalId: '123' } }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NATIONAL_ID_MALFORMED',
    });
    expect(errorOf(await execute(AUDIT_EVENTS, { after: 'not-a-cursor' }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CURSOR_MALFORMED',
    });
    expect(errorOf(await execute(AUDIT_EVENTS, { first: 0 }, OFFICER))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
    expect(errorOf(await execute(AUDIT_EVENTS, { first: 201 }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VALUE',
    });
    expect(errorOf(await execute(AUDIT_EVENTS, { filter: { purpose: 'anything' } }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VALUE',
    });
  });

  it('serves the CNDP inspector, refuses the patient portal and a caller without audit:read', async () => {
    expect(
      (await events({ clientId: 'og-cnops', from: '2026-03-04T07:00:00Z', to: '2026-03-04T09:00:00Z' }, CNDP)).map((e) => e.requestId),
    ).toEqual(['refused-og']);
    expect(errorOf(await execute(AUDIT_EVENTS, {}, PATIENT))).toMatchObject({ code: 'FORBIDDEN', reason: 'AUDIT_OFFICERS_ONLY' });
    expect(errorOf(await execute(QUEUE, {}, PATIENT))).toMatchObject({ code: 'FORBIDDEN', reason: 'AUDIT_OFFICERS_ONLY' });
    expect(errorOf(await execute(ANOMALIES, { from: '2026-05-04T00:00:00Z', to: '2026-05-05T00:00:00Z' }, PATIENT))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'AUDIT_OFFICERS_ONLY',
    });
    expect(errorOf(await execute(AUDIT_EVENTS, {}, OG_WITHOUT_AUDIT))).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['auditEvents'] });
  });

  it('lists the break-glass accesses awaiting review oldest first, records one review, refuses a second and the read-only CNDP', async () => {
    const queue = async () => {
      const answer = await execute<{ breakGlassAccessesAwaitingReview: { edges: { node: EventNode }[] } }>(QUEUE, { first: 200 }, CNDP);
      expect(answer.errors).toBeUndefined();
      return answer.data!.breakGlassAccessesAwaitingReview.edges.map((edge) => edge.node);
    };
    const waiting = await queue();
    expect(waiting.map((e) => e.requestId)).toEqual(['break-glass-1', 'break-glass-2']);
    const [first] = waiting;

    // Only ANAM's officers review: neither the CNDP (read-only), nor an insurer's officer, even for its own member.
    for (const refused of [CNDP, OFFICER_CNSS, PATIENT]) {
      const attempt = await execute(REVIEW, { input: { eventId: first!.eventId, verdict: 'JUSTIFIED' } }, refused);
      expect(errorOf(attempt)).toMatchObject({ code: 'FORBIDDEN', reason: 'AUDIT_REVIEW_ANAM_ONLY' });
    }

    const reviewed = await execute<{ reviewBreakGlassAccess: Record<string, unknown> }>(
      REVIEW,
      { input: { eventId: first!.eventId, verdict: 'JUSTIFIED', comment: ' patiente inconsciente aux urgences ' } },
      OFFICER,
    );
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data?.reviewBreakGlassAccess).toMatchObject({
      eventId: first!.eventId,
      verdict: 'JUSTIFIED',
      comment: 'patiente inconsciente aux urgences',
      reviewer: 'kc-officer-anam',
      reviewerOrganisation: 'ANAM',
      reviewedAt: expect.stringMatching(/Z$/),
    });
    expect((await queue()).map((e) => e.requestId)).toEqual(['break-glass-2']);

    const again = await execute(REVIEW, { input: { eventId: first!.eventId, verdict: 'UNJUSTIFIED' } }, OFFICER);
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'BREAK_GLASS_ALREADY_REVIEWED' });
    const [allowed] = await events({ clientId: 'cabinet-zzp00001', nationalId: 'ZZ000001', decision: 'ALLOWED' });
    expect(errorOf(await execute(REVIEW, { input: { eventId: allowed!.eventId, verdict: 'JUSTIFIED' } }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_A_BREAK_GLASS_EVENT',
    });
    expect(errorOf(await execute(REVIEW, { input: { eventId: randomUUID(), verdict: 'JUSTIFIED' } }, OFFICER))).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'AUDIT_EVENT_NOT_FOUND',
    });
    expect(errorOf(await execute(REVIEW, { input: { eventId: 'nope', verdict: 'JUSTIFIED' } }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VALUE',
    });

    const [withReview] = await events({ nationalId: 'ZZ000001', decision: 'BREAK_GLASS' });
    expect(withReview?.review).toMatchObject({ verdict: 'JUSTIFIED', reviewer: 'kc-officer-anam', reviewerOrganisation: 'ANAM' });
  });

  it("gives the person their own history, without their portal's accesses, the organisations by code", async () => {
    const answer = await execute<{ myAccessHistory: { edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean } } }>(
      HISTORY,
      { first: 50 },
      PATIENT,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.myAccessHistory.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        purposes: ['beneficiary:read'],
        decision: 'REFUSED',
        breakGlass: false,
        organisation: { code: 'CNOPS', registryEntry: null },
      }),
      expect.objectContaining({
        purposes: ['records:break-glass'],
        decision: 'BREAK_GLASS',
        breakGlass: true,
        organisation: { code: 'ZZP00004', registryEntry: { inpe: 'ZZP00004' } },
      }),
      expect.objectContaining({ purposes: ['audit:read'], decision: 'ALLOWED', organisation: { code: 'ANAM', registryEntry: null } }),
      expect.objectContaining({
        organisation: { code: 'ZZP00001', registryEntry: { inpe: 'ZZP00001' } },
        occurredAt: '2026-03-04T08:01:00.000Z',
      }),
      expect.objectContaining({
        organisation: { code: 'ZZP00001', registryEntry: { inpe: 'ZZP00001' } },
        occurredAt: '2026-03-04T08:00:00.000Z',
      }),
    ]);
    const text = JSON.stringify(answer.data);
    for (const hidden of ['cabinet-zzp00001', 'hopital-zzp00004', 'officer-console', 'kc-officer-anam', 'clerk-7', 'patient-portal'])
      expect(text).not.toContain(hidden);

    const paged = await execute<{ myAccessHistory: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      HISTORY,
      { first: 2 },
      PATIENT,
    );
    expect(paged.data?.myAccessHistory.pageInfo.hasNextPage).toBe(true);
    const rest = await execute<{ myAccessHistory: { edges: unknown[] } }>(
      HISTORY,
      { first: 50, after: paged.data?.myAccessHistory.pageInfo.endCursor },
      PATIENT,
    );
    expect(rest.data?.myAccessHistory.edges).toHaveLength(3);
  });

  it('refuses the history to anyone but the signed-in person', async () => {
    expect(errorOf(await execute(HISTORY, {}, OFFICER))).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCESS_HISTORY_PATIENT_ONLY' });
    expect(errorOf(await execute(HISTORY, {}, { ...PATIENT, nationalId: null }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ACCESS_HISTORY_PATIENT_ONLY',
    });
  });

  it('names the organisations from what the INPE registry answered (federation), else from its own list', async () => {
    const answer = await execute<{ _entities: Record<string, unknown>[] }>(
      ORGANISATIONS,
      {
        representations: [
          {
            __typename: 'AccessingOrganisation',
            code: 'ZZP00004',
            registryEntry: { name: 'Hopital Public Synthetique Rabat', kind: 'ESTABLISHMENT' },
          },
          { __typename: 'AccessingOrganisation', code: 'CNOPS', registryEntry: null },
          { __typename: 'AccessingOrganisation', code: 'ZZP88888', registryEntry: { name: null, kind: null } },
        ],
      },
      PATIENT,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities).toEqual([
      { code: 'ZZP00004', name: 'Hopital Public Synthetique Rabat', kind: 'ESTABLISHMENT' },
      { code: 'CNOPS', name: 'Caisse Nationale des Organismes de Prévoyance Sociale (CNOPS)', kind: 'OG' },
      { code: 'ZZP88888', name: 'ZZP88888', kind: 'PROVIDER' },
    ]);
  });

  it('reports the anomalies of a window, and refuses a window over 31 days', async () => {
    const answer = await execute<{ auditAnomalies: Record<string, unknown>[] }>(
      ANOMALIES,
      { from: '2026-05-04T00:00:00Z', to: '2026-05-05T00:00:00Z' },
      CNDP,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.auditAnomalies.map((a) => [a.kind, a.clientId, a.organisation, a.observed, a.threshold])).toEqual([
      ['VOLUME_ABOVE_BASELINE', 'cabinet-zzp00001', 'ZZP00001', 30, 20],
      ['VOLUME_ABOVE_BASELINE', 'cabinet-zzp88888', 'ZZP88888', 22, 20],
      ['VOLUME_ABOVE_BASELINE', 'og-cnss', 'CNSS', 20, 20],
      ['OFF_HOURS_ACCESS', 'pharmacie-zzp00002', 'ZZP00002', 3, 1],
      ['REFUSED_BURST', 'clinique-zzp00010', 'ZZP00010', 21, 5],
      ['REFUSED_BURST', 'clinique-zzp00010', 'ZZP00010', 5, 5],
    ]);
    expect(answer.data?.auditAnomalies[0]).toMatchObject({
      windowStart: '2026-05-04T00:00:00.000Z',
      windowEnd: '2026-05-05T00:00:00.000Z',
      baseline: 5,
      detail: expect.stringContaining('30 personnes'),
      detailEn: expect.stringContaining('30 distinct persons'),
    });
    expect(errorOf(await execute(ANOMALIES, { from: '2026-04-01T00:00:00Z', to: '2026-05-05T00:00:00Z' }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'AUDIT_WINDOW_TOO_LONG',
    });
  });

  it("gives an insurer's officer its own members' events and its own staff's actions, whatever the filter; ANAM and the CNDP the whole trail", async () => {
    const morning = { from: '2026-03-04T07:00:00Z', to: '2026-03-04T11:00:00Z' };
    const ids = async (caller: Partial<Caller>, filter: Record<string, unknown> = {}) =>
      (await events({ ...morning, ...filter }, caller)).map((e) => e.requestId);
    // CNSS: its member ZZ000001 read by a care client, broken into, refused to CNOPS; its own agent reading a CNOPS member.
    expect(await ids(OFFICER_CNSS)).toEqual(['cnss-staff', 'refused-og', 'break-glass-1', 'check-1']);
    // CNOPS: its member ZZ000004 by every way in, its own agent's refusal, its member ZZ000011's break-glass.
    expect(await ids(OFFICER_CNOPS)).toEqual([
      'partly-refused',
      'register',
      'register',
      'document-by-id',
      'cnss-staff',
      'refused-og',
      'break-glass-2',
    ]);
    expect(await ids(OFFICER_CNSS, { nationalId: 'ZZ000003' })).toEqual([]);
    expect(await ids(OFFICER_CNSS, { organisation: 'ZZP00004' })).toEqual(['break-glass-1']);
    expect((await ids(OFFICER, {})).length).toBe((await ids(CNDP, {})).length);
    expect(await ids(OFFICER)).toHaveLength(13);
  });

  it("names to an insurer's officer no other insurer, and finds by person its own members' events only", async () => {
    const morning = { from: '2026-03-04T07:00:00Z', to: '2026-03-04T11:00:00Z' };
    const byRequest = async (caller: Partial<Caller>, filter: Record<string, unknown> = {}) =>
      new Map((await events({ ...morning, ...filter }, caller)).map((e) => [e.requestId, e.organisms]));
    // Its own agent's read of a CNOPS member: the event is CNSS's staff's, but whose member it was, and who, is not CNSS's to learn.
    expect((await byRequest(OFFICER_CNSS)).get('cnss-staff')).toEqual([]);
    const staffEvent = (await events(morning, OFFICER_CNSS)).find((e) => e.requestId === 'cnss-staff');
    expect(staffEvent).toMatchObject({ subjects: [], subjectRefs: [] });
    const asCnops = (await events(morning, OFFICER_CNOPS)).find((e) => e.requestId === 'cnss-staff');
    expect(asCnops?.subjects).toEqual([keys.pseudonymise('ZZ000004')]);
    expect((await events(morning, OFFICER_CNSS)).find((e) => e.requestId === 'refused-og')?.subjects).toEqual([
      keys.pseudonymise('ZZ000001'),
    ]);
    expect((await byRequest(OFFICER_CNSS)).get('refused-og')).toEqual(['CNSS']);
    expect((await byRequest(OFFICER_CNOPS)).get('cnss-staff')).toEqual(['CNOPS']);
    expect((await byRequest(OFFICER)).get('cnss-staff')).toEqual(['CNOPS']);
    // A search by person would confirm who a ref or a national id its staff named is: its members' events only.
    expect([...(await byRequest(OFFICER_CNSS, { nationalId: 'ZZ000004' })).keys()]).toEqual([]);
    expect([...(await byRequest(OFFICER_CNSS, { personRef: REF_4 })).keys()]).toEqual([]);
    expect([...(await byRequest(OFFICER_CNOPS, { nationalId: 'ZZ000004' })).keys()]).toContain('cnss-staff');
    expect([...(await byRequest(OFFICER_CNSS, { nationalId: 'ZZ000001' })).keys()]).toContain('refused-og');
  });

  it("keeps an insurer's officer to its own members' break-glass accesses and anomalies", async () => {
    const answer = await execute<{ breakGlassAccessesAwaitingReview: { edges: { node: EventNode }[] } }>(
      QUEUE,
      { first: 200 },
      OFFICER_CNOPS,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.breakGlassAccessesAwaitingReview.edges.map((edge) => edge.node.requestId)).toEqual(['break-glass-2']);
    const anomalies = await execute<{ auditAnomalies: Record<string, unknown>[] }>(
      ANOMALIES,
      { from: '2026-05-04T00:00:00Z', to: '2026-05-05T00:00:00Z' },
      OFFICER_CNSS,
    );
    expect(anomalies.errors).toBeUndefined();
    expect(anomalies.data?.auditAnomalies.map((a) => [a.kind, a.clientId, a.observed])).toEqual([
      ['VOLUME_ABOVE_BASELINE', 'cabinet-zzp88888', 22],
      ['VOLUME_ABOVE_BASELINE', 'og-cnss', 20],
    ]);
    expect(errorOf(await execute(AUDIT_EVENTS, {}, { ...OFFICER_CNSS, org: null }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'AUDIT_OFFICERS_ONLY',
    });
  });

  it('finds a person by ref, and serves the fields served and refused, the stage and the intent of an outcome', async () => {
    const found = await events({ personRef: REF_4 }, OFFICER);
    expect(found.map((e) => [e.requestId, e.stage])).toEqual([
      ['partly-refused', 'ACCESS'],
      ['register', 'OUTCOME'],
      ['register', 'INTENT'],
      ['document-by-id', 'ACCESS'],
      ['cnss-staff', 'ACCESS'],
    ]);
    const [partly, outcome, intent] = found;
    expect(partly).toMatchObject({
      decision: 'REFUSED',
      fieldPaths: ['person'],
      refusedFieldPaths: ['person.documents'],
      subjectRefs: [keys.pseudonymise(REF_4)],
      organisms: ['CNOPS'],
    });
    expect(outcome).toMatchObject({ intentEventId: intent?.eventId, outcome: 'OK' });
    expect(intent).toMatchObject({ outcome: 'PENDING', intentEventId: null, subgraphs: [] });
    expect(errorOf(await execute(AUDIT_EVENTS, { filter: { personRef: 'ZZ000004' } }, OFFICER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VALUE',
    });
  });

  it('asks a period of at most 31 days of a search on organisation, purpose, operation or decision alone (no index)', async () => {
    for (const filter of [{ organisation: 'NONE' }, { purpose: 'records:read' }, { operationName: 'Check' }, { decision: 'REFUSED' }]) {
      for (const caller of [OFFICER, OFFICER_CNSS]) {
        expect(errorOf(await execute(AUDIT_EVENTS, { filter, first: 1 }, caller)), JSON.stringify(filter)).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'AUDIT_SEARCH_PERIOD_REQUIRED',
        });
      }
    }
    expect(
      errorOf(
        await execute(
          AUDIT_EVENTS,
          { filter: { organisation: 'NONE', from: '2026-02-01T00:00:00Z', to: '2026-03-05T00:00:00Z' } },
          OFFICER,
        ),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AUDIT_SEARCH_PERIOD_REQUIRED' });
    // A period of 31 days, a person, a client, the break-glass accesses (each its own index), or no filter at all: served.
    expect(await events({ organisation: 'ANAM', from: '2026-02-04T00:00:00Z', to: '2026-03-07T00:00:00Z' })).toHaveLength(1);
    expect(await events({ nationalId: 'ZZ000001', organisation: 'ANAM' })).toHaveLength(1);
    expect(await events({ clientId: 'og-cnops', decision: 'REFUSED' })).toHaveLength(1);
    expect((await events({ decision: 'BREAK_GLASS' })).length).toBeGreaterThanOrEqual(2);
    expect(await events({}, OFFICER, 1)).toHaveLength(1);
  });

  it('runs at most one anomaly report per operation, however the operation names it', async () => {
    const window = '(from: "2026-05-04T00:00:00Z", to: "2026-05-05T00:00:00Z")';
    const refused = [
      `{ a: auditAnomalies${window} { kind } b: auditAnomalies${window} { kind } }`,
      `{ auditAnomalies${window} { kind } again: auditAnomalies${window} { kind } }`,
      `{ a: auditAnomalies${window} { kind } ...More } fragment More on Query { b: auditAnomalies${window} { kind } }`,
      `{ ... on Query { a: auditAnomalies${window} { kind } } ... { b: auditAnomalies${window} { clientId } } }`,
      `query ($yes: Boolean!) { a: auditAnomalies${window} { kind } b: auditAnomalies${window} @include(if: $yes) { kind } }`,
    ];
    for (const query of refused) {
      const answer = await execute<{ a?: unknown }>(query, { yes: true }, OFFICER);
      expect(answer.errors?.length, query).toBeGreaterThan(0);
      expect(
        answer.errors?.map((error) => error.extensions),
        query,
      ).toEqual(
        answer.errors?.map(() => expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', reason: 'AUDIT_ANOMALIES_ONE_PER_OPERATION' })),
      );
    }
    // The same field twice under one name runs once; a field skipped does not run.
    const allowed = [
      `{ auditAnomalies${window} { kind } ...Same } fragment Same on Query { auditAnomalies${window} { clientId } }`,
      `query ($yes: Boolean!) { a: auditAnomalies${window} { kind } b: auditAnomalies${window} @skip(if: $yes) { kind } }`,
      `{ auditAnomalies${window} { kind } auditEvents(first: 1) { pageInfo { hasNextPage } } }`,
    ];
    for (const query of allowed) {
      const answer = await execute(query, { yes: true }, OFFICER);
      expect(answer.errors, query).toBeUndefined();
    }
  });

  itOn('postgres', engine)("bounds every statement of the reader's sessions (AUDIT_SEARCH_TIMEOUT_MS, 1.5 s by default)", async () => {
    const [{ statement_timeout: bound }] = await app.store.query<{ statement_timeout: string }>('SHOW statement_timeout');
    expect(bound).toBe('1500ms');
  });

  itOn('postgres', engine)(
    'answers a search the store cancels with AUDIT_SEARCH_TOO_BROAD, a report or indicator with AUDIT_REPORT_TOO_BROAD, an access history or the review queue with SUBGRAPH_UNAVAILABLE, never an internal error',
    async () => {
      const bounded = await buildAuditApp(loadConfig({ ...env, AUDIT_SEARCH_TIMEOUT_MS: '300' }));
      // The owner holds the trail: every statement of the reader waits until its bound cancels it.
      const holder = new Client({ connectionString: database.config.url as string });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE audit_event IN ACCESS EXCLUSIVE MODE');
      const within = <T>(work: Promise<T>) =>
        Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('not cancelled within 5 s')), 5_000))]);
      try {
        const search = await within(
          execute(
            AUDIT_EVENTS,
            { filter: { organisation: 'NONE', from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }, first: 1 },
            OFFICER,
            bounded,
          ),
        );
        expect(errorOf(search)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AUDIT_SEARCH_TOO_BROAD' });
        expect(search.errors?.[0]?.message).toMatch(/période|personne/);
        const anomalies = await within(
          execute(ANOMALIES, { from: '2026-05-04T00:00:00Z', to: '2026-05-05T00:00:00Z' }, OFFICER_CNSS, bounded),
        );
        // A report names no person to narrow it to: only its period.
        expect(errorOf(anomalies)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AUDIT_REPORT_TOO_BROAD' });
        expect(anomalies.errors?.[0]?.message).toMatch(/période/);
        expect(anomalies.errors?.[0]?.message).not.toMatch(/personne/);
        const indicator = await within(
          execute(
            'query ($from: Date!, $to: Date!) { breakGlassIndicators(from: $from, to: $to) { total } }',
            { from: '2026-03-01', to: '2026-03-31' },
            { ...OFFICER, purposes: ['statistics:read'], userId: null },
            bounded,
          ),
        );
        expect(errorOf(indicator)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AUDIT_REPORT_TOO_BROAD' });
        // The queue and a person's history are read by their index: nothing to narrow, a busy store.
        const queue = await within(execute(QUEUE, { first: 5 }, OFFICER, bounded));
        expect(errorOf(queue)).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE' });
        const history = await within(execute(HISTORY, {}, PATIENT, bounded));
        expect(errorOf(history)).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE' });
        // Neither the store's words nor its SQL reach the caller (stack traces only outside production, as for any error).
        for (const answer of [search, anomalies, indicator, queue, history])
          expect(answer.errors?.[0]?.message).not.toMatch(/statement|timeout|cancel|select/i);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      // The cancelled statements gave their connections back.
      const morning = { from: '2026-03-04T07:00:00Z', to: '2026-03-04T11:00:00Z' };
      expect(await events({ organisation: 'CNSS', ...morning }, OFFICER, 1)).toHaveLength(1);
      const after = await execute(AUDIT_EVENTS, { filter: { organisation: 'CNSS', ...morning }, first: 1 }, OFFICER, bounded);
      expect(after.errors).toBeUndefined();
      await bounded.dataSource.destroy();
    },
  );

  itOn('postgres', engine)('runs as a reader: it may record a review, never change the trail or a review', async () => {
    const [breakGlass] = await events({ nationalId: 'ZZ000011', decision: 'BREAK_GLASS' });
    const asReader = openAuditDatabase({ url: reader!.url });
    try {
      await expect(asReader.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied/);
      await expect(asReader.query("UPDATE audit_review SET verdict = 'UNJUSTIFIED'")).rejects.toThrow(/permission denied/);
      await expect(
        asReader.query(
          'INSERT INTO audit_checkpoint (writer_id, position, hash, signed_at, key_id, signature) VALUES ($1, 1, $2, now(), $3, $4)',
          ['x', 'h', 'k', 's'],
        ),
      ).rejects.toThrow(/permission denied/);
      expect(breakGlass?.review).toBeNull();
    } finally {
      await asReader.close();
    }
  });
});
