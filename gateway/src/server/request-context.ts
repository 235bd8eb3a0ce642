import type { GatewayContext } from '../context/gateway-context';
import type { HttpExchange } from '../pipeline';

/**
 * The GraphQL context of a request the HTTP steps admitted, for `/graphql`
 * and the FHIR facade alike: the caller (with the negotiated language, in
 * which the subgraphs write their texts) and what the audit collects.
 */
export function requestContext(exchange: HttpExchange): GatewayContext {
  const caller = exchange.caller;
  if (!caller) throw new Error('the HTTP steps admitted a request without a caller');
  // The subgraphs write texts (decision reasons) in the language negotiated from Accept-Language.
  caller.language = exchange.language;
  return {
    requestId: exchange.requestId,
    language: exchange.language,
    caller,
    subgraphsCalled: new Set<string>(),
    servedPersons: new Map(),
    auditIntentId: null,
    variables: null,
    startedAt: process.hrtime.bigint(),
  };
}
