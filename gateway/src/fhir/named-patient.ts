import { recogniseNationalId } from '@cmb/kit';
import { REQUEST_BOUNDS } from './read-eligibility-request';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first national id among some identifiers (within the request's bounds), normalised, or null. */
function nationalIdAmong(identifiers: unknown): string | null {
  const list = Array.isArray(identifiers) ? identifiers.slice(0, REQUEST_BOUNDS.identifiers) : [identifiers];
  for (const identifier of list) {
    const value = isObject(identifier) ? identifier.value : undefined;
    if (typeof value !== 'string' || value.length > REQUEST_BOUNDS.text) continue;
    const recognised = recogniseNationalId(value.trim());
    if (recognised) return recognised.value;
  }
  return null;
}

/**
 * The national id a CoverageEligibilityRequest names for its patient, read
 * as far as the body allows (the patient reference's own identifier, or
 * that of the contained resource it names), whatever else is wrong with the
 * request; null when none can be read. For the audit of a request refused at
 * the edge, so that an officer searching the person finds the refusal as on
 * `/graphql`.
 */
export function namedPatient(body: unknown): string | null {
  if (!isObject(body) || !isObject(body.patient)) return null;
  const { reference, identifier } = body.patient;
  if (identifier !== undefined) return nationalIdAmong(identifier);
  if (typeof reference !== 'string' || !reference.startsWith('#') || !Array.isArray(body.contained)) return null;
  const target = body.contained.slice(0, REQUEST_BOUNDS.contained).find((entry) => isObject(entry) && entry.id === reference.slice(1));
  return isObject(target) ? nationalIdAmong(target.identifier) : null;
}
