import { CareType, inpeForm, isInpe, nationalIdForm, recogniseNationalId, refusal, type Language } from '@cmb/kit';
import type { GraphQLError } from 'graphql';
import { CODE_SYSTEMS, IDENTIFIER_SYSTEMS, PERSON_IDENTIFIER_SCHEMES } from './systems';

/** FHIR's own purposes of an eligibility request that this facade serves (not the token's data-protection purpose). */
export const SERVED_PURPOSES = ['validation', 'benefits'] as const;

/** A served FHIR purpose: `validation` (is the coverage in force) or `benefits` (what it gives). */
export type EligibilityPurpose = (typeof SERVED_PURPOSES)[number];

/** What a CoverageEligibilityRequest asks, once read and checked: the graph's eligibility input and what the answer echoes. */
export interface EligibilityRequest {
  /** The graph's `EligibilityInput`. */
  input: { nationalId: string; providerInpe: string; date?: string; careType?: CareType };
  purposes: EligibilityPurpose[];
  /** The patient's identifier as sent (system and value, normalised). */
  patient: { system: string; value: string };
  /** The provider's INPE identifier and the resource type that carried it, when known. */
  provider: { value: string; type: 'Practitioner' | 'Organization' | 'PractitionerRole' | null };
}

/** Bounds of a request's lists: one check per request, so a few entries are all it ever needs. */
export const REQUEST_BOUNDS = { contained: 4, identifiers: 8, purposes: 4, items: 8, codings: 8, text: 128 } as const;

const ROOT = 'CoverageEligibilityRequest';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** FHIR R4 `dateTime` (with a time, a zone is required). */
const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const CONTAINED_PROVIDER_TYPES = new Set(['Practitioner', 'Organization', 'PractitionerRole']);
const CARE_TYPES = new Set<string>(Object.values(CareType));

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for a real calendar day written YYYY-MM-DD. */
function isCalendarDay(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/**
 * Reads a parsed JSON body as a FHIR R4 CoverageEligibilityRequest and
 * checks it at the edge: resource type, the elements R4 requires (status,
 * purpose, patient, created, insurer), the declared identifier systems and
 * the forms of their values, the day of care, one kind of care, and bounded
 * lists. A Bundle is refused as not served. Each refusal is a
 * `BAD_USER_INPUT` error naming the element path (`extensions.fhirPath`),
 * never the value sent.
 */
export function readEligibilityRequest(body: unknown, language: Language): EligibilityRequest {
  const invalid = (path: string, expected: string): GraphQLError =>
    refusal('FHIR_ELEMENT_INVALID', { path, expected }, { language, extensions: { fhirPath: path } });
  const required = (path: string): GraphQLError => refusal('FHIR_ELEMENT_REQUIRED', { path }, { language, extensions: { fhirPath: path } });
  const list = (value: unknown, path: string, max: number): unknown[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw invalid(path, 'array');
    if (value.length > max) throw invalid(`${path}[${max}]`, `≤ ${max}`);
    return value;
  };
  const text = (value: unknown, path: string): string => {
    if (typeof value !== 'string' || value.trim() === '') throw invalid(path, 'string');
    if (value.length > REQUEST_BOUNDS.text) throw invalid(path, `≤ ${REQUEST_BOUNDS.text}`);
    return value.trim();
  };

  if (!isObject(body)) throw refusal('FHIR_JSON_MALFORMED', {}, { language });
  if (body.resourceType === 'Bundle') throw refusal('FHIR_BUNDLE_NOT_SERVED', {}, { language, extensions: { fhirPath: 'Bundle' } });
  if (body.resourceType !== ROOT) throw invalid(`${ROOT}.resourceType`, ROOT);

  if (body.status === undefined) throw required(`${ROOT}.status`);
  if (body.status !== 'active') throw invalid(`${ROOT}.status`, 'active');

  const purposes = list(body.purpose, `${ROOT}.purpose`, REQUEST_BOUNDS.purposes);
  if (purposes.length === 0) throw required(`${ROOT}.purpose`);
  purposes.forEach((purpose, index) => {
    if (!SERVED_PURPOSES.includes(purpose as EligibilityPurpose)) throw invalid(`${ROOT}.purpose[${index}]`, SERVED_PURPOSES.join(' | '));
  });

  if (body.created === undefined) throw required(`${ROOT}.created`);
  if (typeof body.created !== 'string' || !DATE_TIME.test(body.created)) throw invalid(`${ROOT}.created`, 'dateTime');
  if (body.insurer === undefined) throw required(`${ROOT}.insurer`);
  if (!isObject(body.insurer)) throw invalid(`${ROOT}.insurer`, 'Reference');

  let date: string | undefined;
  if (body.servicedPeriod !== undefined) throw invalid(`${ROOT}.servicedPeriod`, 'servicedDate');
  if (body.servicedDate !== undefined) {
    if (typeof body.servicedDate !== 'string' || !isCalendarDay(body.servicedDate)) throw invalid(`${ROOT}.servicedDate`, 'YYYY-MM-DD');
    date = body.servicedDate;
  }

  const contained = list(body.contained, `${ROOT}.contained`, REQUEST_BOUNDS.contained);
  /** The contained resource a literal reference names, with its index; the reference must be local (`#id`). */
  const resolve = (reference: unknown, path: string, types: ReadonlySet<string>): { resource: Json; type: string; path: string } => {
    if (typeof reference !== 'string' || !reference.startsWith('#')) throw invalid(`${path}.reference`, '#id');
    const index = contained.findIndex((entry) => isObject(entry) && entry.id === reference.slice(1));
    const resource = contained[index];
    if (!isObject(resource)) throw invalid(`${path}.reference`, 'contained');
    // A type checked before use: `String()` of an object sent as the type would run (and throw) in its place.
    if (typeof resource.resourceType !== 'string' || !types.has(resource.resourceType))
      throw invalid(`${ROOT}.contained[${index}].resourceType`, [...types].join(' | '));
    return { resource, type: resource.resourceType, path: `${ROOT}.contained[${index}]` };
  };
  /** The identifiers of a reference: those of the contained resource it names, or its own logical identifier. */
  const identifiersOf = (reference: Json, path: string, types: ReadonlySet<string>) => {
    if (reference.reference !== undefined) {
      const target = resolve(reference.reference, path, types);
      const identifiers = list(target.resource.identifier, `${target.path}.identifier`, REQUEST_BOUNDS.identifiers);
      if (identifiers.length === 0) throw required(`${target.path}.identifier`);
      return {
        type: target.type,
        identifiers: identifiers.map((identifier, index) => ({ identifier, path: `${target.path}.identifier[${index}]` })),
      };
    }
    if (reference.identifier === undefined) throw required(`${path}.identifier`);
    return {
      type: typeof reference.type === 'string' ? reference.type : null,
      identifiers: [{ identifier: reference.identifier, path: `${path}.identifier` }],
    };
  };
  /** The first identifier whose system is one of the given ones, checked; else the path of the first system, wrong. */
  const pick = (entries: { identifier: unknown; path: string }[], systems: readonly string[]) => {
    for (const { identifier, path } of entries) {
      if (!isObject(identifier)) throw invalid(path, 'Identifier');
      if (typeof identifier.system === 'string' && systems.includes(identifier.system)) {
        return { system: identifier.system, value: text(identifier.value, `${path}.value`), path };
      }
    }
    throw invalid(`${entries[0]?.path ?? 'identifier'}.system`, systems.join(' | '));
  };

  if (body.patient === undefined) throw required(`${ROOT}.patient`);
  if (!isObject(body.patient)) throw invalid(`${ROOT}.patient`, 'Reference');
  const patientEntries = identifiersOf(body.patient, `${ROOT}.patient`, new Set(['Patient']));
  const patient = pick(patientEntries.identifiers, Object.keys(PERSON_IDENTIFIER_SCHEMES));
  const scheme = PERSON_IDENTIFIER_SCHEMES[patient.system] ?? '';
  const nationalId = recogniseNationalId(patient.value);
  if (nationalId?.scheme !== scheme) throw invalid(`${patient.path}.value`, nationalIdForm(scheme, language) ?? scheme);

  const providerReference = body.provider ?? body.requestor;
  if (providerReference === undefined) throw required(`${ROOT}.provider`);
  const providerPath = body.provider === undefined ? `${ROOT}.requestor` : `${ROOT}.provider`;
  if (!isObject(providerReference)) throw invalid(providerPath, 'Reference');
  const providerEntries = identifiersOf(providerReference, providerPath, CONTAINED_PROVIDER_TYPES);
  const provider = pick(providerEntries.identifiers, [IDENTIFIER_SYSTEMS.inpe]);
  if (!isInpe(provider.value)) throw invalid(`${provider.path}.value`, inpeForm(language));

  const careTypes = new Set<string>();
  list(body.item, `${ROOT}.item`, REQUEST_BOUNDS.items).forEach((item, index) => {
    const path = `${ROOT}.item[${index}]`;
    if (!isObject(item)) throw invalid(path, 'BackboneElement');
    if (item.category === undefined) return;
    if (!isObject(item.category)) throw invalid(`${path}.category`, 'CodeableConcept');
    const codings = list(item.category.coding, `${path}.category.coding`, REQUEST_BOUNDS.codings);
    const ours = codings.findIndex((coding) => isObject(coding) && coding.system === CODE_SYSTEMS.careType);
    if (ours < 0) throw invalid(`${path}.category.coding[0].system`, CODE_SYSTEMS.careType);
    const code = (codings[ours] as Json).code;
    if (typeof code !== 'string' || !CARE_TYPES.has(code))
      throw invalid(`${path}.category.coding[${ours}].code`, [...CARE_TYPES].join(' | '));
    careTypes.add(code);
    if (careTypes.size > 1) throw invalid(`${path}.category`, '≤ 1 care type');
  });

  const providerType = providerEntries.type;
  return {
    input: {
      nationalId: nationalId.value,
      providerInpe: provider.value.toUpperCase(),
      ...(date ? { date } : {}),
      ...(careTypes.size > 0 ? { careType: [...careTypes][0] as CareType } : {}),
    },
    purposes: [...new Set(purposes as EligibilityPurpose[])],
    patient: { system: patient.system, value: nationalId.value },
    provider: {
      value: provider.value.toUpperCase(),
      type: providerType && CONTAINED_PROVIDER_TYPES.has(providerType) ? (providerType as EligibilityRequest['provider']['type']) : null,
    },
  };
}
