import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { renderMessage } from '@cmb/kit';
import {
  GraphQLError,
  getNamedType,
  isInputObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { GatewayContext } from './gateway-context';

/** Argument and input field names that carry a person's identifier. */
export const PERSONAL_ARGUMENT_NAMES = new Set(['nationalId', 'insuredNationalId']);

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
 * message to use POST: an identifier must never sit in a URL or an access log.
 */
export function usePersonalDataOverGet(): ApolloServerPlugin<GatewayContext> {
  const verdicts = new WeakMap<DocumentNode, boolean>();
  return {
    async requestDidStart({ request }) {
      if (request.http?.method !== 'GET') return;
      return {
        async didResolveOperation({ document, schema }) {
          let personal = verdicts.get(document);
          if (personal === undefined) {
            personal = operationCarriesPersonalData(schema, document);
            verdicts.set(document, personal);
          }
          if (!personal) return;
          throw new GraphQLError(renderMessage('PERSONAL_DATA_OVER_GET'), {
            extensions: {
              code: 'METHOD_NOT_ALLOWED',
              reason: 'PERSONAL_DATA_OVER_GET',
              http: { status: 405, headers: new HeaderMap([['allow', 'POST']]) },
            },
          });
        },
      };
    },
  };
}
