import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../scripts/lib/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Starts one throwaway PostgreSQL cluster for the run (or uses TEST_POSTGRES_URL)
 * and hands its superuser URL to the tests; removes it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.TEST_POSTGRES_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return () => undefined;
  }
  const cluster = (await startPostgres({ log: (line: string) => console.error(line) })) as { url: string; stop: () => void };
  project.provide('postgresUrl', cluster.url);
  process.env.CMB_TEST_POSTGRES_URL = cluster.url;
  return () => cluster.stop();
}
