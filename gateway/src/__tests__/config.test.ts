import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config';

describe('gateway configuration', () => {
  it('has working defaults', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', subgraphTimeoutMs: 2000, degradableSubgraphs: ['providers', 'care-pathways'], production: false });
    expect(config.subgraphUrls).toEqual({});
  });

  it('reads per-subgraph routes and timeouts by name', () => {
    const config = loadGatewayConfig({
      SUBGRAPH_CARE_PATHWAYS_URL: 'http://10.0.0.1:4104/graphql',
      SUBGRAPH_PROVIDERS_TIMEOUT_MS: '500',
      SUBGRAPH_TIMEOUT_MS: '1500',
    });
    expect(config.subgraphUrls).toEqual({ 'care-pathways': 'http://10.0.0.1:4104/graphql' });
    expect(config.subgraphTimeoutsMs).toEqual({ providers: 500 });
    expect(config.subgraphTimeoutMs).toBe(1500);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ SUBGRAPH_PROVIDERS_URL: 'ftp://x' }, /SUBGRAPH_PROVIDERS_URL/],
    [{ SUBGRAPH_PROVIDERS_TIMEOUT_MS: '5' }, /SUBGRAPH_PROVIDERS_TIMEOUT_MS/],
    [{ LOG_LEVEL: 'chatty' }, /LOG_LEVEL/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrowError(message);
  });
});
