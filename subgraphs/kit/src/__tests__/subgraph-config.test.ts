import { describe, expect, it } from 'vitest';
import { DEV_CONTEXT_SECRET, readSubgraphConfig, runsInProduction } from '../config/subgraph-config';

describe('production is the default', () => {
  it.each([
    [undefined, true],
    ['production', true],
    ['staging', true],
    ['', true],
    ['development', false],
    ['test', false],
  ])('NODE_ENV %s runs as production: %s', (nodeEnv, production) => {
    expect(runsInProduction(nodeEnv)).toBe(production);
  });

  it('refuses to start a subgraph without its own secret when NODE_ENV is unset', () => {
    expect(() => readSubgraphConfig('providers', {}, { port: 4102 })).toThrowError(/GATEWAY_CONTEXT_SECRET must be set in production/);
  });

  it('refuses the development secret set explicitly in production', () => {
    expect(() =>
      readSubgraphConfig('providers', { NODE_ENV: 'production', GATEWAY_CONTEXT_SECRET: DEV_CONTEXT_SECRET }, { port: 4102 }),
    ).toThrowError(/not to the development secret/);
  });

  it('takes the development secret in development', () => {
    const config = readSubgraphConfig('providers', { NODE_ENV: 'development' }, { port: 4102 });
    expect(config.production).toBe(false);
    expect(config.contextSecret.toString()).toBe(DEV_CONTEXT_SECRET);
  });
});
