import { selectedFields, type FieldUsage } from '../../supergraph/field-usage';
import type { GraphQLStep } from '../steps';

/**
 * Counts the fields a validated operation selected, in memory (one map
 * increment: the fields are read once per parsed document); the counts reach
 * the registry's database later, off the request path. The registry lets a
 * breaking change through on a field no gateway counted.
 */
export function countFieldUsage(usage: FieldUsage): GraphQLStep {
  return {
    willSendResponse({ document, schema, operation }) {
      if (document && operation) usage.count(selectedFields(schema, document));
    },
  };
}
