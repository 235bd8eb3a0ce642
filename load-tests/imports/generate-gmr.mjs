// A full reimbursable medicines guide (GMR) file, deterministic: the next
// version of the seeded guide (`npm run seed`, generator seed 20260302 by
// default), as ANAM would send it, in the layout of subgraphs/medicines/README.md.
// From the seed's open version GMR-2026-03 it withdraws 35 generics, lowers
// 3% of the princeps' prices and adds generics up to --rows packs (4,600 by
// default: about the 4,583 packs of the 2022 guide, seeds/001_225b0d72771d4c3f.txt:L455),
// each with the PBR of rule R12. Needs the compiled medicines subgraph (npm run build).
//
//   node load-tests/imports/generate-gmr.mjs [--rows 4600] [--seed 1] [--effective-date 2026-06-01] [--out FILE]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { Prng } = require('../../subgraphs/kit/dist/synthetic/prng.js');
const { generateGmrSnapshots } = require('../../subgraphs/medicines/dist/seed/gmr-catalogue.js');
const { syntheticEan13 } = require('../../subgraphs/medicines/dist/seed/fixture-medicines.js');
const { pbrBasis } = require('../../subgraphs/medicines/dist/rules/reimbursement-basis.js');
const { formatMadAmount } = require('../../subgraphs/medicines/dist/rules/mad-amount.js');

/** The seed's default generator seed (`npm run seed`): the generated file follows that dataset. */
export const SEED_CATALOGUE = 20260302;

const HEADER = [
  'ean13',
  'dci',
  'brand',
  'form',
  'dosage',
  'presentation',
  'therapeutic_class',
  'generic',
  'generic_group',
  'ppv',
  'pbr',
  'reimbursable',
];
/** Serials of the packs the generated version adds: above every serial the seed uses. */
const FIRST_NEW_SERIAL = 90_000;

/** One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function cell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The published PBR of each pack of a version: a generic's own price, a princeps' base on its generics (R12). */
function publishedPbr(listings) {
  const genericsOf = new Map();
  for (const listing of listings) {
    if (!listing.princepsEan13) continue;
    genericsOf.set(listing.princepsEan13, [...(genericsOf.get(listing.princepsEan13) ?? []), listing]);
  }
  return (listing) =>
    pbrBasis(
      { ean13: listing.ean13, generic: listing.generic, pbrCentimes: listing.publicPriceCentimes },
      (genericsOf.get(listing.ean13) ?? []).map((g) => ({
        generic: g.generic,
        reimbursable: g.reimbursable,
        pbrCentimes: g.publicPriceCentimes,
        princepsEan13: g.princepsEan13,
      })),
      'HIGHEST_GENERIC',
    ).pbrCentimes;
}

/**
 * The text of a generated GMR file: `rows` packs, the next version of the
 * guide seeded with `catalogueSeed`, changed by a generator seeded with `seed`.
 */
export function generateGmr({ rows = 4600, seed = 1, effectiveDate = '2026-06-01', catalogueSeed = SEED_CATALOGUE } = {}) {
  const snapshots = generateGmrSnapshots(catalogueSeed);
  const open = snapshots[snapshots.length - 1];
  if (!open) throw new Error('the seed generated no GMR version');
  const prng = new Prng(seed);
  const withdrawable = open.listings.filter((listing) => listing.generic && !listing.fixed);
  const withdrawn = new Set();
  while (withdrawn.size < Math.min(35, withdrawable.length)) withdrawn.add(prng.pick(withdrawable).ean13);
  let listings = open.listings
    .filter((listing) => !withdrawn.has(listing.ean13))
    .map((listing) =>
      !listing.fixed && !listing.generic && prng.chance(0.03)
        ? {
            ...listing,
            publicPriceCentimes: Math.max(500, Math.round((listing.publicPriceCentimes * (0.8 + prng.next() * 0.15)) / 10) * 10),
          }
        : listing,
    );
  const princeps = listings.filter((listing) => !listing.generic && !listing.fixed);
  let serial = FIRST_NEW_SERIAL;
  while (listings.length < rows) {
    const head = prng.pick(princeps);
    const lab = `Genlab ${serial - FIRST_NEW_SERIAL + 1}`;
    listings.push({
      ...head,
      ean13: syntheticEan13(serial++),
      brand: `${head.dci.charAt(0).toUpperCase()}${head.dci.slice(1)} ${lab}`.slice(0, 120),
      generic: true,
      reimbursable: true,
      princepsEan13: head.ean13,
      publicPriceCentimes: Math.max(500, Math.round((head.publicPriceCentimes * (0.35 + prng.next() * 0.5)) / 10) * 10),
      fixed: false,
    });
  }
  listings = listings.slice(0, rows);
  const pbrOf = publishedPbr(listings);
  const lines = [
    `# effective_date: ${effectiveDate}`,
    `# Generated GMR: ${rows} packs, generator seed ${seed}, next version of the guide seeded with ${catalogueSeed}`,
    HEADER.join(','),
  ];
  for (const listing of listings) {
    lines.push(
      [
        listing.ean13,
        listing.dci,
        listing.brand,
        listing.form,
        listing.dosage,
        listing.presentation,
        listing.therapeuticClass,
        listing.generic ? 'Y' : 'N',
        listing.princepsEan13 ?? '',
        formatMadAmount(listing.publicPriceCentimes),
        formatMadAmount(pbrOf(listing)),
        listing.reimbursable ? 'Y' : 'N',
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '4600' },
      seed: { type: 'string', default: '1' },
      'effective-date': { type: 'string', default: '2026-06-01' },
      'catalogue-seed': { type: 'string', default: String(SEED_CATALOGUE) },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'node load-tests/imports/generate-gmr.mjs [--rows 4600] [--seed 1] [--effective-date 2026-06-01] [--catalogue-seed 20260302] [--out FILE]\n',
    );
    return;
  }
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  const catalogueSeed = Number(values['catalogue-seed']);
  if (!Number.isInteger(rows) || rows < 1 || rows > 20_000) throw new Error('--rows: a whole number from 1 to 20000');
  if (!Number.isInteger(seed) || !Number.isInteger(catalogueSeed)) throw new Error('--seed and --catalogue-seed: whole numbers');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values['effective-date'])) throw new Error('--effective-date: YYYY-MM-DD');
  const text = generateGmr({ rows, seed, effectiveDate: values['effective-date'], catalogueSeed });
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
