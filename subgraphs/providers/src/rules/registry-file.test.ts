import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineErrorCollector, SILENT_PROGRESS } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { PERSONA_PROVIDERS } from '../seed/persona-records';
import { readRegistryLines } from '../services/registry-file-reader';
import { validateRegistryFile } from './registry-file';
import { registryVocabulary } from './registry-row';

const FIXTURES = join(__dirname, '../../fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const HEADER = 'inpe;kind;category;specialty;name;sector;region;status;active_from;active_until';
const DENTIST = 'ZZP00101;PS;DENTIST;;Dr Nadia Fichier;PRIVATE;RSK;ACTIVE;2019-09-01;';
const OPTIONS = { today: '2026-03-09', maxRows: 5, vocabulary: registryVocabulary() };

async function validate(text: string, options = OPTIONS) {
  const read = await readRegistryLines(text, options.maxRows + 2, SILENT_PROGRESS);
  const collector = new LineErrorCollector();
  collector.add(...read.errors);
  const verdict = validateRegistryFile(read.lines, { ...options, complete: read.complete }, collector);
  return { verdict, errors: collector.errors.map((e) => [e.line, e.column, e.problem]) };
}

describe('the registry file (README, "The registry file")', () => {
  it('reads the valid sample, consistent with the seeded personas', async () => {
    const { verdict, errors } = await validate(fixture('inpe-registry-valid.csv'), { ...OPTIONS, maxRows: 100 });
    expect(errors).toEqual([]);
    if (!('file' in verdict)) throw new Error('expected a file');
    expect(verdict.file.metadata).toEqual({ extractedOn: '2026-03-06', rows: 10 });
    expect(verdict.file.records).toHaveLength(10);
    for (const persona of PERSONA_PROVIDERS) {
      const { conventions: _c, attachedTo: _a, specialty, activeUntil, ...fields } = persona;
      expect(verdict.file.records.find((r) => r.inpe === persona.inpe)).toEqual({
        ...fields,
        specialty: specialty ?? null,
        activeUntil: activeUntil ?? null,
      });
    }
    expect(verdict.file.records.find((r) => r.inpe === 'ZZP00102')?.name).toBe('Laboratoire Synthetique "Atlas"');
    expect(verdict.file.records.find((r) => r.inpe === 'ZZP00104')?.name).toBe('Centre de santé Synthétique; Oujda');
  });

  it('reports every error of the sample with errors, by line and column', async () => {
    const { errors } = await validate(fixture('inpe-registry-errors.csv'), { ...OPTIONS, maxRows: 100 });
    expect(errors).toEqual([
      [4, 'inpe', 'MALFORMED'],
      [5, 'specialty', 'MISSING'],
      [6, 'active_from', 'MALFORMED'],
      [7, 'kind', 'INCONSISTENT'],
      [8, 'active_until', 'MISSING'],
      [9, 'inpe', 'DUPLICATE'],
      [10, 'name', 'MISSING'],
      [10, 'region', 'UNKNOWN_CODE'],
      [11, null, 'FIELD_COUNT'],
    ]);
  });

  it.each([
    {
      why: 'a byte-order mark and CRLF line ends',
      text: `\ufeff#INPE;extracted_on=2026-03-06;rows=1\r\n${HEADER}\r\n${DENTIST}\r\n`,
      errors: [],
    },
    { why: 'empty lines', text: `#INPE;extracted_on=2026-03-06;rows=1\n\n${HEADER}\n\n${DENTIST}\n\n`, errors: [] },
    {
      why: 'spaces around fields',
      text: `#INPE;extracted_on=2026-03-06;rows=1\n${HEADER}\n${DENTIST.replace(';PRIVATE;', ' ; PRIVATE ;')}\n`,
      errors: [],
    },
    { why: 'an empty file', text: '', errors: [[1, null, 'METADATA']] },
    { why: 'no header', text: '#INPE;extracted_on=2026-03-06;rows=0\n', errors: [[2, null, 'HEADER']] },
    { why: 'no data line', text: `#INPE;extracted_on=2026-03-06;rows=0\n${HEADER}\n`, errors: [[2, null, 'MISSING']] },
    {
      why: 'fewer lines than announced (a truncated transfer)',
      text: `#INPE;extracted_on=2026-03-06;rows=3\n${HEADER}\n${DENTIST}\n`,
      errors: [[1, 'rows', 'INCONSISTENT']],
    },
    {
      why: 'more lines than allowed',
      text: `#INPE;extracted_on=2026-03-06;rows=5\n${HEADER}\n${Array.from({ length: 6 }, (_, i) => DENTIST.replace('ZZP00101', `ZZP0011${i}`)).join('\n')}\n`,
      errors: [[8, null, 'TOO_LARGE']],
    },
    {
      why: 'a quote left open',
      text: `#INPE;extracted_on=2026-03-06;rows=2\n${HEADER}\n${DENTIST}\nZZP00102;ES;LABORATORY;;"Laboratoire;PRIVATE;MSA;ACTIVE;2015-02-10;\n`,
      errors: [[4, null, 'CSV_SYNTAX']],
    },
  ])('$why', async ({ text, errors }) => {
    const result = await validate(text);
    expect(result.errors).toEqual(errors);
  });
});
