import { describe, expect, it } from 'vitest';
import { MESSAGES, type Language } from '../../i18n/messages';
import { anomaliesPerDay } from './anomalies-per-day';
import { EMPTY_FORM, filterOf } from './search-state';

describe("the officers' search filter", () => {
  it.each([
    { name: 'an empty form asks for everything', form: {}, filter: {} },
    { name: 'a national id, trimmed and upper-cased', form: { nationalId: ' zz000001 ' }, filter: { nationalId: 'ZZ000001' } },
    { name: 'an organisation, upper-cased', form: { organisation: 'cnss' }, filter: { organisation: 'CNSS' } },
    { name: 'a client id as typed', form: { clientId: 'cabinet-zzp00001' }, filter: { clientId: 'cabinet-zzp00001' } },
    {
      name: 'a purpose and a decision',
      form: { purpose: 'records:read', decision: 'REFUSED' },
      filter: { purpose: 'records:read', decision: 'REFUSED' },
    },
    { name: 'blank text fields are left out', form: { nationalId: '   ', clientId: '' }, filter: {} },
  ])('$name', ({ form, filter }) => {
    expect(filterOf({ ...EMPTY_FORM, ...form })).toEqual(filter);
  });

  it('reads the days as whole days: from the start of the first to the start of the day after the last', () => {
    const filter = filterOf({ ...EMPTY_FORM, from: '2026-03-01', to: '2026-03-02' });
    const from = new Date(filter.from ?? '');
    const to = new Date(filter.to ?? '');
    expect(to.getTime() - from.getTime()).toBeGreaterThanOrEqual(47 * 3_600_000);
    expect(to.getTime() - from.getTime()).toBeLessThanOrEqual(49 * 3_600_000);
  });
});

describe('anomalies per day', () => {
  it.each([
    { name: 'no anomaly: every day at zero', anomalies: [], from: '2026-03-01', to: '2026-03-03', counts: [0, 0, 0] },
    {
      name: 'counted on the day they start',
      anomalies: ['2026-03-01T23:10:00Z', '2026-03-03T01:00:00Z', '2026-03-03T09:00:00Z'],
      from: '2026-03-01',
      to: '2026-03-03',
      counts: [1, 0, 2],
    },
    { name: 'one day', anomalies: ['2026-03-05T10:00:00Z'], from: '2026-03-05', to: '2026-03-05', counts: [1] },
    { name: 'across a month end', anomalies: [], from: '2026-02-27', to: '2026-03-02', counts: [0, 0, 0, 0] },
  ])('$name', ({ anomalies, from, to, counts }) => {
    const days = anomaliesPerDay(
      anomalies.map((windowStart) => ({ windowStart })),
      from,
      to,
    );
    expect(days.map((day) => day.count)).toEqual(counts);
    expect(days[0]?.day).toBe(from);
    expect(days.at(-1)?.day).toBe(to);
  });
});

describe("the consoles' texts", () => {
  const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  const languages: Language[] = ['fr', 'ar', 'en'];
  it.each(Object.keys(MESSAGES.en))('%s: said in every language, with the same parameters', (key) => {
    for (const language of languages) {
      const text = MESSAGES[language][key as keyof typeof MESSAGES.en];
      expect(text.trim()).not.toBe('');
      expect(parameters(text)).toEqual(parameters(MESSAGES.en[key as keyof typeof MESSAGES.en]));
    }
  });
});
