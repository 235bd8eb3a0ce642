import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import subgraphsConfig from '../../supergraph/subgraphs.json';
import { loadRealm } from '@cmb/auth';
import {
  accessMatrixRows,
  apiSchemaOf,
  classificationProblems,
  composeSupergraph,
  CompositionError,
  BUILD_COMPOSITION_PATH,
  type BuildComposition,
  describeClassificationProblem,
  fieldClasses,
  renderAccessMatrix,
} from '@cmb/composition';
import { scopeRequirementsFromSdl } from '@cmb/kit';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const OUTPUT = resolve(__dirname, '../../supergraph/supergraph.graphql');
const ACCESS_MATRIX = resolve(ROOT, 'auth/ACCESS_MATRIX.md');

/**
 * `npm run compose`: prints every subgraph's SDL from its build, composes the
 * supergraph, checks that every field is classified (@cmb/composition), then
 * writes the supergraph, the subgraphs it was composed from (what the
 * subgraph registry is filled with on its first start) and
 * auth/ACCESS_MATRIX.md.
 */
async function main(): Promise<void> {
  const subgraphs = await Promise.all(
    subgraphsConfig.subgraphs.map(async (subgraph) => {
      const script = join(ROOT, subgraph.package, 'dist', 'print-schema.js');
      try {
        const { stdout } = await run(process.execPath, [script], { maxBuffer: 16 * 1024 * 1024 });
        return { name: subgraph.name, url: subgraph.url, sdl: stdout, packageDir: join(ROOT, subgraph.package) };
      } catch (error) {
        throw new CompositionError([
          `${subgraph.name}: could not print its schema (${script}); run npm run build first. ${error instanceof Error ? error.message : ''}`,
        ]);
      }
    }),
  );
  for (const subgraph of subgraphs) writeFileSync(join(subgraph.packageDir, 'dist', 'schema.graphql'), subgraph.sdl);
  const supergraphSdl = composeSupergraph(subgraphs);
  const unclassified = classificationProblems(subgraphs);
  if (unclassified.length > 0) {
    throw new CompositionError(unclassified.map((problem) => `classification: ${describeClassificationProblem(problem)}`));
  }
  writeFileSync(OUTPUT, supergraphSdl);
  const composition: BuildComposition = {
    about:
      'Written by npm run compose: the national subgraphs the supergraph beside it was composed from. The subgraph registry is filled with them on its first start.',
    composedAt: new Date().toISOString(),
    supergraphSha256: createHash('sha256').update(supergraphSdl).digest('hex'),
    subgraphs: subgraphs.map(({ name, url, sdl }) => ({ name, url, sdl })),
  };
  writeFileSync(BUILD_COMPOSITION_PATH, `${JSON.stringify(composition, null, 2)}\n`);
  process.stdout.write(`supergraph composed from ${subgraphs.length} subgraphs: ${OUTPUT}\n`);
  const rows = accessMatrixRows(apiSchemaOf(supergraphSdl), scopeRequirementsFromSdl(supergraphSdl));
  const source = { realm: 'auth/realm/cmb-realm.json', supergraph: 'the composed supergraph' };
  writeFileSync(ACCESS_MATRIX, renderAccessMatrix(rows, [...loadRealm().clients.values()], source, fieldClasses(supergraphSdl)));
  process.stdout.write(`access matrix written: ${ACCESS_MATRIX}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
