import { inject } from 'vitest';
import { startFhirValidator } from '../../scripts/lib/fhir-validator.mjs';

export { at, listAt } from './json-path';

/** A FHIR resource as the tests read it. */
export type FhirJson = Record<string, unknown> & { resourceType: string };

/** A FHIR answer: status, headers, the resource. */
export interface FhirAnswer {
  status: number;
  headers: Headers;
  body: FhirJson;
}

/** The FHIR base of a gateway, from its `/graphql` URL. */
export function fhirBase(gatewayUrl: string = inject('gatewayUrl')): string {
  return gatewayUrl.replace(/\/graphql$/, '/fhir/r4');
}

/** Sends a request to the facade and reads its JSON answer. */
export async function fhirFetch(url: string, init: RequestInit = {}): Promise<FhirAnswer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as FhirJson };
}

/** POSTs a resource to a path of the facade. */
export function postFhir(path: string, resource: unknown, headers: Record<string, string> = {}, base = fhirBase()): Promise<FhirAnswer> {
  return fhirFetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json', ...headers },
    body: JSON.stringify(resource),
  });
}

/** One issue the HAPI FHIR validator found. */
export interface ValidationIssue {
  severity: string;
  location: string;
  message: string;
}

/** The HAPI FHIR validator, one process for a test file. */
export interface FhirValidator {
  validate(resource: unknown): Promise<{ errors: number; warnings: number; issues: ValidationIssue[] }>;
  stop(): Promise<void>;
}

/** Starts the HAPI FHIR validator (resolved and compiled on first use; see scripts/lib/fhir-validator.mjs). */
export function startValidator(): Promise<FhirValidator> {
  return startFhirValidator({ log: () => undefined }) as Promise<FhirValidator>;
}

/** The issues of severity error or fatal, for a readable failure. */
export function errorsOf(result: { issues: ValidationIssue[] }): ValidationIssue[] {
  return result.issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
}
