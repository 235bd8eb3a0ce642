// `node load-tests/imports/generate-inpe.mjs --out FILE [--rows 50000] [--extracted-on 2026-03-06] [--changed-every N] [--seed S]`
// Writes a synthetic INPE registry file in the layout ANAM shares
// (subgraphs/providers/README.md, "The registry file"), deterministic for
// its options: the personas' providers as the seed has them, then generated
// codes ZZP10000... in the registry's category mix. `--changed-every N`
// moves every N-th generated code to another region (a later file of the
// same registry: a diff of rows/N changed codes).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const categories = JSON.parse(readFileSync(join(ROOT, 'subgraphs/providers/src/reference-data/provider-categories.json'), 'utf8'));
const regions = JSON.parse(readFileSync(join(ROOT, 'subgraphs/kit/src/reference-data/regions.json'), 'utf8')).regions.map((r) => r.code);

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    rows: { type: 'string', default: '50000' },
    'extracted-on': { type: 'string', default: '2026-03-06' },
    'changed-every': { type: 'string', default: '0' },
    seed: { type: 'string', default: '20260306' },
  },
});
const rows = Number(values.rows);
const changedEvery = Number(values['changed-every']);
if (!values.out || !Number.isInteger(rows) || rows < 7 || rows > 89_006 || !Number.isInteger(changedEvery) || changedEvery < 0) {
  console.error('usage: generate-inpe.mjs --out FILE [--rows 7..89006] [--extracted-on YYYY-MM-DD] [--changed-every N] [--seed S]');
  process.exit(2);
}

/** mulberry32: a small deterministic generator. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(values.seed));
const pick = (list) => list[Math.floor(random() * list.length)];

// Category and sector pairs weighted by the registry's active codes (seeds/001_225b0d72771d4c3f.txt:L895-L917).
const pairs = categories.categories.flatMap((c) => [
  ...(c.public > 0 ? [{ category: c.code, kind: c.kind, sector: 'PUBLIC', weight: c.public }] : []),
  ...(c.private > 0 ? [{ category: c.code, kind: c.kind, sector: 'PRIVATE', weight: c.private }] : []),
]);
const totalWeight = pairs.reduce((sum, p) => sum + p.weight, 0);
function weightedPair() {
  let draw = random() * totalWeight;
  for (const pair of pairs) if ((draw -= pair.weight) < 0) return pair;
  return pairs[pairs.length - 1];
}
const date = (year, month, day) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const PERSONAS = [
  'ZZP00001;PS;GENERAL_PRACTITIONER;;Dr Salma Testprat;PRIVATE;CSE;ACTIVE;2012-01-01;',
  'ZZP00002;ES;PHARMACY;;Pharmacie Synthetique Al Amal;PRIVATE;CSE;ACTIVE;2011-06-15;',
  'ZZP00003;PS;SPECIALIST;ENDOCRINOLOGIE;Dr Karim Specialiste;PRIVATE;FME;ACTIVE;2014-04-01;',
  'ZZP00004;ES;PUBLIC_HOSPITAL;;Hopital Public Synthetique Rabat;PUBLIC;RSK;ACTIVE;2006-01-01;',
  'ZZP00010;ES;CLINIC;;Clinique Synthetique Casa;PRIVATE;CSE;ACTIVE;2008-03-01;',
  'ZZP99999;PS;GENERAL_PRACTITIONER;;Dr Omar Retrait;PRIVATE;CSE;CLOSED;2010-05-01;2025-12-31',
];

const lines = [...PERSONAS];
for (let index = 0; lines.length < rows; index += 1) {
  const { category, kind, sector } = weightedPair();
  const from = date(1995 + Math.floor(random() * 31), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
  const status = random() < 0.95 ? 'ACTIVE' : random() < 0.4 ? 'SUSPENDED' : 'CLOSED';
  let region = pick(regions);
  if (changedEvery > 0 && index % changedEvery === 0) region = regions[(regions.indexOf(region) + 1) % regions.length];
  const until = status === 'CLOSED' ? `${Number(from.slice(0, 4)) + 1}${from.slice(4)}` : '';
  const specialty = category === 'SPECIALIST' ? pick(categories.specialties.codes) : '';
  const name = kind === 'PROFESSIONAL' ? `Dr Synthetique ${index}` : `Etablissement Synthetique ${index}`;
  lines.push(
    [`ZZP${10_000 + index}`, kind === 'PROFESSIONAL' ? 'PS' : 'ES', category, specialty, name, sector, region, status, from, until].join(
      ';',
    ),
  );
}

const header = 'inpe;kind;category;specialty;name;sector;region;status;active_from;active_until';
writeFileSync(values.out, [`#INPE;extracted_on=${values['extracted-on']};rows=${lines.length}`, header, ...lines, ''].join('\n'));
console.log(`${values.out}: ${lines.length} codes extracted on ${values['extracted-on']}`);
