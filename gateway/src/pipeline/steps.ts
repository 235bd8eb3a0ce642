import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { Caller, Language } from '@cmb/kit';
import type { GatewayContext } from '../context/gateway-context';

/** What the HTTP steps learn of a request on its way to GraphQL. */
export interface HttpExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  requestId: string;
  language: Language;
  /** Set by authentication. */
  caller: Caller | null;
  /** The request body, read by the body limit (empty for GET). */
  body: string;
}

/**
 * One step before GraphQL runs: it completes the exchange, or throws a
 * refusal (a kit `refusal`, with its HTTP status) that ends the request.
 */
export type HttpStep = (exchange: HttpExchange) => void | Promise<void>;

/** Runs the HTTP steps in their order; the first refusal stops the rest. */
export async function runHttpSteps(steps: readonly HttpStep[], exchange: HttpExchange): Promise<void> {
  for (const step of steps) await step(exchange);
}

/**
 * One step of a GraphQL operation, on the two moments the gateway acts:
 * after validation, before any subgraph is called (throw a refusal to stop
 * the operation), and before the answer leaves (read or rewrite it).
 */
export interface GraphQLStep {
  didResolveOperation?(request: GraphQLRequestContextDidResolveOperation<GatewayContext>): void | Promise<void>;
  willSendResponse?(request: GraphQLRequestContextWillSendResponse<GatewayContext>): void | Promise<void>;
}

/**
 * One Apollo plugin that runs the GraphQL steps one after the other in the
 * listed order (Apollo would start separate plugins' hooks together): a step
 * that refuses stops the steps after it, and a step reading the answer sees
 * what the steps before it made of it.
 */
export function runGraphQLSteps(steps: readonly GraphQLStep[]): ApolloServerPlugin<GatewayContext> {
  const resolving = steps.flatMap((step) => (step.didResolveOperation ? [step.didResolveOperation.bind(step)] : []));
  const sending = steps.flatMap((step) => (step.willSendResponse ? [step.willSendResponse.bind(step)] : []));
  const listener = {
    async didResolveOperation(request: GraphQLRequestContextDidResolveOperation<GatewayContext>) {
      for (const step of resolving) await step(request);
    },
    async willSendResponse(request: GraphQLRequestContextWillSendResponse<GatewayContext>) {
      for (const step of sending) await step(request);
    },
  };
  return { requestDidStart: async () => listener };
}
