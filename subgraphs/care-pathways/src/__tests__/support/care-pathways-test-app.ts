import { issueDecisionProof, seedDatabase, type Caller } from '@cmb/kit';
import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type ENGINES, type TestDatabase } from '../../../../../test/support/test-database';
import { executeAs } from '../../../../../test/support/execute-as';
import { buildCarePathwaysApp, type CarePathwaysApp } from '../../app';
import { loadConfig } from '../../config';
import { carePathwaysDataSource } from '../../data-source';
import { carePathwaysSeed } from '../../seed/seed';

/** The proof secret of the test configuration: what beneficiaries signs its proofs with in the tests. */
export const TEST_PROOF_SECRET = loadConfig({ NODE_ENV: 'test' }).proofSecret;

/** Hop 2 of an eligibility check: the pathway facts and status of each decision represented. */
export const DECISIONS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        id
        pathwayFacts {
          pcsApplies
          compliant
          penalty
          aldExemptions
        }
        pathway {
          referringDoctorInpe
          inPathway
          pcsApplies
          aldExemptions
          protocols
          priorApprovalRequired
          priorApprovalGranted
          referenceVersion
        }
      }
    }
  }
`;

/** How the subgraph is opened for a test file. */
export interface TestAppOptions {
  /** The test database's name. */
  name: string;
  /** The synthetic dataset seeded first. */
  persons: number;
  seed: number;
  /** Environment on top of `NODE_ENV=test` (`LOG_LEVEL`, ...). */
  env?: Record<string, string>;
}

/** The subgraph of a test file, opened before its tests and closed after them. */
export interface TestApp {
  /** The app, once `beforeAll` has opened it. */
  app(): CarePathwaysApp;
  /** Runs an operation as the test caller (with `caller` on top), returning its single result. */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    caller?: Partial<Caller>,
  ): Promise<FormattedExecutionResult<T, Record<string, unknown>>>;
}

/**
 * Registers the `beforeAll` and `afterAll` of a test file on one engine: a
 * fresh test database, seeded, the subgraph built on it; then the subgraph
 * stopped, its connection closed and the database dropped.
 */
export function useCarePathwaysApp(engine: (typeof ENGINES)[number], options: TestAppOptions): TestApp {
  let database: TestDatabase | undefined;
  let app: CarePathwaysApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(engine, options.name);
    const dataSource = carePathwaysDataSource(database.config);
    await seedDatabase(dataSource, carePathwaysSeed, { persons: options.persons, seed: options.seed });
    app = await buildCarePathwaysApp({ ...loadConfig({ NODE_ENV: 'test', ...options.env }), database: database.config }, dataSource);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  const opened = (): CarePathwaysApp => {
    if (!app) throw new Error('the care-pathways app is opened in beforeAll');
    return app;
  };
  return {
    app: opened,
    async execute<T>(query: string, variables: Record<string, unknown>, caller: Partial<Caller> = {}) {
      return executeAs<FormattedExecutionResult<T, Record<string, unknown>>>(opened(), query, variables, caller);
    },
  };
}

/** A representation of an eligibility decision as the gateway sends it in hop 2, with beneficiaries' proof of the person for ANAM. */
export function decisionRepresentation(id: string, personRef: string | null, providerInpe: string, careType: string, careDate: string) {
  const personRefProof = personRef
    ? issueDecisionProof(TEST_PROOF_SECRET, id, personRef, 'ANAM', { providerInpe, careDate, careType })
    : null;
  return { __typename: 'EligibilityDecision', id, personRef, personRefProof, providerInpe, careDate, careType };
}
