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
import { PERSONAL_ARGUMENT_NAMES } from '../../personal-arguments';
import type { GraphQLStep } from '../steps';

/** True when an input type holds, at any depth, a field named as personal data. */
function carriesPersonalData(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => PERSONAL_ARGUMENT_NAMES.has(field.name) || carriesPersonalData(field.type, seen));
}

/** True when the operation passes personal data in any argument. */
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
    }),
  );
  return found;
}

/**
 * Refuses over GET any operation whose arguments carry a national id, with a
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
      if (personal) throw refusal('PERSONAL_DATA_OVER_GET', {}, { language: contextValue.language, headers: { allow: 'POST' } });
    },
  };
}
