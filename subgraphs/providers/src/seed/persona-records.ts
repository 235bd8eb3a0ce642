/**
 * Registry records of the providers the personas use (test/fixtures/personas.json,
 * domain.md §9), always seeded whatever the dataset size. Synthetic: `ZZP`
 * codes are no real INPE, and the names name nobody.
 */

/** A convention of a persona provider with one OG. */
export interface PersonaConvention {
  organism: string;
  validFrom: string;
  validUntil?: string;
  /** The care type these terms apply to; absent for every care type. */
  careType?: string;
  paymentMode: 'TIERS_PAYANT' | 'DIRECT';
}

/** A persona professional's attachment to an establishment. */
export interface PersonaAttachment {
  establishmentInpe: string;
  validFrom: string;
  validUntil?: string;
}

/** One persona provider with its conventions and attachments. */
export interface PersonaProvider {
  inpe: string;
  kind: 'PROFESSIONAL' | 'ESTABLISHMENT';
  category: string;
  specialty?: string;
  name: string;
  sector: 'PUBLIC' | 'PRIVATE';
  region: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  activeFrom: string;
  activeUntil?: string;
  conventions: PersonaConvention[];
  attachedTo?: PersonaAttachment[];
}

/** Every persona provider, establishments first so attachments find their parent. */
export const PERSONA_PROVIDERS: PersonaProvider[] = [
  {
    inpe: 'ZZP00010',
    kind: 'ESTABLISHMENT',
    category: 'CLINIC',
    name: 'Clinique Synthetique Casa',
    sector: 'PRIVATE',
    region: 'CSE',
    status: 'ACTIVE',
    activeFrom: '2008-03-01',
    conventions: [
      { organism: 'CNSS', validFrom: '2020-01-01', paymentMode: 'TIERS_PAYANT' },
      // The clinic's consultations are paid by the patient and claimed (direct payment); its other care in tiers payant.
      { organism: 'CNSS', validFrom: '2020-01-01', careType: 'CONSULTATION', paymentMode: 'DIRECT' },
      { organism: 'CNOPS', validFrom: '2008-03-01', paymentMode: 'TIERS_PAYANT' },
    ],
  },
  {
    inpe: 'ZZP00002',
    kind: 'ESTABLISHMENT',
    category: 'PHARMACY',
    name: 'Pharmacie Synthetique Al Amal',
    sector: 'PRIVATE',
    region: 'CSE',
    status: 'ACTIVE',
    activeFrom: '2011-06-15',
    conventions: [
      { organism: 'CNSS', validFrom: '2020-01-01', paymentMode: 'DIRECT' },
      { organism: 'CNOPS', validFrom: '2011-06-15', paymentMode: 'DIRECT' },
    ],
  },
  {
    inpe: 'ZZP00004',
    kind: 'ESTABLISHMENT',
    category: 'PUBLIC_HOSPITAL',
    name: 'Hopital Public Synthetique Rabat',
    sector: 'PUBLIC',
    region: 'RSK',
    status: 'ACTIVE',
    activeFrom: '2006-01-01',
    conventions: [
      { organism: 'CNSS', validFrom: '2006-01-01', paymentMode: 'TIERS_PAYANT' },
      { organism: 'CNOPS', validFrom: '2006-01-01', paymentMode: 'TIERS_PAYANT' },
    ],
  },
  {
    inpe: 'ZZP00001',
    kind: 'PROFESSIONAL',
    category: 'GENERAL_PRACTITIONER',
    name: 'Dr Salma Testprat',
    sector: 'PRIVATE',
    region: 'CSE',
    status: 'ACTIVE',
    activeFrom: '2012-01-01',
    conventions: [
      { organism: 'CNSS', validFrom: '2020-01-01', paymentMode: 'TIERS_PAYANT' },
      { organism: 'CNOPS', validFrom: '2012-01-01', paymentMode: 'DIRECT' },
    ],
    attachedTo: [{ establishmentInpe: 'ZZP00010', validFrom: '2015-09-01' }],
  },
  {
    inpe: 'ZZP00003',
    kind: 'PROFESSIONAL',
    category: 'SPECIALIST',
    specialty: 'ENDOCRINOLOGIE',
    name: 'Dr Karim Specialiste',
    sector: 'PRIVATE',
    region: 'FME',
    status: 'ACTIVE',
    activeFrom: '2014-04-01',
    conventions: [{ organism: 'CNSS', validFrom: '2020-01-01', paymentMode: 'TIERS_PAYANT' }],
  },
  {
    inpe: 'ZZP99999',
    kind: 'PROFESSIONAL',
    category: 'GENERAL_PRACTITIONER',
    name: 'Dr Omar Retrait',
    sector: 'PRIVATE',
    region: 'CSE',
    status: 'CLOSED',
    activeFrom: '2010-05-01',
    activeUntil: '2025-12-31',
    conventions: [{ organism: 'CNSS', validFrom: '2020-01-01', validUntil: '2025-12-31', paymentMode: 'TIERS_PAYANT' }],
    attachedTo: [{ establishmentInpe: 'ZZP00010', validFrom: '2016-01-01' }],
  },
];
