import { describe, expect, it } from 'vitest';
import { readEligibilityRequest } from '../../gateway/src/fhir/read-eligibility-request';
import { CODE_SYSTEMS, EXTENSIONS, IDENTIFIER_SYSTEMS } from '../../gateway/src/fhir/systems';
import { fhirCheck, fhirCheckUrl, fhirOutcome, FHIR_SYSTEMS, personaInput } from '../../load-tests/bench/mix.mjs';
import personasFile from '../fixtures/personas.json';

describe("the benchmark's FHIR checks", () => {
  it('name the URIs the facade publishes', () => {
    expect(FHIR_SYSTEMS).toEqual({ cin: IDENTIFIER_SYSTEMS.cin, inpe: IDENTIFIER_SYSTEMS.inpe, careType: CODE_SYSTEMS.careType });
    expect(fhirOutcome({ extension: [{ url: EXTENSIONS.eligibilityOutcome, valueCoding: { code: 'ELIGIBLE' } }] })).toBe('ELIGIBLE');
  });

  it.each(personasFile.personas.map((p) => [p.id, p] as const))('ask the facade what the GraphQL check of %s asks', (_id, persona) => {
    const input = personaInput(persona);
    expect(readEligibilityRequest(fhirCheck(input), 'fr').input).toEqual(input);
  });

  it('go to the facade of the gateway measured', () => {
    expect(fhirCheckUrl('http://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000/fhir/r4/CoverageEligibilityRequest');
  });
});
