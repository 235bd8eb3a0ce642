import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, type BuildSchemaOptions, createResolversMap } from 'type-graphql';
import { CLASSIFICATION_SDL, SCOPES_SPEC_IMPORTS, SCOPES_SPEC_URL } from './scopes';

/** Federation directives every subgraph imports. */
const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides', '@inaccessible', '@composeDirective'];

/** Reference resolvers (`__resolveReference`) and other hand-written resolvers, per type name. */
export type ReferenceResolvers = GraphQLResolverMap<unknown>;

/** Options of {@link buildFederatedSchema}: type-graphql's, with resolvers and orphaned types explicit. */
export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  referenceResolvers?: ReferenceResolvers;
}

/** Merges reference resolvers into the resolver map built by type-graphql, type by type. */
function mergeResolvers(base: GraphQLResolverMap<unknown>, extra: ReferenceResolvers = {}): GraphQLResolverMap<unknown> {
  const merged: GraphQLResolverMap<unknown> = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) {
    merged[typeName] = { ...(base[typeName] as object), ...(fields as object) } as never;
  }
  return merged;
}

/**
 * The one way to build a subgraph schema: type-graphql classes printed with
 * their directives, linked to Federation 2 and to the project's
 * classification directives (`@scopes` with its `Sensitivity`, `@public`),
 * then handed to `@apollo/subgraph`.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    validate: false,
    skipCheck: true,
  });
  const imports = FEDERATION_IMPORTS.map((name) => JSON.stringify(name)).join(', ');
  const classification = SCOPES_SPEC_IMPORTS.map((name) => JSON.stringify(name)).join(', ');
  const typeDefs = parse(`
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.5", import: [${imports}])
      @link(url: "${SCOPES_SPEC_URL}", import: [${classification}])
      @composeDirective(name: "@scopes")
      @composeDirective(name: "@public")
    ${CLASSIFICATION_SDL}
    ${printSchemaWithDirectives(schema)}
  `);
  return buildSubgraphSchema({
    typeDefs,
    resolvers: mergeResolvers(createResolversMap(schema) as GraphQLResolverMap<unknown>, options.referenceResolvers),
  });
}
