import { randomUUID } from 'node:crypto';
import { appendEvents, chainEvents, chainHead, type AnomalySettings, type AuditDatabase, type AuditEvent } from '@cmb/audit-store';

/**
 * Audit events for the tests of the audit store and the audit subgraph,
 * written through the real chain and store (`chainEvents`, `appendEvents`),
 * so the rows are exactly what a gateway writes.
 */

/** A complete event from the fields a test cares about. */
export function auditEventOf(overrides: Partial<AuditEvent> & Pick<AuditEvent, 'occurredAt'>): AuditEvent {
  return {
    eventId: randomUUID(),
    requestId: `req-${randomUUID()}`,
    tokenId: `jti-${randomUUID()}`,
    clientId: 'cabinet-zzp00001',
    userId: null,
    org: 'ZZP00001',
    purposes: ['eligibility:check'],
    operationName: 'Check',
    operationHash: 'a'.repeat(64),
    fieldPaths: ['eligibility'],
    subjects: [],
    pseudonymKey: 'v1',
    decision: 'ALLOWED',
    outcome: 'OK',
    subgraphs: ['beneficiaries'],
    latencyMs: 2.5,
    ...overrides,
  };
}

/** Appends events at the head of a writer's chain, in one transaction; returns them. */
export async function appendAuditEvents(db: AuditDatabase, events: AuditEvent[], writerId = 'test-writer'): Promise<AuditEvent[]> {
  const { chained } = chainEvents(writerId, await chainHead(db, writerId), events);
  await appendEvents(db, chained);
  return events;
}

const at = (iso: string, minutes = 0) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const persons = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** The settings of {@link anomalyScenario}: the defaults of the audit subgraph, with a burst of 5. */
export const SCENARIO_SETTINGS: AnomalySettings = {
  volume: { baselineDays: 28, factor: 3, minimum: 20 },
  offHours: { timeZone: 'Africa/Casablanca', startHour: 22, endHour: 6, minimum: 1 },
  refusedBurst: { count: 5, withinMinutes: 5 },
  excludeClientIds: ['patient-portal'],
};

/** The window of {@link anomalyScenario}: 4 May 2026 UTC (Casablanca is UTC+1 then, outside Ramadan). */
export const SCENARIO_WINDOW = { start: new Date('2026-05-04T00:00:00.000Z'), end: new Date('2026-05-05T00:00:00.000Z') };

/**
 * A day of the trail with one case of each anomaly and its near misses:
 * - volume: `cabinet-zzp00001` reads 5 persons a day for 28 days, then 30 in
 *   the window (flagged: 30 > 3 x 5 and >= 20); `cabinet-zzp00003` reads 10 a
 *   day, then 25 (not flagged: 25 <= 30); `og-cnss`, new, reads 20 (flagged,
 *   baseline 0); `og-cnops` reads 5 (below the minimum); `test-no-scope` is
 *   refused 30 persons (refusals are not reads); `patient-portal` reads 40
 *   (excluded);
 * - off hours (22:00 to 06:00 local, UTC+1): `pharmacie-zzp00002` accesses at
 *   01:30, 05:59 and 22:00 local (3 accesses, 2 nights) and at 06:00 and 21:59
 *   (daytime);
 * - refused bursts of 5 in 5 minutes: `clinique-zzp00010` is refused every 30 s
 *   from 12:00 to 12:10 UTC (21 refusals, one merged burst) and 5 times in a
 *   minute at 15:00 (a second burst); `hopital-zzp00004` 5 times over 20
 *   minutes (no burst).
 */
export function anomalyScenario(): AuditEvent[] {
  const day = '2026-05-04T10:00:00.000Z';
  const events: AuditEvent[] = [];
  const reads = (clientId: string, org: string, subjects: string[], occurredAt: string, decision: AuditEvent['decision'] = 'ALLOWED') =>
    events.push(auditEventOf({ clientId, org, subjects, occurredAt, decision, outcome: decision === 'REFUSED' ? 'FORBIDDEN' : 'OK' }));
  for (let d = 1; d <= 28; d += 1) {
    reads('cabinet-zzp00001', 'ZZP00001', persons('p1', 5), at(day, -d * 1440));
    reads('cabinet-zzp00003', 'ZZP00003', persons('p3', 10), at(day, -d * 1440));
  }
  // Before the baseline: not counted.
  reads('cabinet-zzp00001', 'ZZP00001', persons('old', 200), at(day, -35 * 1440));
  for (let part = 0; part < 3; part += 1) reads('cabinet-zzp00001', 'ZZP00001', persons(`w1-${part}`, 10), at(day, part));
  reads('cabinet-zzp00003', 'ZZP00003', persons('w3', 25), day);
  reads('og-cnss', 'CNSS', persons('cnss', 20), day);
  reads('og-cnops', 'CNOPS', persons('cnops', 5), day);
  reads('test-no-scope', 'ZZP00001', persons('refused', 30), day, 'REFUSED');
  reads('patient-portal', 'PATIENT_PORTAL', persons('self', 40), day);

  for (const time of [
    '2026-05-04T00:30:00.000Z',
    '2026-05-04T04:59:00.000Z',
    '2026-05-04T21:00:00.000Z',
    '2026-05-04T05:00:00.000Z',
    '2026-05-04T20:59:00.000Z',
  ]) {
    reads('pharmacie-zzp00002', 'ZZP00002', ['night'], time);
  }

  for (let i = 0; i <= 20; i += 1) reads('clinique-zzp00010', 'ZZP00010', ['probe'], at('2026-05-04T12:00:00.000Z', i / 2), 'REFUSED');
  for (let i = 0; i < 5; i += 1) reads('clinique-zzp00010', 'ZZP00010', ['probe'], at('2026-05-04T15:00:00.000Z', i / 5), 'REFUSED');
  for (let i = 0; i < 5; i += 1) reads('hopital-zzp00004', 'ZZP00004', ['slow'], at('2026-05-04T13:00:00.000Z', i * 5), 'REFUSED');
  return events;
}

/** What {@link anomalyScenario} must report with {@link SCENARIO_SETTINGS} over {@link SCENARIO_WINDOW}, in report order. */
export const SCENARIO_ANOMALIES = [
  {
    kind: 'VOLUME_ABOVE_BASELINE',
    clientId: 'cabinet-zzp00001',
    org: 'ZZP00001',
    windowStart: '2026-05-04T00:00:00.000Z',
    windowEnd: '2026-05-05T00:00:00.000Z',
    observed: 30,
    baseline: 5,
    threshold: 20,
  },
  {
    kind: 'VOLUME_ABOVE_BASELINE',
    clientId: 'og-cnss',
    org: 'CNSS',
    windowStart: '2026-05-04T00:00:00.000Z',
    windowEnd: '2026-05-05T00:00:00.000Z',
    observed: 20,
    baseline: 0,
    threshold: 20,
  },
  {
    kind: 'OFF_HOURS_ACCESS',
    clientId: 'pharmacie-zzp00002',
    org: 'ZZP00002',
    windowStart: '2026-05-04T00:30:00.000Z',
    windowEnd: '2026-05-04T21:00:00.000Z',
    observed: 3,
    baseline: null,
    threshold: 1,
    nights: 2,
  },
  {
    kind: 'REFUSED_BURST',
    clientId: 'clinique-zzp00010',
    org: 'ZZP00010',
    windowStart: '2026-05-04T12:00:00.000Z',
    windowEnd: '2026-05-04T12:10:00.000Z',
    observed: 21,
    baseline: null,
    threshold: 5,
  },
  {
    kind: 'REFUSED_BURST',
    clientId: 'clinique-zzp00010',
    org: 'ZZP00010',
    windowStart: '2026-05-04T15:00:00.000Z',
    windowEnd: '2026-05-04T15:00:48.000Z',
    observed: 5,
    baseline: null,
    threshold: 5,
  },
] as const;
