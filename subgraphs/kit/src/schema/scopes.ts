import { Directive } from 'type-graphql';

/**
 * Purposes a client may act under. Each is an OAuth scope of the realm: a
 * token carries the purpose it was issued for (law 09-08 purpose limitation).
 */
export const PURPOSES = [
  'eligibility:check',
  'beneficiary:read',
  'beneficiary:write',
  'provider:read',
  'medicine:read',
  'pathway:read',
  'pathway:write',
  'records:read',
  'records:write',
  'records:break-glass',
  'audit:read',
  'registry:publish',
] as const;

/** One purpose of {@link PURPOSES}. */
export type Purpose = (typeof PURPOSES)[number];

/** The URL under which the `@scopes` directive is linked into every subgraph. */
export const SCOPES_SPEC_URL = 'https://specs.cmb.ma/scopes/v0.1';

/** SDL of the `@scopes` directive: the field is served to a token holding any one of the purposes. */
export const SCOPES_DIRECTIVE_SDL =
  'directive @scopes(anyOf: [String!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM';

/**
 * Marks a field or type as personal data readable only under one of the given
 * purposes. Composed into the supergraph (`@composeDirective`), enforced by the
 * gateway and again by the subgraph.
 */
export function Scopes(...anyOf: [Purpose, ...Purpose[]]): MethodDecorator & PropertyDecorator & ClassDecorator {
  const list = anyOf.map((purpose) => JSON.stringify(purpose)).join(', ');
  return Directive(`@scopes(anyOf: [${list}])`);
}
