import { describe, expect, it } from 'vitest';
import organisations from '../reference-data/organisations.json';
import { organisationView } from './accessing-organisation';

const reference = organisations.organisations;

describe('naming the organisations of an access history', () => {
  it.each<[string, string, { name?: string | null; kind?: string | null } | null, { name: string; kind: string }]>([
    [
      'a professional, from the INPE registry',
      'ZZP00001',
      { name: 'Dr Salma Testprat', kind: 'PROFESSIONAL' },
      { name: 'Dr Salma Testprat', kind: 'PROFESSIONAL' },
    ],
    [
      'an establishment, from the INPE registry',
      'ZZP00004',
      { name: 'Hopital Public Synthetique Rabat', kind: 'ESTABLISHMENT' },
      { name: 'Hopital Public Synthetique Rabat', kind: 'ESTABLISHMENT' },
    ],
    ['an insurer, from the reference list', 'CNSS', null, { name: 'Caisse Nationale de Sécurité Sociale (CNSS)', kind: 'OG' }],
    ['the regulator', 'ANAM', null, { name: "Agence Nationale de l'Assurance Maladie (ANAM)", kind: 'REGULATOR' }],
    [
      'an INPE code the registry does not know (or providers down)',
      'ZZP88888',
      { name: null, kind: null },
      { name: 'ZZP88888', kind: 'PROVIDER' },
    ],
    ['an organisation nobody knows', 'XYZ', null, { name: 'XYZ', kind: 'UNKNOWN' }],
  ])('%s', (_what, code, registry, expected) => {
    expect(organisationView(code, registry, reference)).toEqual({ code, ...expected });
  });

  it('names every organisation of the realm that is not a provider', () => {
    for (const code of ['CNSS', 'CNOPS', 'ANAM', 'CNDP', 'PATIENT_PORTAL'])
      expect(organisationView(code, null, reference).name).not.toBe(code);
  });
});
