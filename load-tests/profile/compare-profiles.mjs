// `node load-tests/profile/compare-profiles.mjs BEFORE.json AFTER.json`:
// prints the before/after table of two `npm run profile` reports
// (load-tests/results/profile-*.json).
import { readFileSync } from 'node:fs';
import { compareProfiles } from './profile-diff.mjs';

const USAGE = 'usage: node load-tests/profile/compare-profiles.mjs BEFORE.json AFTER.json';

const paths = process.argv.slice(2);
if (paths.length !== 2 || paths.some((p) => p === '-h' || p === '--help')) {
  console.error(USAGE);
  process.exit(2);
}
try {
  const [before, after] = paths.map((path) => JSON.parse(readFileSync(path, 'utf8')));
  console.log(compareProfiles(before, after));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(1);
}
