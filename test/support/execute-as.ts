import type { Caller, SubgraphHandler } from '@cmb/kit';
import type { FormattedExecutionResult } from 'graphql';
import { testCaller } from './test-caller';

/**
 * Runs an operation in process on a built subgraph, as a caller holding every
 * purpose unless told otherwise (see {@link testCaller}), and returns its
 * single result. `TResult` is the shape the test reads that result as: named
 * by the test, not checked.
 */
export async function executeAs<TResult = FormattedExecutionResult>(
  subgraph: Pick<SubgraphHandler, 'apollo' | 'createContext'>,
  query: string,
  variables: Record<string, unknown> = {},
  caller: Partial<Caller> = {},
): Promise<TResult> {
  const response = await subgraph.apollo.executeOperation(
    { query, variables },
    { contextValue: subgraph.createContext(testCaller(caller)) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as TResult;
}
