import { PURPOSES, type Caller } from '@cmb/kit';

/**
 * A caller for in-process subgraph tests, holding every purpose unless told
 * otherwise. Over HTTP, subgraphs only accept a caller the gateway signed.
 */
export function testCaller(overrides: Partial<Caller> = {}): Caller {
  return {
    clientId: 'test-suite',
    org: 'ANAM',
    orgKind: 'REGULATOR',
    purposes: [...PURPOSES],
    tokenId: 'test-token',
    userId: null,
    requestId: 'test-request',
    ...overrides,
  };
}
