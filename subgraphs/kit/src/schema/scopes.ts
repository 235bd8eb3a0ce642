import { Directive } from 'type-graphql';
import { PURPOSES, type Purpose } from './purposes';

export { PURPOSES, type Purpose };

/**
 * Sensitivity classes of personal data (law 09-08, CNDP): who a person is
 * (IDENTITY), their rights with an OG (COVERAGE), their health (HEALTH, a
 * sensitive category), and professionals' personal data in the INPE registry
 * (PROFESSIONAL).
 */
export const SENSITIVITIES = ['IDENTITY', 'COVERAGE', 'HEALTH', 'PROFESSIONAL'] as const;

/** One class of {@link SENSITIVITIES}. */
export type Sensitivity = (typeof SENSITIVITIES)[number];

/**
 * The URL under which `@scopes`, `@public` and the `Sensitivity` enum are
 * linked into every subgraph (v0.2: `sensitivity` and `@public` added).
 */
export const SCOPES_SPEC_URL = 'https://specs.cmb.ma/scopes/v0.2';

/** What every subgraph imports from {@link SCOPES_SPEC_URL}; the directives are also composed into the supergraph. */
export const SCOPES_SPEC_IMPORTS = ['@scopes', '@public', 'Sensitivity'] as const;

/** SDL of the `Sensitivity` enum, the class a `@scopes` gives its field or type. */
export const SENSITIVITY_ENUM_SDL = `enum Sensitivity { ${SENSITIVITIES.join(' ')} }`;

/**
 * SDL of the `@scopes` directive: the field (or every field returning the
 * type) is served to a token holding any one of the purposes; `sensitivity`
 * classifies the data (a field without one inherits its type's).
 */
export const SCOPES_DIRECTIVE_SDL =
  'directive @scopes(anyOf: [String!]!, sensitivity: Sensitivity) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM';

/**
 * SDL of the `@public` directive: the field or type holds no personal data
 * and adds no purpose of its own (reference data, bookkeeping); the reason
 * says why.
 */
export const PUBLIC_DIRECTIVE_SDL = 'directive @public(reason: String!) on FIELD_DEFINITION | OBJECT | INTERFACE';

/** The whole classification vocabulary, as every subgraph declares it. */
export const CLASSIFICATION_SDL = [SENSITIVITY_ENUM_SDL, SCOPES_DIRECTIVE_SDL, PUBLIC_DIRECTIVE_SDL].join('\n');

/** Options form of {@link Scopes}. */
export interface ScopesOptions {
  /** Purposes of which any one opens the field. */
  anyOf: readonly [Purpose, ...Purpose[]];
  /** Class of the personal data; a field without one inherits its type's. */
  sensitivity?: Sensitivity;
}

/**
 * Marks a field or type as personal data readable only under one of the given
 * purposes, with its sensitivity class: `Scopes({ anyOf: ['pathway:read'],
 * sensitivity: 'HEALTH' })`, or `Scopes('pathway:read')` for a field that
 * inherits its type's class. Composed into the supergraph (`@composeDirective`),
 * enforced by the gateway and again by the subgraph.
 */
export function Scopes(options: ScopesOptions): MethodDecorator & PropertyDecorator & ClassDecorator;
export function Scopes(...anyOf: [Purpose, ...Purpose[]]): MethodDecorator & PropertyDecorator & ClassDecorator;
export function Scopes(...args: [ScopesOptions] | [Purpose, ...Purpose[]]): MethodDecorator & PropertyDecorator & ClassDecorator {
  const first = args[0];
  const options: ScopesOptions = typeof first === 'string' ? { anyOf: args as [Purpose, ...Purpose[]] } : first;
  for (const purpose of options.anyOf) {
    if (!(PURPOSES as readonly string[]).includes(purpose)) throw new Error(`@scopes: unknown purpose ${JSON.stringify(purpose)}`);
  }
  if (options.sensitivity !== undefined && !(SENSITIVITIES as readonly string[]).includes(options.sensitivity)) {
    throw new Error(`@scopes: unknown sensitivity ${JSON.stringify(options.sensitivity)}`);
  }
  const list = options.anyOf.map((purpose) => JSON.stringify(purpose)).join(', ');
  const sensitivity = options.sensitivity ? `, sensitivity: ${options.sensitivity}` : '';
  return Directive(`@scopes(anyOf: [${list}]${sensitivity})`);
}

/**
 * Marks a field or type as explicitly open to any authenticated client that
 * reaches it: no personal data, no purpose of its own (reference data such as
 * the GMR, the ALD list, protocols, document types). The reason is kept in
 * the schema for reviewers.
 */
export function Public(reason: string): MethodDecorator & PropertyDecorator & ClassDecorator {
  if (reason.trim() === '') throw new Error('@public needs a reason');
  return Directive(`@public(reason: ${JSON.stringify(reason)})`);
}
