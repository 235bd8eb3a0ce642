import { Kind } from 'graphql';
import { publicCodeOf } from '../../errors/format-gateway-error';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';
import type { GraphQLStep } from '../steps';

/** Root field names of an operation, validated against the schema: a bounded label set. */
function rootFieldOf(
  operation: { selectionSet: { selections: readonly { kind: string; name?: { value: string } }[] } } | undefined,
): string {
  const field = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return field?.name?.value ?? 'unknown';
}

/** Observes every operation's duration, labelled by root field and outcome code (the first error's, one of the catalogue's, else `ok`). */
export function observeMetrics(metrics: GatewayMetrics): GraphQLStep {
  return {
    willSendResponse({ response, operation, errors, contextValue }) {
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const firstError = errors?.[0] ?? body?.errors?.[0];
      const code = firstError?.extensions?.code;
      const rootField = operation ? rootFieldOf(operation) : 'invalid';
      metrics.operationDuration.observe(
        { root_field: rootField, outcome: firstError ? (publicCodeOf(code) ?? 'INTERNAL_SERVER_ERROR') : 'ok' },
        Number(process.hrtime.bigint() - contextValue.startedAt) / 1e9,
      );
    },
  };
}
