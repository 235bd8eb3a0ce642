import { refusal } from '@cmb/kit';
import { getVariableValues } from 'graphql';
import type { GraphQLStep } from '../steps';

/**
 * Reads the operation's variables as they will run: coerced to their
 * declared types, defaults included (`getVariableValues` of graphql-js).
 * Every later step reads these, never the raw JSON, so a default value or a
 * value that fails coercion cannot slip past a check. A value that does not
 * coerce is `BAD_USER_INPUT` naming the variable, never quoting the value.
 */
export function coerceVariables(): GraphQLStep {
  return {
    didResolveOperation({ schema, operation, request, contextValue }) {
      if (!operation) return;
      const result = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
      if ('coerced' in result && result.coerced) {
        contextValue.variables = result.coerced;
        return;
      }
      const variable = operation.variableDefinitions?.find((definition) =>
        result.errors?.[0]?.message.includes(`"$${definition.variable.name.value}"`),
      );
      throw refusal(
        'INVALID_VALUE',
        { field: variable ? `$${variable.variable.name.value}` : 'variables', expected: 'the type declared in the schema' },
        { language: contextValue.language },
      );
    },
  };
}
