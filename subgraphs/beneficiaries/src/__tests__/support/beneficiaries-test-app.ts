import { seedDatabase, type Caller } from '@cmb/kit';
import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type ENGINES, type TestDatabase } from '../../../../../test/support/test-database';
import { executeAs } from '../../../../../test/support/execute-as';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../../app';
import { loadConfig } from '../../config';
import { beneficiariesDataSource } from '../../data-source';
import { beneficiariesSeed } from '../../seed/seed';

/** How the subgraph is opened for a test file. */
export interface TestAppOptions {
  /** The test database's name. */
  name: string;
  /** The synthetic dataset seeded first. */
  persons: number;
  seed: number;
}

/** The subgraph of a test file, opened before its tests and closed after them. */
export interface TestApp {
  /** The app, once `beforeAll` has opened it. */
  app(): BeneficiariesApp;
  /** Runs an operation as `caller`, returning its single result. */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    caller: Partial<Caller>,
  ): Promise<FormattedExecutionResult<T, Record<string, unknown>>>;
}

/**
 * Registers the `beforeAll` and `afterAll` of a test file on one engine: a
 * fresh test database, seeded, the subgraph built on it (logs silent); then
 * the subgraph stopped, its connection closed and the database dropped.
 */
export function useBeneficiariesApp(engine: (typeof ENGINES)[number], options: TestAppOptions): TestApp {
  let database: TestDatabase | undefined;
  let app: BeneficiariesApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(engine, options.name);
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: options.persons, seed: options.seed });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  const opened = (): BeneficiariesApp => {
    if (!app) throw new Error('the beneficiaries app is opened in beforeAll');
    return app;
  };
  return {
    app: opened,
    async execute<T>(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
      return executeAs<FormattedExecutionResult<T, Record<string, unknown>>>(opened(), query, variables, caller);
    },
  };
}

/** An insurer's batch client (`og-<org>`), writing under `beneficiary:write`. */
export function ogWriter(org: string): Partial<Caller> {
  return { clientId: `og-${org.toLowerCase()}`, org, orgKind: 'OG', purposes: ['beneficiary:write'] };
}

/** A synthetic principal insured's affiliation row of a batch (AMO_TNS, active from 2026-01-01), `overrides` on top. */
export function insuredRow(nationalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nationalId,
    firstName: 'Synthetique',
    lastName: 'Course',
    birthDate: '1990-01-01',
    sex: 'F',
    regime: 'AMO_TNS',
    role: 'INSURED',
    memberNumber: `M-${nationalId}`,
    validFrom: '2026-01-01',
    status: 'ACTIVE',
    ...overrides,
  };
}
