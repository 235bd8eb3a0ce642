import { SERVED_PERSONS_EXTENSION, type ServedPerson } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { collectServedPersons } from '../access-audit/served-persons-report';

const reportOf = (persons: unknown[], other: Record<string, unknown> = {}) => ({
  data: { x: 1 },
  extensions: { ...other, [SERVED_PERSONS_EXTENSION]: persons },
});

describe('the persons a subgraph reports, for the audit trail', () => {
  it("takes them out of the subgraph's answer, so the client never sees them", () => {
    const body: { data: unknown; extensions?: Record<string, unknown> } = reportOf([{ ref: 'r1' }]);
    collectServedPersons('medical-records', body, new Map());
    expect(body.extensions).toBeUndefined();
    const kept: { data: unknown; extensions?: Record<string, unknown> } = reportOf([{ ref: 'r1' }], { other: true });
    collectServedPersons('medical-records', kept, new Map());
    expect(kept.extensions).toEqual({ other: true });
  });

  it('trusts national ids and organisms from the registry of persons alone; refs from any subgraph', () => {
    const into = new Map<string, ServedPerson>();
    collectServedPersons('cnss-claims', reportOf([{ ref: 'r1', nationalId: 'ZZ000002', organisms: ['CNOPS'] }]), into);
    expect(into.get('r1')).toEqual({ ref: 'r1' });
    collectServedPersons('beneficiaries', reportOf([{ ref: 'r1', nationalId: 'ZZ000001', organisms: ['CNSS'] }]), into);
    collectServedPersons(
      'beneficiaries',
      reportOf([
        { ref: 'r1', organisms: ['AMO-X'] },
        { ref: 'r2', organisms: [] },
      ]),
      into,
    );
    expect([...into.values()]).toEqual([
      { ref: 'r1', nationalId: 'ZZ000001', organisms: ['AMO-X', 'CNSS'] },
      { ref: 'r2', organisms: [] },
    ]);
  });

  it('ignores what is not a person: no ref, oversized text, not a list', () => {
    const into = new Map<string, ServedPerson>();
    collectServedPersons('beneficiaries', reportOf([{ nationalId: 'ZZ000001' }, { ref: 'x'.repeat(500) }, null, 'r3']), into);
    collectServedPersons('beneficiaries', { extensions: { [SERVED_PERSONS_EXTENSION]: { ref: 'r4' } } }, into);
    expect(into.size).toBe(0);
  });
});
