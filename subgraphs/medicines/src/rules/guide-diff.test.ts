import { describe, expect, it } from 'vitest';
import { countChanges, diffGuide, type GuideChange, type GuideListing } from './guide-diff';

const GLUCORIL = '6119999000015';
const FICTILAB = '6119999000022';
const EXEMPLAB = '6119999000039';
const VITAMINOL = '6119999000084';

function listing(ean13: string, extra: Partial<GuideListing> = {}): GuideListing {
  return {
    ean13,
    dci: 'metformine',
    brand: `Brand ${ean13.slice(-3)}`,
    form: 'comprimé pelliculé',
    dosage: '850 mg',
    presentation: 'Boîte de 60 comprimés pelliculés',
    therapeuticClass: 'Antidiabétiques oraux (biguanides)',
    generic: false,
    princepsEan13: null,
    publicPriceCentimes: 4500,
    pbrCentimes: 2150,
    reimbursable: true,
    ...extra,
  };
}

describe('diffGuide: what a new version changes (a version is a full snapshot, seeds/001_225b0d72771d4c3f.txt:L455)', () => {
  it.each<[string, GuideListing[], GuideListing[], GuideChange[]]>([
    ['the same listing is no change', [listing(GLUCORIL)], [listing(GLUCORIL)], []],
    ['a new pack is ADDED', [listing(GLUCORIL)], [listing(GLUCORIL), listing(EXEMPLAB)], [{ ean13: EXEMPLAB, kind: 'ADDED', fields: [] }]],
    [
      'a new pack listed not reimbursable is ADDED too',
      [],
      [listing(VITAMINOL, { reimbursable: false })],
      [{ ean13: VITAMINOL, kind: 'ADDED', fields: [] }],
    ],
    [
      'a pack no longer listed is WITHDRAWN',
      [listing(GLUCORIL), listing(FICTILAB)],
      [listing(GLUCORIL)],
      [{ ean13: FICTILAB, kind: 'WITHDRAWN', fields: [] }],
    ],
    [
      'a pack listed but no longer reimbursable is WITHDRAWN, with its changed fields',
      [listing(GLUCORIL)],
      [listing(GLUCORIL, { reimbursable: false, pbrCentimes: 4500 })],
      [{ ean13: GLUCORIL, kind: 'WITHDRAWN', fields: ['pbr', 'reimbursable'] }],
    ],
    [
      'a pack reimbursable again is CHANGED',
      [listing(VITAMINOL, { reimbursable: false })],
      [listing(VITAMINOL)],
      [{ ean13: VITAMINOL, kind: 'CHANGED', fields: ['reimbursable'] }],
    ],
    [
      'a still unreimbursable pack whose price changes is CHANGED',
      [listing(VITAMINOL, { reimbursable: false })],
      [listing(VITAMINOL, { reimbursable: false, publicPriceCentimes: 2600 })],
      [{ ean13: VITAMINOL, kind: 'CHANGED', fields: ['publicPrice'] }],
    ],
    [
      'a price order lowers the price and the base (seeds/001_225b0d72771d4c3f.txt:L445)',
      [listing(GLUCORIL)],
      [listing(GLUCORIL, { publicPriceCentimes: 4200, pbrCentimes: 2050 })],
      [{ ean13: GLUCORIL, kind: 'CHANGED', fields: ['publicPrice', 'pbr'] }],
    ],
    [
      'every compared field, in order',
      [listing(FICTILAB)],
      [
        listing(FICTILAB, {
          dci: 'metformine chlorhydrate',
          brand: 'Other',
          form: 'comprimé',
          dosage: '1000 mg',
          presentation: 'Boîte de 30',
          therapeuticClass: null,
          generic: true,
          princepsEan13: GLUCORIL,
          publicPriceCentimes: 1,
          pbrCentimes: 1,
        }),
      ],
      [
        {
          ean13: FICTILAB,
          kind: 'CHANGED',
          fields: ['dci', 'brand', 'form', 'dosage', 'presentation', 'therapeuticClass', 'generic', 'princepsEan13', 'publicPrice', 'pbr'],
        },
      ],
    ],
    [
      'changes come in EAN-13 order whatever the file order',
      [listing(FICTILAB), listing(VITAMINOL)],
      [listing(EXEMPLAB), listing(GLUCORIL)],
      [
        { ean13: GLUCORIL, kind: 'ADDED', fields: [] },
        { ean13: FICTILAB, kind: 'WITHDRAWN', fields: [] },
        { ean13: EXEMPLAB, kind: 'ADDED', fields: [] },
        { ean13: VITAMINOL, kind: 'WITHDRAWN', fields: [] },
      ],
    ],
    ['with no previous version every pack is ADDED', [], [listing(GLUCORIL)], [{ ean13: GLUCORIL, kind: 'ADDED', fields: [] }]],
  ])('%s', (_label, previous, next, expected) => {
    expect(diffGuide(previous, next)).toEqual(expected);
  });

  it('counts the changes by kind', () => {
    const changes = diffGuide(
      [listing(GLUCORIL), listing(FICTILAB), listing(VITAMINOL)],
      [listing(GLUCORIL, { pbrCentimes: 1 }), listing(EXEMPLAB)],
    );
    expect(countChanges(changes)).toEqual({ ADDED: 1, CHANGED: 1, WITHDRAWN: 2 });
  });
});
