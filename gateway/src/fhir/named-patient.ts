import { recogniseNationalId } from '@cmb/kit';
import { REQUEST_BOUNDS } from './read-eligibility-request';
import { PERSON_IDENTIFIER_SCHEMES } from './systems';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The patient reference's identifiers, found as the reader finds them: the contained resource a local reference names, else its own. */
function patientIdentifiers(body: Json): unknown[] {
  const patient = body.patient;
  if (!isObject(patient)) return [];
  if (patient.reference !== undefined) {
    const reference = patient.reference;
    if (typeof reference !== 'string' || !reference.startsWith('#') || !Array.isArray(body.contained)) return [];
    const target = body.contained.slice(0, REQUEST_BOUNDS.contained).find((entry) => isObject(entry) && entry.id === reference.slice(1));
    return isObject(target) && Array.isArray(target.identifier) ? target.identifier.slice(0, REQUEST_BOUNDS.identifiers) : [];
  }
  return patient.identifier === undefined ? [] : [patient.identifier];
}

/**
 * The national id a CoverageEligibilityRequest names for its patient, read
 * as the facade's reader reads it (the contained resource a local reference
 * names, else the reference's own identifier; the first identifier of a
 * national system: CIN or the social id, in the form of its scheme) but
 * whatever else is wrong with the request; null when none can be read. For
 * the audit of a request refused at the edge, so that an officer searching
 * the person finds the refusal as on `/graphql`.
 */
export function namedPatient(body: unknown): string | null {
  if (!isObject(body)) return null;
  const national = patientIdentifiers(body).find(
    (identifier) =>
      isObject(identifier) && typeof identifier.system === 'string' && Object.hasOwn(PERSON_IDENTIFIER_SCHEMES, identifier.system),
  ) as Json | undefined;
  const value = national?.value;
  if (typeof value !== 'string' || value.length > REQUEST_BOUNDS.text) return null;
  const recognised = recogniseNationalId(value.trim());
  return recognised && recognised.scheme === PERSON_IDENTIFIER_SCHEMES[national?.system as string] ? recognised.value : null;
}
