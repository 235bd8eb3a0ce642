import { describe, expect, it } from 'vitest';
import { withNeutralOperationName } from '../subgraph-client/neutral-operation-name';

describe("the name of a plan's fetch sent to a subgraph", () => {
  const fetch = (name: string) =>
    `query ${name}($representations:[_Any!]!){_entities(representations:$representations){...on Person{longTermIllnesses{code}}}}`;

  it.each([
    ['CheckZZ000001__care_pathways__1', 'CheckID__care_pathways__1'],
    ['check_zz000001__care_pathways__1', 'check_ID__care_pathways__1'],
  ])('%s is sent as %s, the rest of the text unchanged', (name, neutral) => {
    expect(withNeutralOperationName(fetch(name), name)).toEqual({ query: fetch(neutral), operationName: neutral });
  });

  it('leaves a name without a national id, and an operation without a name, as they are', () => {
    expect(withNeutralOperationName(fetch('Check__care_pathways__1'), 'Check__care_pathways__1')).toEqual({
      query: fetch('Check__care_pathways__1'),
      operationName: 'Check__care_pathways__1',
    });
    expect(withNeutralOperationName('{ x }', undefined)).toEqual({ query: '{ x }', operationName: undefined });
  });
});
