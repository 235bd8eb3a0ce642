import { createHash } from 'node:crypto';
import {
  addDays,
  chainRows,
  generatePopulation,
  syntheticPersonRef,
  todayIn,
  type BulkValue,
  type SeedDefinition,
  type SeedOptions,
  type SyntheticPerson,
} from '@cmb/kit';
import rulesData from '../reference-data/claim-rules.json';
import { reimbursementDueBy } from '../rules/reimbursement-deadline';
import { personaFiles, type PersonaFile } from './persona-files';

const FILE_COLUMNS = [
  'file_number',
  'person_ref',
  'received_on',
  'first_care_on',
  'status',
  'amount_claimed_centimes',
  'amount_reimbursed_centimes',
  'reimbursed_on',
] as const;
const SHEET_COLUMNS = ['sheet_number', 'file_number', 'care_type', 'provider_inpe', 'care_date', 'amount_claimed_centimes'] as const;

/**
 * Weights of the synthetic dataset: they shape test data only, never a rule
 * (the deadlines are reference data). The seeds give none of them.
 */
const SYNTHETIC = {
  /** Share of CNSS members with files. */
  filingShare: 0.05,
  /** Files are received within this many days before the seed's day. */
  receivedWithinDays: 300,
  /** Care precedes receipt by up to this many days (some beyond the filing deadline). */
  careBeforeReceiptDays: 75,
  providers: [
    { inpe: 'ZZP00001', careType: 'CONSULTATION' },
    { inpe: 'ZZP00002', careType: 'PHARMACY' },
    { inpe: 'ZZP00003', careType: 'SPECIALIST_CONSULTATION' },
    { inpe: 'ZZP00004', careType: 'HOSPITALISATION' },
  ],
  /** Reimbursed share of the amount claimed. */
  reimbursedShare: 0.7,
};

const ORGANISM = rulesData.organism.value;
const RULES = { reimbursementMonths: rulesData.reimbursementDeadline.months };

/** Eight deterministic draws in [0, 1) for one person and purpose. */
function draws(options: SeedOptions, purpose: string, key: string): number[] {
  const digest = createHash('sha256').update(`${options.seed}|${purpose}|${key}`).digest();
  return Array.from({ length: 8 }, (_, i) => digest.readUInt32BE(i * 4) / 4_294_967_296);
}

function fileRow(personRef: string, file: Omit<PersonaFile, 'nationalId'>): BulkValue[] {
  const firstCareOn = file.sheets.map((s) => s.careDate).sort()[0] ?? file.receivedOn;
  const claimed = file.sheets.reduce((sum, s) => sum + s.centimes, 0);
  return [file.fileNumber, personRef, file.receivedOn, firstCareOn, file.status, claimed, file.reimbursedCentimes, file.reimbursedOn];
}

function sheetRows(file: Omit<PersonaFile, 'nationalId'>): BulkValue[][] {
  return file.sheets.map((s, i) => [`${file.fileNumber}-${i + 1}`, file.fileNumber, s.careType, s.providerInpe, s.careDate, s.centimes]);
}

/** The files of the generated CNSS members who filed: one or two each, statuses by age (open ones past three months are overdue). */
function* populationFiles(options: SeedOptions, today: string): Generator<{ personRef: string; file: Omit<PersonaFile, 'nationalId'> }> {
  let number = 0;
  for (const person of generatePopulation({ persons: options.persons, seed: options.seed }) as Generator<SyntheticPerson>) {
    if (person.organism !== ORGANISM) continue;
    const [share = 1, count = 0] = draws(options, 'files', person.nationalId);
    if (share >= SYNTHETIC.filingShare) continue;
    for (let n = 0; n < 1 + Math.floor(count * 2); n += 1) {
      const [received = 0, care = 0, provider = 0, amount = 0, outcome = 0] = draws(options, `file-${n}`, person.nationalId);
      const receivedOn = addDays(today, -Math.floor(5 + received * SYNTHETIC.receivedWithinDays));
      const chosen = SYNTHETIC.providers[Math.floor(provider * SYNTHETIC.providers.length)] ?? SYNTHETIC.providers[0];
      const centimes = 5_000 + Math.floor(amount * 200) * 500;
      const pastDeadline = reimbursementDueBy(receivedOn, RULES) < today;
      const status = pastDeadline
        ? outcome < 0.7
          ? 'REIMBURSED'
          : outcome < 0.8
            ? 'REJECTED'
            : 'UNDER_REVIEW'
        : outcome < 0.5
          ? 'RECEIVED'
          : outcome < 0.9
            ? 'UNDER_REVIEW'
            : 'REIMBURSED';
      const reimbursed = status === 'REIMBURSED';
      number += 1;
      yield {
        personRef: person.personRef,
        file: {
          fileNumber: `CNSS-RB-${String(1_000_000 + number).padStart(7, '0')}`,
          status,
          receivedOn,
          reimbursedCentimes: reimbursed ? Math.round(centimes * SYNTHETIC.reimbursedShare) : null,
          reimbursedOn: reimbursed ? addDays(receivedOn, Math.floor(outcome * 80)) : null,
          sheets: [
            {
              careType: chosen?.careType ?? 'CONSULTATION',
              providerInpe: chosen?.inpe ?? 'ZZP00001',
              careDate: addDays(receivedOn, -Math.floor(care * SYNTHETIC.careBeforeReceiptDays)),
              centimes,
            },
          ],
        },
      };
    }
  }
}

/** The seed's day: files are placed around it (the personas' recent file, the generated files' ages). */
const seedDay = () => todayIn(rulesData.timeZone.value);

/** The CNSS claims seed: the personas' files (fixed cases of the rules), then the generated members'. */
export const cnssClaimsSeed: SeedDefinition = {
  tables: ['claim_file', 'care_sheet'],
  rows: (options) => {
    const today = seedDay();
    const personas = personaFiles(today);
    return [
      {
        table: 'claim_file',
        columns: FILE_COLUMNS,
        rows: chainRows(
          personas.map((f) => fileRow(syntheticPersonRef(f.nationalId), f)),
          (function* () {
            for (const { personRef, file } of populationFiles(options, today)) yield fileRow(personRef, file);
          })(),
        ),
      },
      {
        table: 'care_sheet',
        columns: SHEET_COLUMNS,
        rows: chainRows(
          personas.flatMap(sheetRows),
          (function* () {
            for (const { file } of populationFiles(options, today)) yield* sheetRows(file);
          })(),
        ),
      },
    ];
  },
};
