// The workload file k6 reads (persons count and personas) and the personas
// themselves, from the fixture every seeded dataset contains.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/federation.mjs';

/** The synthetic personas (test/fixtures/personas.json). */
export function loadPersonas() {
  return JSON.parse(readFileSync(join(ROOT, 'test/fixtures/personas.json'), 'utf8')).personas;
}

/** Writes `<dir>/workload-<persons>.json` for the k6 script and returns its path. */
export function writeWorkload(dir, { persons, personas }) {
  const path = join(dir, `workload-${persons}.json`);
  writeFileSync(path, JSON.stringify({ persons, personas }));
  return path;
}
