import { randomBytes, randomUUID } from 'node:crypto';
import { PseudonymKeyring } from '@cmb/audit-store';
import { syntheticPersonRef } from '@cmb/kit';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, type GraphQLAnswer } from '../support/graphql-client';
import { authAs, userToken } from '../support/tokens';

/**
 * The audit subgraph through the gateway, with real Keycloak tokens: an
 * officer (officer-console user, ANAM) searches the trail and reviews
 * break-glass accesses, the CNDP inspector reads it, the insured person reads
 * their own access history from the patient portal; reading the trail is
 * itself audited.
 */
const ELIGIBILITY = /* GraphQL */ `
  query Check($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
    }
  }
`;
const BREAK_GLASS = /* GraphQL */ `
  query ($nationalId: String!, $breakGlass: BreakGlassInput) {
    person(nationalId: $nationalId) {
      documents(breakGlass: $breakGlass) {
        totalCount
      }
    }
  }
`;
const EVENTS = /* GraphQL */ `
  query Search($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          eventId
          occurredAt
          requestId
          clientId
          userId
          organisation
          purposes
          operationName
          fieldPaths
          refusedFieldPaths
          subjects
          subjectRefs
          organisms
          stage
          intentEventId
          pseudonymKey
          decision
          outcome
          writerId
          position
          hash
          review {
            verdict
            reviewer
            reviewerOrganisation
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
            name
            kind
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
const ANOMALIES = /* GraphQL */ `
  query ($from: DateTime!, $to: DateTime!) {
    auditAnomalies(from: $from, to: $to) {
      kind
      clientId
      organisation
      windowStart
      windowEnd
      observed
      threshold
      detail
    }
  }
`;

interface EventNode {
  eventId: string;
  requestId: string;
  clientId: string;
  userId: string | null;
  organisation: string | null;
  purposes: string[];
  fieldPaths: string[];
  subjects: string[];
  decision: string;
  outcome: string;
  review: { verdict: string; reviewer: string; reviewerOrganisation: string | null } | null;
}
interface Connection<T> {
  edges: { cursor?: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface HistoryNode {
  eventId: string;
  purposes: string[];
  decision: string;
  breakGlass: boolean;
  organisation: { code: string; name: string; kind: string } | null;
}

const gateway = () => inject('gatewayUrl');
const keyring = () => PseudonymKeyring.parse(inject('auditEnv').AUDIT_PSEUDONYM_KEYS);
const errorOf = (answer: GraphQLAnswer) => answer.body.errors?.[0]?.extensions;

describe('the audit API through the gateway', () => {
  let officer: Record<string, string>;
  /** A security officer of an insurer (CNSS): its own members' events and its own staff's actions only. */
  let officerCnss: Record<string, string>;
  let patient: Record<string, string>;
  let cndp: Record<string, string>;
  /** The eligibility check of persona P01 (ZZ000001) this suite makes, as the officers find it. */
  let check: EventNode;
  const checkRequest = `audit-api-check-${randomUUID()}`;

  const search = async (
    filter: Record<string, unknown>,
    headers = officer,
    page: { first?: number; after?: string | null } = {},
    extra: Record<string, string> = {},
  ) =>
    postGraphQL<{ auditEvents: Connection<EventNode> }>(
      gateway(),
      EVENTS,
      { filter, first: page.first ?? 20, after: page.after ?? null },
      { ...headers, ...extra },
    );

  beforeAll(async () => {
    officer = await userToken('officer-console', 'officer-anam', 'openid audit:read');
    officerCnss = await userToken('officer-console', 'officer-cnss', 'openid audit:read');
    patient = await userToken('patient-portal', 'p01-amal', 'openid audit:read');
    cndp = await authAs('cndp-inspector', 'audit:read');
    const answer = await postGraphQL(
      gateway(),
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02', careType: 'CONSULTATION' } },
      { ...(await authAs('cabinet-zzp00001', 'eligibility:check')), 'x-request-id': checkRequest },
    );
    expect(answer.body.errors).toBeUndefined();
  });

  it('lets an officer find the events of persona ZZ000001, the eligibility check just made among them', async () => {
    const answer = await search({ nationalId: 'ZZ000001', clientId: 'cabinet-zzp00001' });
    expect(answer.body.errors).toBeUndefined();
    const found = answer.body.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
    const mine = found.find((event) => event.requestId === checkRequest);
    expect(mine).toMatchObject({
      clientId: 'cabinet-zzp00001',
      organisation: 'ZZP00001',
      purposes: ['eligibility:check'],
      operationName: 'Check',
      fieldPaths: ['eligibility'],
      subjects: [keyring().pseudonymise('ZZ000001')],
      decision: 'ALLOWED',
      outcome: 'OK',
      review: null,
    });
    check = mine as EventNode;
    // Newest first, and never a national id in the answer.
    expect(found[0]?.requestId).toBe(checkRequest);
    expect(JSON.stringify(answer.body)).not.toContain('ZZ000001');
  });

  it('pages the search with cursors, and refuses a malformed cursor or national id', async () => {
    for (let i = 0; i < 2; i += 1) {
      await postGraphQL(
        gateway(),
        ELIGIBILITY,
        { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
        await authAs('cabinet-zzp00001', 'eligibility:check'),
      );
    }
    const filter = { nationalId: 'ZZ000001', clientId: 'cabinet-zzp00001' };
    const first = await search(filter, officer, { first: 2 });
    const firstPage = first.body.data?.auditEvents;
    expect(firstPage?.edges).toHaveLength(2);
    expect(firstPage?.pageInfo.hasNextPage).toBe(true);
    const second = await search(filter, officer, { first: 2, after: firstPage?.pageInfo.endCursor });
    const secondPage = second.body.data?.auditEvents;
    expect(secondPage?.edges.length).toBeGreaterThan(0);
    const firstIds = firstPage?.edges.map((edge) => edge.node.eventId) ?? [];
    expect(secondPage?.edges.some((edge) => firstIds.includes(edge.node.eventId))).toBe(false);
    const [oldestOfFirst] = firstPage?.edges.slice(-1) ?? [];
    const [newestOfSecond] = secondPage?.edges ?? [];
    expect(Date.parse((newestOfSecond?.node as unknown as { occurredAt: string }).occurredAt)).toBeLessThanOrEqual(
      Date.parse((oldestOfFirst?.node as unknown as { occurredAt: string }).occurredAt),
    );
    // The check of this suite is on the second page: two checks were made after it.
    expect(secondPage?.edges.map((edge) => edge.node.requestId)).toContain(checkRequest);

    expect(errorOf(await search(filter, officer, { after: 'bm90LWEtY3Vyc29y' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CURSOR_MALFORMED',
    });
    expect(errorOf(await search({ nationalId: '12345' }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NATIONAL_ID_MALFORMED' });
    expect(errorOf(await search({}, officer, { first: 500 }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
  });

  it("audits the officer's search itself, with the person searched", async () => {
    const requestId = `audit-api-search-${randomUUID()}`;
    const answer = await search({ nationalId: 'ZZ000001' }, officer, { first: 1 }, { 'x-request-id': requestId });
    expect(answer.body.errors).toBeUndefined();
    const audited = await search({ nationalId: 'ZZ000001', clientId: 'officer-console', purpose: 'audit:read' }, officer, { first: 10 });
    const event = audited.body.data?.auditEvents.edges.map((edge) => edge.node).find((node) => node.requestId === requestId);
    expect(event).toMatchObject({
      clientId: 'officer-console',
      organisation: 'ANAM',
      purposes: ['audit:read'],
      fieldPaths: ['auditEvents'],
      decision: 'ALLOWED',
      subjects: [keyring().pseudonymise('ZZ000001')],
    });
    expect(event?.userId).toEqual(expect.any(String));
  });

  it('lets the CNDP inspector read the trail, and refuses a client without audit:read', async () => {
    const answer = await search({ nationalId: 'ZZ000001', clientId: 'cabinet-zzp00001' }, cndp);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.auditEvents.edges.map((edge) => edge.node.requestId)).toContain(checkRequest);

    // A full page written in the operation itself: its edges are counted once by the cost limit.
    const fullPage = await postGraphQL<{ auditEvents: Connection<EventNode> }>(
      gateway(),
      '{ auditEvents(filter: { nationalId: "ZZ000001" }, first: 200) { edges { cursor node { eventId occurredAt clientId organisation purposes decision outcome } } pageInfo { hasNextPage endCursor } } }',
      {},
      cndp,
    );
    expect(fullPage.body.errors).toBeUndefined();
    expect(fullPage.body.data?.auditEvents.edges.map((edge) => edge.node.eventId).length).toBeGreaterThan(0);

    const refused = await search({}, await authAs('og-cnss', 'beneficiary:read'));
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['auditEvents'] });
    expect(refused.body.data ?? null).toBeNull();
  });

  it('gives the insured person their access history with organisation names, never a client, a user or their own portal', async () => {
    const answer = await postGraphQL<{ myAccessHistory: Connection<HistoryNode> }>(gateway(), HISTORY, { first: 50 }, patient);
    expect(answer.body.errors).toBeUndefined();
    const entries = answer.body.data?.myAccessHistory.edges.map((edge) => edge.node) ?? [];
    expect(entries.find((entry) => entry.eventId === check.eventId)).toMatchObject({
      purposes: ['eligibility:check'],
      decision: 'ALLOWED',
      breakGlass: false,
      organisation: { code: 'ZZP00001', name: 'Dr Salma Testprat', kind: 'PROFESSIONAL' },
    });
    // The officers' searches of this suite are accesses to the person's data too.
    expect(entries.find((entry) => entry.organisation?.code === 'ANAM')).toMatchObject({
      purposes: ['audit:read'],
      organisation: { name: "Agence Nationale de l'Assurance Maladie (ANAM)", kind: 'REGULATOR' },
    });
    expect(entries.some((entry) => entry.organisation?.code === 'PATIENT_PORTAL')).toBe(false);
    const text = JSON.stringify(answer.body);
    for (const hidden of [
      'cabinet-zzp00001',
      'officer-console',
      'officer-anam',
      'patient-portal',
      'clientId',
      'userId',
      check.userId ?? 'no-user',
    ])
      expect(text).not.toContain(hidden);
  });

  it("gives an OG's officer its own members' events and its own staff's actions, and nothing of another OG's members", async () => {
    const spouse = `audit-api-cnops-${randomUUID()}`;
    await postGraphQL(
      gateway(),
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000008', providerInpe: 'ZZP00001', date: '2026-03-02' } },
      { ...(await authAs('cabinet-zzp00001', 'eligibility:check')), 'x-request-id': spouse },
    );
    const staff = `audit-api-cnss-staff-${randomUUID()}`;
    await postGraphQL(
      gateway(),
      '{ person(nationalId: "ZZ000008") { ref } }',
      {},
      {
        ...(await authAs('og-cnss', 'beneficiary:read')),
        'x-request-id': staff,
      },
    );
    const ids = async (filter: Record<string, unknown>, headers: Record<string, string>) => {
      const answer = await search(filter, headers, { first: 50 });
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
    };
    // Its member ZZ000001, checked by a doctor: the event keeps the organisms covering the person.
    const member = (await ids({ nationalId: 'ZZ000001', clientId: 'cabinet-zzp00001' }, officerCnss)).find(
      (e) => e.requestId === checkRequest,
    );
    expect(member).toMatchObject({ organisms: ['CNSS'] });
    // CNOPS's member ZZ000008: ANAM and the CNDP see the doctor's check; CNSS its own agent's attempt among its staff's
    // actions, never by the person (that would tell it who a ref its staff named is), nor whose member the person is.
    const requestIds = async (filter: Record<string, unknown>, headers: Record<string, string>) =>
      (await ids(filter, headers)).map((e) => e.requestId);
    expect(await requestIds({ nationalId: 'ZZ000008', clientId: 'cabinet-zzp00001' }, officer)).toContain(spouse);
    expect(await requestIds({ nationalId: 'ZZ000008', clientId: 'cabinet-zzp00001' }, cndp)).toContain(spouse);
    expect(await requestIds({ nationalId: 'ZZ000008', clientId: 'cabinet-zzp00001' }, officerCnss)).toEqual([]);
    expect(await requestIds({ nationalId: 'ZZ000008', clientId: 'og-cnss' }, officerCnss)).toEqual([]);
    expect(await requestIds({ clientId: 'og-cnss' }, officerCnss)).toContain(staff);
  });

  it('finds by national id, and by ref, the events that reached the person by ref alone (a document by id)', async () => {
    // The doctor adds a pointer to ZZ000012's record within the care relationship its own ELIGIBLE check opens.
    const check = await postGraphQL<{ eligibility: { outcome: string } }>(
      gateway(),
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000012', providerInpe: 'ZZP00001', date: '2026-03-02', careType: 'CONSULTATION' } },
      await authAs('cabinet-zzp00001', 'eligibility:check'),
    );
    expect(check.body.data?.eligibility).toEqual({ outcome: 'ELIGIBLE' });
    const register = await postGraphQL<{ registerDocument: { id: string } }>(
      gateway(),
      'mutation ($input: RegisterDocumentInput!) { registerDocument(input: $input) { id } }',
      {
        input: {
          personRef: syntheticPersonRef('ZZ000012'),
          type: 'CONSULTATION_NOTE',
          title: 'Compte rendu (e2e audit API)',
          authorInpe: 'ZZP00001',
          custodianInpe: 'ZZP00010',
          repositoryUrl: 'https://dmp.example.invalid/documents/e2e-audit-api',
          sha256: randomBytes(32).toString('hex'),
          sizeBytes: 1_024,
          mimeType: 'application/pdf',
          confidentiality: 'NORMAL',
          serviceDate: '2026-02-20',
        },
      },
      await authAs('cabinet-zzp00001', 'records:write'),
    );
    expect(register.body.errors).toBeUndefined();
    const requestId = `audit-api-by-id-${randomUUID()}`;
    const read = await postGraphQL(
      gateway(),
      'query Pointer($id: ID!) { documentPointer(id: $id) { id } }',
      { id: register.body.data?.registerDocument.id },
      { ...(await authAs('clinique-zzp00010', 'records:read')), 'x-request-id': requestId },
    );
    expect(read.body.errors).toBeUndefined();
    const byNationalId = await search({ nationalId: 'ZZ000012', operationName: 'Pointer' }, officer);
    const event = byNationalId.body.data?.auditEvents.edges.map((edge) => edge.node).find((node) => node.requestId === requestId);
    expect(event).toMatchObject({
      fieldPaths: ['documentPointer'],
      subjects: [keyring().pseudonymise('ZZ000012')],
      subjectRefs: [keyring().pseudonymise(syntheticPersonRef('ZZ000012'))],
      organisms: ['CNSS'],
      stage: 'ACCESS',
    });
    const byRef = await search({ personRef: syntheticPersonRef('ZZ000012'), operationName: 'Pointer' }, officer);
    expect(byRef.body.data?.auditEvents.edges.map((edge) => edge.node.requestId)).toContain(requestId);
    // ZZ000012 is a CNSS member: CNSS's officer finds it too.
    const byCnss = await search({ nationalId: 'ZZ000012', operationName: 'Pointer' }, officerCnss);
    expect(byCnss.body.data?.auditEvents.edges.map((edge) => edge.node.requestId)).toContain(requestId);
  });

  it("refuses the officers' queries to the patient portal, and the person's history to an officer", async () => {
    expect(errorOf(await search({}, patient))).toMatchObject({ code: 'FORBIDDEN', reason: 'AUDIT_OFFICERS_ONLY' });
    expect(errorOf(await postGraphQL(gateway(), QUEUE, {}, patient))).toMatchObject({ code: 'FORBIDDEN', reason: 'AUDIT_OFFICERS_ONLY' });
    expect(errorOf(await postGraphQL(gateway(), HISTORY, {}, officer))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ACCESS_HISTORY_PATIENT_ONLY',
    });
  });

  it('queues a break-glass access for review; an officer reviews it once, a second review and the CNDP are refused', async () => {
    const requestId = `audit-api-break-glass-${randomUUID()}`;
    const access = await postGraphQL(
      gateway(),
      BREAK_GLASS,
      { nationalId: 'ZZ000011', breakGlass: { justification: 'Synthetic emergency: unconscious patient admitted, history needed.' } },
      { ...(await authAs('hopital-zzp00004', 'records:break-glass')), 'x-request-id': requestId },
    );
    expect(access.body.errors).toBeUndefined();

    const queued = async (): Promise<{ eventId: string; requestId: string }[]> => {
      const all: { eventId: string; requestId: string }[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const answer: GraphQLAnswer<{
          breakGlassAccessesAwaitingReview: Connection<{ eventId: string; requestId: string; decision: string }>;
        }> = await postGraphQL(gateway(), QUEUE, { first: 100, after }, officer);
        expect(answer.body.errors).toBeUndefined();
        const connection = answer.body.data!.breakGlassAccessesAwaitingReview;
        expect(connection.edges.every((edge) => edge.node.decision === 'BREAK_GLASS')).toBe(true);
        all.push(...connection.edges.map((edge) => edge.node));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      return all;
    };
    const waiting = await queued();
    const event = waiting.find((node) => node.requestId === requestId);
    expect(event).toBeDefined();
    // Oldest first: the access just made is the last of the queue.
    expect(waiting.at(-1)?.requestId).toBe(requestId);

    // ZZ000011 is a CNSS member: CNSS's officer sees the access in its own queue, but only ANAM's officers review.
    const cnssQueue = await postGraphQL<{ breakGlassAccessesAwaitingReview: Connection<{ requestId: string }> }>(
      gateway(),
      QUEUE,
      { first: 200 },
      officerCnss,
    );
    expect(cnssQueue.body.data?.breakGlassAccessesAwaitingReview.edges.map((edge) => edge.node.requestId)).toContain(requestId);
    const input = { eventId: event!.eventId, verdict: 'JUSTIFIED', comment: 'Urgence vitale confirmée par le dossier de régulation.' };
    for (const refused of [cndp, officerCnss])
      expect(errorOf(await postGraphQL(gateway(), REVIEW, { input }, refused))).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'AUDIT_REVIEW_ANAM_ONLY',
      });

    const reviewed = await postGraphQL<{ reviewBreakGlassAccess: Record<string, unknown> }>(gateway(), REVIEW, { input }, officer);
    expect(reviewed.body.errors).toBeUndefined();
    expect(reviewed.body.data?.reviewBreakGlassAccess).toMatchObject({
      eventId: event!.eventId,
      verdict: 'JUSTIFIED',
      comment: input.comment,
      reviewerOrganisation: 'ANAM',
      reviewer: expect.any(String),
    });
    expect(reviewed.body.data?.reviewBreakGlassAccess.reviewer).not.toBe('officer-console');

    const again = await postGraphQL(gateway(), REVIEW, { input: { ...input, verdict: 'UNJUSTIFIED' } }, officer);
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'BREAK_GLASS_ALREADY_REVIEWED' });
    expect(errorOf(await postGraphQL(gateway(), REVIEW, { input: { ...input, eventId: check.eventId } }, officer))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_A_BREAK_GLASS_EVENT',
    });
    expect(errorOf(await postGraphQL(gateway(), REVIEW, { input: { ...input, eventId: randomUUID() } }, officer))).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'AUDIT_EVENT_NOT_FOUND',
    });

    expect((await queued()).some((node) => node.requestId === requestId)).toBe(false);
    const [withReview] =
      (await search({ nationalId: 'ZZ000011', decision: 'BREAK_GLASS', clientId: 'hopital-zzp00004' }, cndp, { first: 1 })).body.data
        ?.auditEvents.edges ?? [];
    expect(withReview?.node).toMatchObject({ requestId, review: { verdict: 'JUSTIFIED', reviewerOrganisation: 'ANAM' } });

    // The person sees the emergency access, flagged, by the hospital's name.
    const history = await postGraphQL<{ myAccessHistory: Connection<HistoryNode> }>(
      gateway(),
      HISTORY,
      { first: 5 },
      await userToken('patient-portal', 'p11-karima', 'openid audit:read'),
    );
    expect(history.body.errors).toBeUndefined();
    expect(history.body.data?.myAccessHistory.edges.find((edge) => edge.node.eventId === event!.eventId)?.node).toMatchObject({
      breakGlass: true,
      decision: 'BREAK_GLASS',
      purposes: ['records:break-glass'],
      organisation: { code: 'ZZP00004', name: 'Hopital Public Synthetique Rabat', kind: 'ESTABLISHMENT' },
    });
  });

  it('reports a burst of refusals as an anomaly, and refuses a window over 31 days', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const refused = await authAs('test-no-scope', '');
    for (let i = 0; i < 10; i += 1) {
      await postGraphQL(gateway(), ELIGIBILITY, { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } }, refused);
    }
    const answer = await postGraphQL<{ auditAnomalies: { kind: string; clientId: string; observed: number; threshold: number }[] }>(
      gateway(),
      ANOMALIES,
      { from, to: new Date(Date.now() + 60_000).toISOString() },
      officer,
    );
    expect(answer.body.errors).toBeUndefined();
    const burst = answer.body.data?.auditAnomalies.find((a) => a.kind === 'REFUSED_BURST' && a.clientId === 'test-no-scope');
    expect(burst).toMatchObject({ threshold: 10 });
    expect(burst?.observed).toBeGreaterThanOrEqual(10);

    const tooLong = await postGraphQL(gateway(), ANOMALIES, { from: '2026-01-01T00:00:00Z', to: '2026-02-02T00:00:00Z' }, cndp);
    expect(errorOf(tooLong)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AUDIT_WINDOW_TOO_LONG' });
  });
});
