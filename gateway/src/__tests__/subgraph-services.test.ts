import { buildSchema } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { SubgraphDataSource } from '../datasources/subgraph-data-source';
import { SubgraphServices } from '../supergraph/subgraph-services';
import type { SupergraphGeneration } from '../supergraph/supergraph-generation';
import { SupergraphGenerations } from '../supergraph/supergraph-generations';

/** A generation as far as the swap reads it (a schema of its own). */
const generation = (field: string) => ({ schema: buildSchema(`type Query { ${field}: Int }`), sdl: '' }) as unknown as SupergraphGeneration;

describe("the subgraphs' data sources across supergraphs", () => {
  it("forget every subgraph's shared answers when a new supergraph is served", () => {
    const forgotten: string[] = [];
    const services = new SubgraphServices(
      (name) => ({ forgetSharedAnswers: vi.fn(() => forgotten.push(name)) }) as unknown as SubgraphDataSource,
      {},
    );
    services.get('providers', 'http://127.0.0.1:4102/graphql');
    services.get('beneficiaries', 'http://127.0.0.1:4101/graphql');
    const generations = new SupergraphGenerations(generation('a'));
    services.forgetSharedAnswersOnChange(generations);
    expect(forgotten).toEqual([]);
    generations.swap(generation('b'));
    expect(forgotten.sort()).toEqual(['beneficiaries', 'providers']);
  });
});
