import { FAMILY_NAMES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, Prng, REGIONS, type SeedOptions } from '@cmb/kit';
import synthetic from '../reference-data/synthetic-registry.json';
import { categorySectorWeights, kindOfCategory, SPECIALTIES } from '../rules/provider-categories';

/** A generated convention with one OG. */
export interface SyntheticConvention {
  organism: string;
  validFrom: string;
  validUntil: string | null;
  paymentMode: 'TIERS_PAYANT' | 'DIRECT';
}

/** One generated registry entry with its conventions. */
export interface SyntheticProvider {
  index: number;
  inpe: string;
  kind: string;
  category: string;
  specialty: string | null;
  name: string;
  sector: 'PUBLIC' | 'PRIVATE';
  region: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  activeFrom: string;
  activeUntil: string | null;
  conventions: SyntheticConvention[];
}

/** A generated attachment of a professional to an establishment. */
export interface SyntheticAttachment {
  professionalInpe: string;
  establishmentInpe: string;
  validFrom: string;
  validUntil: string | null;
}

/** First number of generated codes (`ZZP10000`); lower codes are kept for the personas. */
const FIRST_GENERATED = 10_000;
/** Last number of generated codes (`ZZP98999`); higher codes are kept for the personas (ZZP99999). */
const LAST_GENERATED = 98_999;
/** Offsets the generator seeds so the registry does not walk the population's sequence. */
const PROVIDERS_STREAM = 0x1e9e;
const ATTACHMENTS_STREAM = 0xa77a;

const CATEGORY_WEIGHTS = categorySectorWeights();
const REGION_WEIGHTS = Object.fromEntries(REGIONS.regions.map((r) => [r.code, r.share])) as Record<string, number>;
const STATUS_WEIGHTS = synthetic.statusShares;

/**
 * How many providers to generate for a population: the registry's 55,737
 * codes for about 30 million covered persons (seeds/001_225b0d72771d4c3f.txt:L917),
 * at least 500, at most what the synthetic code range holds.
 */
export function syntheticProviderCount(persons: number): number {
  const { providers, persons: reference, minimum } = synthetic.providersPerPerson;
  const count = Math.max(minimum, Math.round((persons * providers) / reference));
  return Math.min(count, LAST_GENERATED - FIRST_GENERATED + 1);
}

/** The synthetic INPE of the i-th generated provider. */
export function syntheticInpe(index: number): string {
  return `ZZP${String(FIRST_GENERATED + index).padStart(5, '0')}`;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function randomDate(prng: Prng, fromYear: number, toYear: number): string {
  return isoDate(prng.int(fromYear, toYear), prng.int(1, 12), prng.int(1, 28));
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** A synthetic name for a provider of a category, from the kit's synthetic name lists. */
function syntheticName(prng: Prng, category: string): string {
  const last = prng.pick(FAMILY_NAMES);
  const female = category === 'MIDWIFE' || prng.chance(0.5);
  const first = prng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  switch (category) {
    case 'PHARMACY':
      return `Pharmacie ${last}`;
    case 'CLINIC':
      return `Clinique ${last}`;
    case 'LABORATORY':
      return `Laboratoire ${last}`;
    case 'IMAGING_CENTRE':
      return `Centre d'imagerie ${last}`;
    case 'PUBLIC_HOSPITAL':
      return `Hopital ${last}`;
    case 'HEALTH_CENTRE':
      return `Centre de sante ${last}`;
    case 'GENERAL_PRACTITIONER':
    case 'SPECIALIST':
    case 'DENTIST':
    case 'BIOLOGIST':
      return `Dr ${first} ${last}`;
    default:
      return `${first} ${last}`;
  }
}

/** Conventions of a generated provider: most private providers, public establishments, per OG (synthetic shares). */
function syntheticConventions(prng: Prng, provider: Omit<SyntheticProvider, 'conventions'>): SyntheticConvention[] {
  const conventions: SyntheticConvention[] = [];
  for (const rule of synthetic.conventions.organisms) {
    const share = provider.sector === 'PRIVATE' ? rule.privateShare : provider.kind === 'ESTABLISHMENT' ? rule.publicEstablishmentShare : 0;
    const adheres = prng.chance(share);
    const tiersPayant = synthetic.conventions.tiersPayantCategories.includes(provider.category) || prng.chance(rule.tiersPayantShare);
    const validFrom = later(provider.activeFrom, rule.since);
    if (!adheres || (provider.activeUntil !== null && provider.activeUntil < validFrom)) continue;
    conventions.push({
      organism: rule.organism,
      validFrom,
      validUntil: provider.activeUntil,
      paymentMode: tiersPayant ? 'TIERS_PAYANT' : 'DIRECT',
    });
  }
  return conventions;
}

/**
 * Generates the synthetic INPE registry, lazily and deterministically: the
 * category mix of the registry (seeds/001_225b0d72771d4c3f.txt:L895-L911),
 * regions weighted as the kit's region list, about 95% of codes active.
 */
export function* generateProviders(options: SeedOptions): Generator<SyntheticProvider> {
  const prng = new Prng((options.seed ^ PROVIDERS_STREAM) >>> 0);
  const count = syntheticProviderCount(options.persons);
  const [fromYear, toYear] = synthetic.activeFromYears as [number, number];
  const [closedFromYear, closedToYear] = synthetic.closedUntilYears as [number, number];
  for (let index = 0; index < count; index += 1) {
    const [category = 'GENERAL_PRACTITIONER', sector = 'PRIVATE'] = prng.weighted(CATEGORY_WEIGHTS).split('|');
    const region = prng.weighted(REGION_WEIGHTS);
    const specialty = category === 'SPECIALIST' ? prng.pick(SPECIALTIES) : null;
    const name = syntheticName(prng, category);
    const status = prng.weighted(STATUS_WEIGHTS) as SyntheticProvider['status'];
    const activeFrom = randomDate(prng, fromYear, toYear);
    const closedOn = randomDate(prng, Math.max(closedFromYear, Number(activeFrom.slice(0, 4))), closedToYear);
    const provider = {
      index,
      inpe: syntheticInpe(index),
      kind: kindOfCategory(category) ?? 'PROFESSIONAL',
      category,
      specialty,
      name,
      sector: sector as SyntheticProvider['sector'],
      region,
      status,
      activeFrom,
      activeUntil: status === 'CLOSED' ? later(closedOn, activeFrom) : null,
    };
    yield { ...provider, conventions: syntheticConventions(prng, provider) };
  }
}

/**
 * Attaches some generated professionals to an establishment of their sector,
 * in their region when there is one (synthetic shares). A first pass keeps
 * only the few establishments that take attachments in memory.
 */
export function* generateAttachments(options: SeedOptions): Generator<SyntheticAttachment> {
  const rules = synthetic.attachments;
  const hosts = rules.establishments as Record<string, string[]>;
  const byPlace = new Map<string, { inpe: string; activeFrom: string }[]>();
  for (const provider of generateProviders(options)) {
    if (provider.status !== 'ACTIVE' || !hosts[provider.sector]?.includes(provider.category)) continue;
    for (const place of [`${provider.sector}|${provider.region}`, provider.sector]) {
      const list = byPlace.get(place) ?? [];
      list.push({ inpe: provider.inpe, activeFrom: provider.activeFrom });
      byPlace.set(place, list);
    }
  }
  const prng = new Prng((options.seed ^ ATTACHMENTS_STREAM) >>> 0);
  for (const provider of generateProviders(options)) {
    if (!rules.categories.includes(provider.category)) continue;
    const attached = prng.chance(provider.sector === 'PUBLIC' ? rules.publicShare : rules.privateShare);
    const draw = prng.next();
    const candidates = byPlace.get(`${provider.sector}|${provider.region}`) ?? byPlace.get(provider.sector) ?? [];
    const host = candidates[Math.floor(draw * candidates.length)];
    if (!attached || !host) continue;
    const validFrom = later(provider.activeFrom, host.activeFrom);
    if (provider.activeUntil !== null && provider.activeUntil < validFrom) continue;
    yield { professionalInpe: provider.inpe, establishmentInpe: host.inpe, validFrom, validUntil: provider.activeUntil };
  }
}
