import { withCheckDigit } from '../rules/ean13';
import type { SeedGmrVersionCode } from './seed-gmr-versions';

/**
 * Named medicines every seeded dataset contains, whatever the generator
 * seed, so tests, demos and other subgraphs (care-pathways protocols, the
 * PHARMACY personas) can rely on them. Brands and codes are synthetic.
 */

/** Prefix of every synthetic EAN13: Morocco's GS1 prefix 611, then 9999 (no real product). */
export const SYNTHETIC_EAN13_PREFIX = '6119999';

/** The synthetic EAN13 of a serial number (five digits after the prefix, then the check digit). */
export function syntheticEan13(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 99_999) throw new RangeError('synthetic EAN13 serials run from 0 to 99999');
  return withCheckDigit(`${SYNTHETIC_EAN13_PREFIX}${String(serial).padStart(5, '0')}`);
}

/** One named medicine and, per seeded version, its public price in centimes (absent: not listed in that version). */
export interface FixtureMedicine {
  key: string;
  serial: number;
  dci: string;
  brand: string;
  form: string;
  dosage: string;
  presentation: string;
  therapeuticClass: string;
  generic: boolean;
  /** Key of the princeps, for a generic. */
  princepsKey?: string;
  reimbursable: boolean;
  publicPrices: Partial<Record<SeedGmrVersionCode, number>>;
}

const METFORMINE_850 = {
  dci: 'metformine',
  form: 'comprimé pelliculé',
  dosage: '850 mg',
  presentation: 'Boîte de 60 comprimés pelliculés',
  therapeuticClass: 'Antidiabétiques oraux (biguanides)',
  reimbursable: true,
} as const;

const AMOXICILLINE_1G = {
  dci: 'amoxicilline',
  form: 'comprimé dispersible',
  dosage: '1 g',
  presentation: 'Boîte de 12 comprimés dispersibles',
  therapeuticClass: 'Antibiotiques (pénicillines)',
  reimbursable: true,
} as const;

const ALL_VERSIONS = (price: number) => ({ 'GMR-2025-10': price, 'GMR-2026-01': price, 'GMR-2026-03': price });

/** Serials 1 to 999 are kept for named medicines; the generator starts above. */
export const FIXTURE_MEDICINES: readonly FixtureMedicine[] = [
  // Princeps with generics: its base follows the generics of each version (R12, seeds/001_225b0d72771d4c3f.txt:L459).
  { key: 'GLUCORIL', serial: 1, brand: 'Glucoril', ...METFORMINE_850, generic: false, publicPrices: ALL_VERSIONS(4500) },
  {
    key: 'METFORMINE_FICTILAB',
    serial: 2,
    brand: 'Metformine Fictilab',
    ...METFORMINE_850,
    generic: true,
    princepsKey: 'GLUCORIL',
    publicPrices: ALL_VERSIONS(2150),
  },
  // New generic listed from GMR-2026-03 on (51 new generics in 2022: seeds/001_225b0d72771d4c3f.txt:L443).
  {
    key: 'METFORMINE_EXEMPLAB',
    serial: 3,
    brand: 'Metformine Exemplab',
    ...METFORMINE_850,
    generic: true,
    princepsKey: 'GLUCORIL',
    publicPrices: { 'GMR-2026-03': 1990 },
  },
  // Generic withdrawn by GMR-2026-03 (141 withdrawn in 2022: seeds/001_225b0d72771d4c3f.txt:L455).
  {
    key: 'METFORMINE_DEMOPHARM',
    serial: 4,
    brand: 'Metformine Demopharm',
    ...METFORMINE_850,
    generic: true,
    princepsKey: 'GLUCORIL',
    publicPrices: { 'GMR-2025-10': 2380, 'GMR-2026-01': 2380 },
  },
  // Princeps without generic, price lowered by GMR-2026-03 (price orders: seeds/001_225b0d72771d4c3f.txt:L445).
  {
    key: 'INSULATIS',
    serial: 5,
    dci: 'insuline glargine',
    brand: 'Insulatis',
    form: 'solution injectable en stylo prérempli',
    dosage: '100 UI/ml',
    presentation: 'Boîte de 5 stylos préremplis de 3 ml',
    therapeuticClass: 'Insulines et analogues (action lente)',
    generic: false,
    reimbursable: true,
    publicPrices: { 'GMR-2025-10': 69000, 'GMR-2026-01': 69000, 'GMR-2026-03': 65550 },
  },
  { key: 'AMOXAL', serial: 6, brand: 'Amoxal', ...AMOXICILLINE_1G, generic: false, publicPrices: ALL_VERSIONS(6800) },
  {
    key: 'AMOXICILLINE_FICTILAB',
    serial: 7,
    brand: 'Amoxicilline Fictilab',
    ...AMOXICILLINE_1G,
    generic: true,
    princepsKey: 'AMOXAL',
    publicPrices: { 'GMR-2025-10': 3900, 'GMR-2026-01': 3900, 'GMR-2026-03': 3450 },
  },
  // Listed with a price, not reimbursable: a marketing authorisation is not enough (seeds/001_225b0d72771d4c3f.txt:L804).
  {
    key: 'VITAMINOL',
    serial: 8,
    dci: 'acide ascorbique',
    brand: 'Vitaminol',
    form: 'comprimé effervescent',
    dosage: '1 g',
    presentation: 'Tube de 10 comprimés effervescents',
    therapeuticClass: 'Vitamines',
    generic: false,
    reimbursable: false,
    publicPrices: ALL_VERSIONS(2400),
  },
];

/** The EAN13 of a named medicine. */
export function fixtureEan13(key: string): string {
  const fixture = FIXTURE_MEDICINES.find((candidate) => candidate.key === key);
  if (!fixture) throw new Error(`no fixture medicine named ${key}`);
  return syntheticEan13(fixture.serial);
}
