import { createHash } from 'node:crypto';
import regimesData from '../reference-data/regimes.json';
import regionsData from '../reference-data/regions.json';
import { FAMILY_NAMES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from './names';
import { Prng } from './prng';

/** Role of a person in an affiliation. */
export type AffiliationRole = 'INSURED' | 'SPOUSE' | 'CHILD';

/** Rights state of a generated affiliation. */
export type SyntheticRights = 'OPEN' | 'CLOSED' | 'SUSPENDED';

/** One generated person with every attribute any subgraph's seed needs. */
export interface SyntheticPerson {
  index: number;
  nationalId: string;
  personRef: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: 'F' | 'M';
  region: string;
  role: AffiliationRole;
  /** National id of the insured the person depends on (itself for an insured). */
  insuredNationalId: string;
  organism: string;
  regime: string;
  memberNumber: string;
  rights: SyntheticRights;
  validFrom: string;
  validUntil: string | null;
  /** Long-term illness code when the person has one (about 3.25% of people, seeds/001_225b0d72771d4c3f.txt:L555). */
  aldCode: string | null;
}

/** Options of the generator. */
export interface PopulationOptions {
  persons: number;
  seed?: number;
  /** ALD codes to draw from, from the care-pathways reference list. */
  aldCodes?: readonly string[];
}

/** Weights of the synthetic dataset; the seeds give no per-regime or per-status counts. */
const SHARES = {
  rights: { OPEN: 93, CLOSED: 5, SUSPENDED: 2 },
  spouse: 0.55,
  aldPrevalence: 0.0325,
  childrenMax: 4,
};

const REGIME_WEIGHTS = Object.fromEntries(regimesData.regimes.filter((r) => r.share > 0).map((r) => [r.code, r.share])) as Record<
  string,
  number
>;
const ORGANISM_OF = Object.fromEntries(regimesData.regimes.map((r) => [r.code, r.organism])) as Record<string, string>;
const REGION_WEIGHTS = Object.fromEntries(regionsData.regions.map((r) => [r.code, r.share])) as Record<string, number>;

/** Generated national ids: a `Z` then a letter A..Y then six digits; `ZZ` is kept for the personas. */
export function syntheticNationalId(index: number): string {
  const block = Math.floor(index / 1_000_000);
  if (block > 24) throw new Error('synthetic national ids are limited to 25 million persons');
  return `Z${String.fromCharCode(65 + block)}${String(index % 1_000_000).padStart(6, '0')}`;
}

/**
 * The opaque person reference that subgraphs share as the federation key of
 * a person. For synthetic data it is derived from the synthetic national id so
 * every subgraph's seed agrees without reading another's tables; a real
 * registry assigns random references.
 */
export function syntheticPersonRef(nationalId: string): string {
  return syntheticUuid('person', nationalId);
}

/** A deterministic UUID-shaped id for a synthetic row, from a namespace and key parts. */
export function syntheticUuid(namespace: string, ...parts: string[]): string {
  const hex = createHash('sha256')
    .update(`cmb-synthetic-${namespace}:${parts.join('|')}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function randomDate(prng: Prng, fromYear: number, toYear: number): string {
  return isoDate(prng.int(fromYear, toYear), prng.int(1, 12), prng.int(1, 28));
}

interface Household {
  organism: string;
  regime: string;
  region: string;
  lastName: string;
  memberNumber: string;
  rights: SyntheticRights;
  validFrom: string;
  validUntil: string | null;
}

/**
 * Generates a deterministic synthetic population, household by household
 * (an insured, maybe a spouse, some children), lazily: a million persons
 * stream without being held in memory.
 */
export function* generatePopulation(options: PopulationOptions): Generator<SyntheticPerson> {
  const prng = new Prng(options.seed ?? 20260302);
  const aldCodes = options.aldCodes ?? [];
  let index = 0;
  let householdNumber = 0;
  const person = (
    household: Household,
    role: AffiliationRole,
    insuredNationalId: string | null,
    birthYears: [number, number],
    sex: 'F' | 'M',
  ): SyntheticPerson => {
    const nationalId = syntheticNationalId(index);
    const result: SyntheticPerson = {
      index,
      nationalId,
      personRef: syntheticPersonRef(nationalId),
      firstName: prng.pick(sex === 'F' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
      lastName: household.lastName,
      birthDate: randomDate(prng, birthYears[0], birthYears[1]),
      sex,
      region: household.region,
      role,
      insuredNationalId: insuredNationalId ?? nationalId,
      organism: household.organism,
      regime: household.regime,
      memberNumber: household.memberNumber,
      rights: household.rights,
      validFrom: household.validFrom,
      validUntil: household.validUntil,
      aldCode: null,
    };
    // Two draws whatever the list, so every subgraph's seed walks the same sequence.
    const hasAld = prng.chance(SHARES.aldPrevalence);
    const aldDraw = prng.next();
    if (hasAld && aldCodes.length > 0) result.aldCode = aldCodes[Math.floor(aldDraw * aldCodes.length)] ?? null;
    index += 1;
    return result;
  };
  while (index < options.persons) {
    householdNumber += 1;
    const regime = prng.weighted(REGIME_WEIGHTS);
    const rights = prng.weighted(SHARES.rights);
    const household: Household = {
      regime,
      organism: ORGANISM_OF[regime] ?? 'CNSS',
      region: prng.weighted(REGION_WEIGHTS),
      lastName: prng.pick(FAMILY_NAMES),
      memberNumber: `${(ORGANISM_OF[regime] ?? 'X').slice(0, 2)}${String(householdNumber).padStart(10, '0')}`,
      rights,
      validFrom: regime === 'AMO_TADAMON' ? '2022-12-01' : randomDate(prng, 2006, 2025),
      validUntil: rights === 'CLOSED' ? randomDate(prng, 2023, 2025) : null,
    };
    const student = regime === 'AMO_ETUDIANTS';
    const insuredSex = prng.chance(0.5) ? 'F' : 'M';
    const insured = person(household, 'INSURED', null, student ? [2001, 2007] : [1950, 2004], insuredSex);
    yield insured;
    if (student) continue;
    if (index < options.persons && prng.chance(SHARES.spouse)) {
      yield person(household, 'SPOUSE', insured.nationalId, [1952, 2004], insuredSex === 'F' ? 'M' : 'F');
    }
    const children = prng.int(0, SHARES.childrenMax);
    for (let child = 0; child < children && index < options.persons; child += 1) {
      yield person(household, 'CHILD', insured.nationalId, [2002, 2025], prng.chance(0.5) ? 'F' : 'M');
    }
  }
}
