import { refusal } from '@cmb/kit';
import {
  getNamedType,
  isInputObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { isNationalIdText, PERSONAL_ARGUMENT_NAMES } from '../../personal-arguments';
import type { GraphQLStep } from '../steps';
import { MAX_VARIABLES_DEPTH } from '../http/variables-depth';

/** True when an input type holds, at any depth, a field named as personal data. */
function carriesPersonalData(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => PERSONAL_ARGUMENT_NAMES.has(field.name) || carriesPersonalData(field.type, seen));
}

/** True when a value holds, at any depth, a string that is a national id, whatever the argument or field it is under. */
export function holdsNationalId(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isNationalIdText(value);
  if (value === null || typeof value !== 'object') return false;
  // Deeper than any input of the graph: refused rather than read.
  if (depth > MAX_VARIABLES_DEPTH) return true;
  return Object.entries(value).some(([key, inner]) => isNationalIdText(key) || holdsNationalId(inner, depth + 1));
}

/**
 * True when the operation passes personal data in any argument: one named
 * as such (`nationalId`), or a string written in it that is a national id,
 * whatever the argument's name (an insurer's subgraph may call it `cin`).
 */
export function operationCarriesPersonalData(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument() {
        const argument = typeInfo.getArgument();
        if (argument && (PERSONAL_ARGUMENT_NAMES.has(argument.name) || carriesPersonalData(argument.type))) found = true;
      },
      StringValue(node) {
        if (isNationalIdText(node.value)) found = true;
      },
    }),
  );
  return found;
}

/**
 * Refuses over GET any operation whose arguments or variables carry a national id, with a
 * message to use POST (405 with `Allow: POST`): an identifier must never sit
 * in a URL or an access log. Verdicts are cached per parsed document.
 */
export function refusePersonalDataOverGet(): GraphQLStep {
  const verdicts = new WeakMap<DocumentNode, boolean>();
  return {
    didResolveOperation({ request, document, schema, contextValue }) {
      if (request.http?.method !== 'GET') return;
      let personal = verdicts.get(document);
      if (personal === undefined) {
        personal = operationCarriesPersonalData(schema, document);
        verdicts.set(document, personal);
      }
      // The variables too: they sit in the URL as much as the document does.
      if (personal || holdsNationalId(request.variables))
        throw refusal('PERSONAL_DATA_OVER_GET', {}, { language: contextValue.language, headers: { allow: 'POST' } });
    },
  };
}
