/**
 * The shared subgraph toolkit. Every subgraph builds its schema, reads its
 * configuration, opens its database, serves HTTP and reports errors through
 * these helpers, so every subgraph's bootstrap stays identical.
 */
export * from './errors/error-catalog';
export * from './errors/app-error';
export * from './errors/language';
export * from './schema/scopes';
export * from './schema/build-federated-schema';
export * from './schema/care-type';
export * from './schema/decision-facts';
export * from './schema/care-relationship';
export * from './schema/print-schema-cli';
export * from './data/data-source-factory';
export * from './data/bulk-writer';
export * from './data/table-meter';
export * from './data/seed-runner';
export * from './data/sql-placeholders';
export * from './data/prepared-query';
export * from './config/subgraph-config';
export * from './http/logger';
export * from './http/graphql-http-handler';
export * from './http/http-server';
export * from './http/format-error';
export * from './http/serve-subgraph';
export * from './tracing/tracing-settings';
export * from './tracing/tracing';
export * from './tracing/traced-handler';
export * from './identifiers/identifiers';
export * from './identifiers/dates';
export * from './synthetic/prng';
export * from './synthetic/names';
export * from './synthetic/regions';
export * from './synthetic/population';
export * from './synthetic/personas';
export * from './auth/caller';
export * from './auth/context-keys';
export * from './auth/signed-context';
export * from './auth/replay-guard';
export * from './auth/scope-requirements';
export * from './auth/refused-paths';
export * from './auth/use-scope-enforcement';
export * from './auth/consent-capability';
export * from './auth/shared-secret';
export * from './auth/federation-proofs';
export * from './persons/served-persons';
export * from './freshness/reference-copy';
export * from './freshness/working-calendar';
export * from './progress/index';
export * from './writes/idempotent-write';
export * from './writes/row-refusal';
export * from './writes/pathway-write-bounds';
export * from './data/batched-statements';
export * from './data/typed-columns';
export * from './data/exclusive-transaction';
export * from './imports/line-error';
export * from './imports/import-cli';
