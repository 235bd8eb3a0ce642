/**
 * The few FHIR R4 JSON shapes the facade reads and writes, as plain types:
 * only the elements it uses. A resource is JSON; nothing here parses.
 */

/** A FHIR `Coding`. */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

/** A FHIR `CodeableConcept`. */
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

/** A FHIR `Identifier`. */
export interface Identifier {
  system?: string;
  value?: string;
  type?: CodeableConcept;
  assigner?: Reference;
}

/** A FHIR `Reference`: a literal one (`#id` for a contained resource), a logical one (identifier), or a display. */
export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

/** A FHIR `Extension` with the value types the facade writes. */
export interface Extension {
  url: string;
  valueCoding?: Coding;
  valueCodeableConcept?: CodeableConcept;
}

/** Any FHIR resource as JSON. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  [element: string]: unknown;
}

/** The media type of every answer of the facade (JSON only). */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
