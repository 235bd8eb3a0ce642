import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { GatewayContext } from './gateway-context';
import type { GatewayMetrics } from './metrics-registry';

/** Root field names of an operation, validated against the schema: a bounded label set. */
function rootFieldOf(
  operation: { selectionSet: { selections: readonly { kind: string; name?: { value: string } }[] } } | undefined,
): string {
  const field = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return field?.name?.value ?? 'unknown';
}

/** Observes every operation's duration, labelled by root field and outcome code. */
export function useMetrics(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const firstError = errors?.[0] ?? body?.errors?.[0];
          const code = firstError?.extensions?.code;
          const rootField = operation ? rootFieldOf(operation) : 'invalid';
          metrics.operationDuration.observe(
            { root_field: rootField, outcome: typeof code === 'string' ? code : 'ok' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };
}
