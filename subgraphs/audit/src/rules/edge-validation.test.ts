import { encodeCursor, PseudonymKeyring } from '@cmb/audit-store';
import { describe, expect, it } from 'vitest';
import auditRules from '../reference-data/audit-rules.json';
import { anomalyWindow, eventCriteria, narrowSearch, parsePage, parseReview } from './edge-validation';

const keyring = PseudonymKeyring.parse('v2:second-pseudonymisation-secret-of-32-chars,v1:first-pseudonymisation-secret-of-32-chars');
const pages = auditRules.pages;
const reason = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    return [extensions?.code, extensions?.reason];
  }
  return 'no error';
};

describe('edge validation of the audit subgraph', () => {
  describe('pages', () => {
    it('takes 50 by default, and 1 to 200', () => {
      expect(parsePage(undefined, undefined, pages)).toEqual({ first: 50, after: null });
      expect(parsePage(1, null, pages).first).toBe(1);
      expect(parsePage(200, null, pages).first).toBe(200);
    });

    it.each([0, -1, 201, 2.5])('refuses first = %s', (first) => {
      expect(reason(() => parsePage(first, null, pages))).toEqual(['BAD_USER_INPUT', 'INVALID_VALUE']);
    });

    it('reads a cursor it issued, and refuses any other', () => {
      const cursor = encodeCursor({ occurredAt: '2026-05-04T08:00:00.000Z', seq: 7 });
      expect(parsePage(10, cursor, pages).after).toEqual({ occurredAt: '2026-05-04T08:00:00.000Z', seq: 7 });
      expect(reason(() => parsePage(10, 'bm90LWEtY3Vyc29y', pages))).toEqual(['BAD_USER_INPUT', 'CURSOR_MALFORMED']);
      expect(reason(() => parsePage(10, '', pages))).toEqual(['BAD_USER_INPUT', 'CURSOR_MALFORMED']);
    });
  });

  describe("the officers' filter", () => {
    it('hashes a national id with every key version, after checking its form', () => {
      expect(eventCriteria({ nationalId: ' zz000001' }, keyring)).toEqual({ subjects: keyring.pseudonymsOf('ZZ000001') });
      expect(eventCriteria({ nationalId: 'ZZ000001' }, keyring).subjects).toHaveLength(2);
      expect(reason(() => eventCriteria({ nationalId: '12' }, keyring))).toEqual(['BAD_USER_INPUT', 'NATIONAL_ID_MALFORMED']);
    });

    it('keeps the other criteria, times as ISO-8601 UTC', () => {
      expect(
        eventCriteria(
          {
            clientId: ' cabinet-zzp00001 ',
            organisation: 'ZZP00001',
            purpose: 'eligibility:check',
            operationName: 'Check',
            decision: 'REFUSED' as never,
            from: new Date('2026-05-04T09:00:00+01:00'),
            to: new Date('2026-05-05T00:00:00Z'),
          },
          keyring,
        ),
      ).toEqual({
        clientId: 'cabinet-zzp00001',
        org: 'ZZP00001',
        purpose: 'eligibility:check',
        operationName: 'Check',
        decision: 'REFUSED',
        from: '2026-05-04T08:00:00.000Z',
        to: '2026-05-05T00:00:00.000Z',
      });
      expect(eventCriteria(null, keyring)).toEqual({});
    });

    it.each<[string, Record<string, unknown>]>([
      ['an unknown purpose', { purpose: 'everything' }],
      ['an empty client id', { clientId: '  ' }],
      ['an overlong operation name', { operationName: 'x'.repeat(201) }],
      ['to before from', { from: new Date('2026-05-05T00:00:00Z'), to: new Date('2026-05-04T00:00:00Z') }],
      ['an invalid date', { from: new Date('nope') }],
    ])('refuses %s', (_what, filter) => {
      expect(reason(() => eventCriteria(filter, keyring))).toEqual(['BAD_USER_INPUT', 'INVALID_VALUE']);
    });
  });

  describe('the anomaly window', () => {
    const from = new Date('2026-05-01T00:00:00Z');
    it('takes up to 31 days', () => {
      expect(anomalyWindow(from, new Date('2026-06-01T00:00:00Z'), 31)).toEqual({ start: from, end: new Date('2026-06-01T00:00:00Z') });
    });

    it('refuses a longer one, and one that ends before it starts', () => {
      expect(reason(() => anomalyWindow(from, new Date('2026-06-01T00:00:00.001Z'), 31))).toEqual([
        'BAD_USER_INPUT',
        'AUDIT_WINDOW_TOO_LONG',
      ]);
      expect(reason(() => anomalyWindow(from, from, 31))).toEqual(['BAD_USER_INPUT', 'INVALID_VALUE']);
    });
  });

  describe('a search on filters without an index', () => {
    const now = Date.parse('2026-05-31T12:00:00Z');
    const days = (n: number) => new Date(now - n * 86_400_000).toISOString();
    it.each([
      { name: 'no filter (the newest events)', criteria: {} },
      { name: 'a person', criteria: { subjects: ['p'], org: 'NONE' } },
      { name: "a person's ref", criteria: { subjectRefs: ['p'], purpose: 'records:read' } },
      { name: 'a client', criteria: { clientId: 'og-cnss', decision: 'REFUSED' as const } },
      { name: 'break-glass accesses (their own index)', criteria: { decision: 'BREAK_GLASS' as const } },
      { name: 'an organisation over 31 days', criteria: { org: 'NONE', from: days(31), to: days(0) } },
      { name: 'a purpose from 10 days ago to now', criteria: { purpose: 'records:read', from: days(10) } },
      {
        name: '31 local days across a change of the clock (an hour longer; it was refused)',
        criteria: { org: 'NONE', from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T01:00:00.000Z' },
      },
    ])('lets through $name', ({ criteria }) => {
      expect(() => narrowSearch(criteria, auditRules.search.unindexedFilterMaxDays, now)).not.toThrow();
    });

    it.each([
      { name: 'an organisation over the whole trail', criteria: { org: 'NONE' } },
      { name: 'an operation until a date', criteria: { operationName: 'Check', to: days(1) } },
      { name: 'refusals over 32 days', criteria: { decision: 'REFUSED' as const, from: days(32), to: days(0) } },
      { name: 'a purpose from 40 days ago to now', criteria: { purpose: 'records:read', from: days(40) } },
    ])('refuses $name', ({ criteria }) => {
      expect(reason(() => narrowSearch(criteria, auditRules.search.unindexedFilterMaxDays, now))).toEqual([
        'BAD_USER_INPUT',
        'AUDIT_SEARCH_PERIOD_REQUIRED',
      ]);
    });
  });

  describe('a review', () => {
    const eventId = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';
    it('takes a UUID and a trimmed comment, empty as none', () => {
      expect(parseReview({ eventId, verdict: 'JUSTIFIED', comment: '  urgence vitale ' }, auditRules.review)).toEqual({
        eventId: eventId.toLowerCase(),
        verdict: 'JUSTIFIED',
        comment: 'urgence vitale',
      });
      expect(parseReview({ eventId, verdict: 'UNJUSTIFIED', comment: '   ' }, auditRules.review).comment).toBeNull();
    });

    it('refuses another id and an overlong comment', () => {
      expect(reason(() => parseReview({ eventId: '42', verdict: 'JUSTIFIED' }, auditRules.review))).toEqual([
        'BAD_USER_INPUT',
        'INVALID_VALUE',
      ]);
      expect(reason(() => parseReview({ eventId, verdict: 'JUSTIFIED', comment: 'x'.repeat(2001) }, auditRules.review))).toEqual([
        'BAD_USER_INPUT',
        'INVALID_VALUE',
      ]);
    });
  });
});
