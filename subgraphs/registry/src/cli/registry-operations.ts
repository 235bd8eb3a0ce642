/**
 * The registry's operations as the CLI sends them through the gateway, and
 * how it prints their answers. Pure: no I/O.
 */

const PROBLEM = 'check subgraph type field message';
const CHANGE = `
  unchanged
  subgraph { name owner currentVersion retired routingUrl }
  version { version sdlSha256 publishedAt }
  supergraph { version sha256 cause composedAt }
  warnings { ${PROBLEM} }
`;

/** The GraphQL operation of each command. */
export const OPERATIONS = {
  publish: `mutation Publish($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { ${CHANGE} } }`,
  check: `query Check($input: PublishSubgraphInput!) { checkSubgraph(input: $input) { ok supergraphSha256 problems { ${PROBLEM} } warnings { ${PROBLEM} } } }`,
  list: `query List($all: Boolean!) { registeredSubgraphs(includeRetired: $all) { name owner currentVersion retired publishedAt routingUrl } supergraphVersions(first: 1) { version sha256 composedAt } }`,
  history: `query History($name: String!) { subgraphHistory(name: $name) { subgraph { name owner currentVersion retired } versions { version sdlSha256 routingUrl publishedByClient publishedByOrg publishedAt requestId } supergraphs { version cause subgraphVersion composedAt } } }`,
  rollback: `mutation Rollback($name: String!, $to: Int) { rollbackSubgraph(name: $name, toVersion: $to) { ${CHANGE} } }`,
  retire: `mutation Retire($name: String!) { retireSubgraph(name: $name) { ${CHANGE} } }`,
  matrix: `query Matrix($version: Int) { supergraphVersion(version: $version) { version sha256 accessMatrix } }`,
} as const;

/** A command of the CLI. */
export type RegistryCommand = keyof typeof OPERATIONS;

/** A version number as written on the command line: digits only, from 1 (`3`; not `3x`, `0`, `-1`, `1.5`, `1e3`). */
const VERSION_NUMBER = /^[1-9][0-9]{0,8}$/;

/**
 * The version an option names (`--to 3`, `--version 12`), or null when the
 * option is absent; throws, saying what to write, on anything but a positive
 * whole number, so that a typo never falls back to the default version.
 */
export function versionOption(option: string, value: string | boolean | undefined): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !VERSION_NUMBER.test(value)) {
    throw new Error(
      `${option} takes a version number, a whole number from 1 (e.g. ${option} 3; npm run registry -- history <name> lists them)`,
    );
  }
  return Number(value);
}

/** One problem as the API returns it. */
export interface ProblemAnswer {
  check: string;
  subgraph: string;
  type: string | null;
  field: string | null;
  message: string;
}

/** `[CHECK] subgraph / Type.field: message`. */
export function problemLine(problem: ProblemAnswer): string {
  const where = problem.type ? `${problem.type}${problem.field ? `.${problem.field}` : ''}` : '(schema)';
  return `[${problem.check}] ${problem.subgraph} / ${where}: ${problem.message}`;
}

interface ChangeAnswer {
  unchanged: boolean;
  subgraph: { name: string; owner: string; currentVersion: number | null; retired: boolean; routingUrl: string | null };
  version: { version: number; sdlSha256: string; publishedAt: string } | null;
  supergraph: { version: number; sha256: string; cause: string; composedAt: string };
  warnings: ProblemAnswer[];
}

function changeLines(verb: string, change: ChangeAnswer): string[] {
  const lines = change.unchanged
    ? [
        `${change.subgraph.name}: unchanged (version ${change.version?.version ?? '-'} is served already); supergraph ${change.supergraph.version}`,
      ]
    : [
        `${change.subgraph.name} ${verb}: ${change.subgraph.retired ? 'retired' : `version ${change.version?.version}`} (owner ${change.subgraph.owner})`,
        `supergraph ${change.supergraph.version} (${change.supergraph.cause}, sha256 ${change.supergraph.sha256}): every gateway loads it within its poll interval`,
      ];
  for (const warning of change.warnings) lines.push(`warning ${problemLine(warning)}`);
  return lines;
}

/** The lines the CLI prints for a command's data. */
export function renderAnswer(command: RegistryCommand, data: Record<string, unknown>): string[] {
  switch (command) {
    case 'publish':
      return changeLines('published', data.publishSubgraph as ChangeAnswer);
    case 'rollback':
      return changeLines('rolled back', data.rollbackSubgraph as ChangeAnswer);
    case 'retire':
      return changeLines('retired', data.retireSubgraph as ChangeAnswer);
    case 'check': {
      const report = data.checkSubgraph as {
        ok: boolean;
        supergraphSha256: string | null;
        problems: ProblemAnswer[];
        warnings: ProblemAnswer[];
      };
      return [
        report.ok
          ? `check passed: the publish would make supergraph ${report.supergraphSha256}`
          : `check failed: ${report.problems.length} problem(s)`,
        ...report.problems.map(problemLine),
        ...report.warnings.map((w) => `warning ${problemLine(w)}`),
      ];
    }
    case 'list': {
      const subgraphs = data.registeredSubgraphs as {
        name: string;
        owner: string;
        currentVersion: number | null;
        retired: boolean;
        publishedAt: string | null;
        routingUrl: string | null;
      }[];
      const [latest] = data.supergraphVersions as { version: number; sha256: string; composedAt: string }[];
      return [
        `supergraph ${latest?.version ?? '-'} (sha256 ${latest?.sha256 ?? '-'}, ${latest?.composedAt ?? '-'})`,
        ...subgraphs.map(
          (s) =>
            `${s.name}\towner ${s.owner}\t${s.retired ? 'retired' : `version ${s.currentVersion}`}\t${s.publishedAt ?? ''}${s.routingUrl ? `\t${s.routingUrl}` : ''}`,
        ),
      ];
    }
    case 'history': {
      const history = data.subgraphHistory as {
        subgraph: { name: string; owner: string; currentVersion: number | null };
        versions: {
          version: number;
          sdlSha256: string;
          routingUrl: string;
          publishedByClient: string;
          publishedAt: string;
          requestId: string | null;
        }[];
        supergraphs: { version: number; cause: string; subgraphVersion: number | null; composedAt: string }[];
      };
      return [
        `${history.subgraph.name} (owner ${history.subgraph.owner}), serving version ${history.subgraph.currentVersion ?? 'none: retired'}`,
        ...history.versions.map(
          (v) =>
            `  version ${v.version}\t${v.publishedAt}\tby ${v.publishedByClient}\tsha256 ${v.sdlSha256.slice(0, 12)}\t${v.routingUrl}${v.requestId ? `\trequest ${v.requestId}` : ''}`,
        ),
        'supergraph versions:',
        ...history.supergraphs.map((s) => `  ${s.version}\t${s.cause}\t${s.subgraphVersion ?? '-'}\t${s.composedAt}`),
      ];
    }
    case 'matrix': {
      const version = data.supergraphVersion as { version: number; sha256: string; accessMatrix: string | null } | null;
      return version
        ? [`<!-- supergraph ${version.version}, sha256 ${version.sha256} -->`, version.accessMatrix ?? '']
        : ['no such supergraph version'];
    }
  }
}
