import { addDays } from '@cmb/kit';

/** A care sheet of a persona's file. */
export interface PersonaSheet {
  careType: string;
  providerInpe: string;
  careDate: string;
  centimes: number;
}

/** A persona's CNSS file, with what the tests assert of it. */
export interface PersonaFile {
  nationalId: string;
  fileNumber: string;
  status: 'RECEIVED' | 'UNDER_REVIEW' | 'REIMBURSED' | 'REJECTED';
  receivedOn: string;
  reimbursedCentimes: number | null;
  reimbursedOn: string | null;
  sheets: PersonaSheet[];
}

/**
 * The personas' CNSS files (synthetic), each a case of the deadline rules:
 * P01 has one reimbursed in time, one open past its three months (overdue)
 * and one received days ago; P10 a pharmacy file (ALD) reimbursed in time;
 * P11 one reimbursed late; P12 one filed after the filing deadline and
 * rejected. `today` places the recent file (the seed's day).
 */
export function personaFiles(today: string): PersonaFile[] {
  return [
    {
      nationalId: 'ZZ000001',
      fileNumber: 'CNSS-RB-0000001',
      status: 'REIMBURSED',
      receivedOn: '2026-01-05',
      reimbursedCentimes: 21_000,
      reimbursedOn: '2026-02-10',
      sheets: [
        { careType: 'CONSULTATION', providerInpe: 'ZZP00001', careDate: '2025-12-20', centimes: 20_000 },
        { careType: 'PHARMACY', providerInpe: 'ZZP00002', careDate: '2025-12-21', centimes: 10_000 },
      ],
    },
    {
      nationalId: 'ZZ000001',
      fileNumber: 'CNSS-RB-0000002',
      status: 'UNDER_REVIEW',
      receivedOn: '2025-06-02',
      reimbursedCentimes: null,
      reimbursedOn: null,
      sheets: [{ careType: 'HOSPITALISATION', providerInpe: 'ZZP00004', careDate: '2025-05-20', centimes: 120_000 }],
    },
    {
      nationalId: 'ZZ000001',
      fileNumber: 'CNSS-RB-0000003',
      status: 'RECEIVED',
      receivedOn: addDays(today, -10),
      reimbursedCentimes: null,
      reimbursedOn: null,
      sheets: [{ careType: 'CONSULTATION', providerInpe: 'ZZP00001', careDate: addDays(today, -20), centimes: 15_000 }],
    },
    {
      nationalId: 'ZZ000010',
      fileNumber: 'CNSS-RB-0000004',
      status: 'REIMBURSED',
      receivedOn: '2026-02-01',
      reimbursedCentimes: 45_000,
      reimbursedOn: '2026-04-20',
      sheets: [{ careType: 'PHARMACY', providerInpe: 'ZZP00002', careDate: '2026-01-15', centimes: 45_000 }],
    },
    {
      nationalId: 'ZZ000011',
      fileNumber: 'CNSS-RB-0000006',
      status: 'REIMBURSED',
      receivedOn: '2026-01-10',
      reimbursedCentimes: 300_000,
      reimbursedOn: '2026-05-20',
      sheets: [{ careType: 'HOSPITALISATION', providerInpe: 'ZZP00004', careDate: '2025-12-28', centimes: 300_000 }],
    },
    {
      nationalId: 'ZZ000012',
      fileNumber: 'CNSS-RB-0000005',
      status: 'REJECTED',
      receivedOn: '2025-12-15',
      reimbursedCentimes: null,
      reimbursedOn: null,
      sheets: [{ careType: 'CONSULTATION', providerInpe: 'ZZP00001', careDate: '2025-09-01', centimes: 8_000 }],
    },
  ];
}
