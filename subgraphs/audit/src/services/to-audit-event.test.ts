import {
  chainEvents,
  EMPTY_CHAIN,
  EVENT_COLUMNS,
  eventRowValues,
  membership,
  PseudonymKeyring,
  storedEventRow,
  type AuditEvent,
} from '@cmb/audit-store';
import { describe, expect, it } from 'vitest';
import { toAuditEvent } from './to-audit-event';

/**
 * Format 3 shows an insurer's officer only the pseudonyms of the persons its
 * organism covered in an event (og-officer-mixed-event.int.test.ts). The
 * event's operation name keeps every national id written in it as `#` and its
 * pseudonym (the gateway's `auditText`): shown on the same terms.
 */
const keys = PseudonymKeyring.parse('v1:first-pseudonymisation-secret-of-32-characters');
const OWN = keys.pseudonymise('ZZ000001');
const OTHER = keys.pseudonymise('ZZ000004');

function storedRow(event: AuditEvent) {
  const [chained] = chainEvents('gw-1', EMPTY_CHAIN, [event]).chained;
  const values = eventRowValues(chained!);
  const record: Record<string, unknown> = { seq: 1 };
  EVENT_COLUMNS.forEach((column, i) => (record[column] = values[i]));
  return storedEventRow(record);
}

describe("an insurer's officer reading an event naming its member beside another insurer's", () => {
  it("is shown no pseudonym of the other insurer's member, in any field", () => {
    const event: AuditEvent = {
      eventId: '5b7c1f7e-8d1a-4b8e-9c53-5a3f0b1d2e4f',
      occurredAt: '2026-03-04T08:00:00.000Z',
      requestId: 'mixed-check',
      tokenId: null,
      clientId: 'hopital-zzp00004',
      userId: null,
      org: 'ZZP00004',
      purposes: ['records:read'],
      // What auditText keeps of `query check_ZZ000001_ZZ000004 { ... }`.
      operationName: `check_#${OWN}_#${OTHER}`,
      operationHash: 'a'.repeat(64),
      fieldPaths: ['person.documents'],
      refusedFieldPaths: [],
      subjects: [OWN, OTHER],
      subjectRefs: [],
      organisms: ['CNOPS', 'CNSS'],
      memberships: [membership('CNSS', OWN), membership('CNOPS', OTHER)],
      pseudonymKey: 'v1',
      decision: 'ALLOWED',
      outcome: 'OK',
      subgraphs: ['medical-records'],
      latencyMs: 1,
      stage: 'ACCESS',
      intentEventId: null,
    };
    const shown = toAuditEvent(storedRow(event), { organism: 'CNSS' });
    expect(shown.subjects).toEqual([OWN]);
    expect(shown.operationName).toBe(`check_#${OWN}_#`);
    expect(JSON.stringify(shown)).not.toContain(OTHER);
    // ANAM and the CNDP read the whole trail: the name as kept.
    expect(toAuditEvent(storedRow(event)).operationName).toBe(`check_#${OWN}_#${OTHER}`);
  });
});
