import { describe, expect, it } from 'vitest';
import auditRules from '../reference-data/audit-rules.json';
import { anomalyDetail } from './anomaly-detail';

const settings = auditRules.anomalies;
const base = {
  clientId: 'cabinet-zzp00001',
  org: 'ZZP00001',
  windowStart: '2026-05-04T00:00:00.000Z',
  windowEnd: '2026-05-05T00:00:00.000Z',
};

describe('what an officer reads of an anomaly', () => {
  it('gives counts and thresholds in French and English, never a person', () => {
    expect(anomalyDetail({ ...base, kind: 'VOLUME_ABOVE_BASELINE', observed: 30, baseline: 5, threshold: 20 }, settings)).toEqual({
      fr: '30 personnes distinctes lues en une journée, pour une moyenne habituelle de 5 par jour (seuil 20).',
      en: '30 distinct persons read in one day, against a usual average of 5 a day (threshold 20).',
    });
    expect(anomalyDetail({ ...base, kind: 'OFF_HOURS_ACCESS', observed: 3, baseline: null, threshold: 1, nights: 2 }, settings).en).toBe(
      '3 accesses between 22:00-06:00 (Africa/Casablanca time) over 2 nights.',
    );
    expect(anomalyDetail({ ...base, kind: 'REFUSED_BURST', observed: 21, baseline: null, threshold: 10 }, settings).fr).toBe(
      '21 accès refusés en rafale : au moins 10 en 5 minutes.',
    );
  });
});
