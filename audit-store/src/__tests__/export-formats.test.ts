import { describe, expect, it } from 'vitest';
import { chainEvents, linkHash, type AuditEvent } from '../event';
import { escapeSdValue, jsonLine, syslogLine, SYSLOG_SD_ID } from '../export-formats';
import { auditEvent, storedRowOf } from './support/audit-fixtures';

function stored(event: AuditEvent) {
  const [chained] = chainEvents('gw-1:4000', { position: 41, hash: 'e'.repeat(64) }, [event]).chained;
  return storedRowOf(chained, 1_041);
}

/** The SD-PARAMs of a line's structured data, unescaped, checking the RFC 5424 syntax on the way. */
function structuredData(line: string): Record<string, string> {
  const element = new RegExp(`\\[${SYSLOG_SD_ID}((?: [^ ="\\]]+="(?:[^"\\\\\\]]|\\\\.)*")*)\\]`).exec(line);
  if (!element) throw new Error(`no well-formed ${SYSLOG_SD_ID} element in: ${line}`);
  const params: Record<string, string> = {};
  for (const [, name, value] of element[1].matchAll(/ ([^ ="\]]+)="((?:[^"\\\]]|\\.)*)"/g))
    params[name] = value.replace(/\\(["\\\]])/g, '$1');
  return params;
}

describe('JSON lines', () => {
  const row = stored(auditEvent(7));
  const line = jsonLine(row);

  it('are one line per event with the body fields, seq and the links', () => {
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).not.toContain('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      seq: 1_041,
      writerId: 'gw-1:4000',
      position: 42,
      eventId: row.eventId,
      decision: 'ALLOWED',
      subjects: ['pseudonym-7'],
      previousHash: row.previousHash,
      hash: row.hash,
    });
  });

  it('give the body back, so a SIEM can recompute the link', () => {
    const { seq: _seq, previousHash, hash, ...body } = JSON.parse(line) as Record<string, unknown>;
    expect(JSON.stringify(body)).toBe(row.body);
    expect(linkHash(String(previousHash), JSON.stringify(body))).toBe(hash);
  });
});

describe('syslog lines (RFC 5424)', () => {
  it.each([
    ['ALLOWED', 'audit', 13 * 8 + 5],
    ['REFUSED', 'audit', 13 * 8 + 4],
    ['BREAK_GLASS', 'audit', 13 * 8 + 4],
    ['ALLOWED', 'authpriv', 10 * 8 + 5],
    ['BREAK_GLASS', 'authpriv', 10 * 8 + 4],
  ] as const)('give %s on facility %s the priority %i', (decision, facility, pri) => {
    const line = syslogLine(stored(auditEvent(1, { decision })), { facility, hostname: 'audit-host' });
    expect(line.startsWith(`<${pri}>1 `)).toBe(true);
  });

  it('carry the header, the decision as MSGID and the event in structured data', () => {
    const row = stored(
      auditEvent(3, { decision: 'REFUSED', outcome: 'FORBIDDEN', purposes: ['care:treat', 'billing:claim'], subjects: ['p1', 'p2'] }),
    );
    const line = syslogLine(row, { hostname: 'audit-host' });
    expect(line).toMatch(new RegExp(`^<108>1 2025-01-01T11:00:00\\.000Z audit-host cmb-audit - REFUSED \\[${SYSLOG_SD_ID} `));
    expect(line.endsWith('] REFUSED Eligibility by cnss-portal: FORBIDDEN\n')).toBe(true);
    expect(structuredData(line)).toEqual({
      eventId: row.eventId,
      requestId: 'req-3',
      clientId: 'cnss-portal',
      userId: 'agent-42',
      org: 'CNSS',
      purposes: 'care:treat,billing:claim',
      operation: 'Eligibility',
      outcome: 'FORBIDDEN',
      subjects: 'p1,p2',
      pseudonymKey: 'v1',
      writer: 'gw-1:4000',
      position: '42',
      hash: row.hash,
    });
  });

  it('leave out the parameters an event does not have', () => {
    const params = structuredData(syslogLine(stored(auditEvent(1, { org: null, userId: null, operationName: null })), { hostname: 'h' }));
    expect(params).not.toHaveProperty('org');
    expect(params).not.toHaveProperty('userId');
    expect(params).not.toHaveProperty('operation');
  });

  it('escape ", \\ and ] in parameter values', () => {
    expect(escapeSdValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    const clientId = 'evil"] [other@1 x="y"]\\';
    expect(structuredData(syslogLine(stored(auditEvent(1, { clientId })), { hostname: 'h' })).clientId).toBe(clientId);
  });

  it('never let a value end the line and forge another record', () => {
    const line = syslogLine(stored(auditEvent(1, { clientId: 'c\n<110>1 2025-01-01T00:00:00Z forged' })), { hostname: 'h' });
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(structuredData(line).clientId).toBe('c\\u000a<110>1 2025-01-01T00:00:00Z forged');
  });

  it('mark a message that is not plain ASCII as UTF-8', () => {
    expect(syslogLine(stored(auditEvent(1, { clientId: 'mutuelle-générale' })), { hostname: 'h' })).toContain('] \ufeffALLOWED');
    expect(syslogLine(stored(auditEvent(1)), { hostname: 'h' })).toContain('] ALLOWED');
  });

  it('keep the header fields printable and without spaces', () => {
    expect(syslogLine(stored(auditEvent(1)), { hostname: 'my host' }).split(' ')[2]).toBe('my-host');
  });
});

describe('a row whose body cannot be read (tampered)', () => {
  const row = { ...stored(auditEvent(9)), body: '{"v":1,"truncated' };

  it('is exported from its own columns and flagged, so the export goes on', () => {
    expect(JSON.parse(jsonLine(row))).toMatchObject({
      seq: 1_041,
      eventId: row.eventId,
      position: 42,
      decision: 'ALLOWED',
      unreadableBody: true,
      hash: row.hash,
    });
    const line = syslogLine(row, { hostname: 'siem-host' });
    expect(line).toMatch(/^<108>1 \S+ siem-host cmb-audit - UNREADABLE \[/);
    expect(structuredData(line)).toMatchObject({ eventId: row.eventId, position: '42', hash: row.hash });
  });
});
