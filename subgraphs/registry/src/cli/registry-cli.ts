import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fetchClientCredentialsToken, loadRealm } from '@cmb/auth';
import { OPERATIONS, problemLine, renderAnswer, versionOption, type ProblemAnswer, type RegistryCommand } from './registry-operations';

/** The development issuer and gateway of `npm start`. */
const DEFAULT_ISSUER = 'http://127.0.0.1:4010/realms/cmb';
const DEFAULT_GATEWAY = 'http://127.0.0.1:4000/graphql';

const USAGE = `usage: npm run registry -- <command> [arguments] [options]

commands:
  publish <name> --schema <file.graphql> --url <routing URL>   publish a subgraph (every check first)
  check <name> --schema <file.graphql> --url <routing URL>     the same checks, nothing published (dry run)
  list [--all]                                                 the subgraphs (--all: retired ones too)
  history <name>                                               a subgraph's versions and supergraphs
  rollback <name> [--to <version>]                             serve an earlier version again
  retire <name>                                                take a subgraph out of the supergraph
  matrix [--version <n>]                                       the access matrix of a supergraph version

options:
  --client <id>     the realm client acting (CLIENT_ID), under the purpose registry:publish
  --secret <secret> its secret (CLIENT_SECRET; the realm export's in development)
  --gateway <url>   the gateway's /graphql (GATEWAY_URL, default ${DEFAULT_GATEWAY})
  --json            print the answer as JSON

The command goes through the gateway with the client's token, like any
client: the gateway checks the token and its purpose and writes the audit
trail (intent and outcome of every change, under the request id printed);
the registry checks that the client's organisation owns the subgraph.
AUTH_ISSUER names the realm (default: the development issuer of npm start).`;

/** The value read, or the usage error (exit code 2) saying what to write. */
function withUsage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, { cause: error });
  }
}

/** Variables of a command from its arguments (a usage error, exit code 2, on a malformed one). */
function variablesOf(command: RegistryCommand, name: string | undefined, values: Record<string, string | boolean | undefined>) {
  const need = (value: string | boolean | undefined, what: string): string => {
    if (typeof value !== 'string' || value === '') throw new Error(`${command} needs ${what}\n\n${USAGE}`);
    return value;
  };
  switch (command) {
    case 'publish':
    case 'check':
      return {
        input: {
          name: need(name, 'a subgraph name'),
          routingUrl: need(values.url, '--url <routing URL>'),
          sdl: readFileSync(need(values.schema, '--schema <file>'), 'utf8'),
        },
      };
    case 'list':
      return { all: values.all === true };
    case 'history':
    case 'retire':
      return { name: need(name, 'a subgraph name') };
    case 'rollback':
      return { name: need(name, 'a subgraph name'), to: withUsage(() => versionOption('--to', values.to)) };
    case 'matrix':
      return { version: withUsage(() => versionOption('--version', values.version)) };
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      client: { type: 'string' },
      secret: { type: 'string' },
      gateway: { type: 'string' },
      schema: { type: 'string' },
      url: { type: 'string' },
      to: { type: 'string' },
      version: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [command, name] = positionals;
  if (!command || !(command in OPERATIONS)) throw new Error(USAGE);
  const operation = command as RegistryCommand;
  // Arguments are read before any token is asked for: a malformed one is a usage error, nothing sent.
  const variables = variablesOf(operation, name, values);
  const clientId = values.client ?? process.env.CLIENT_ID;
  if (!clientId) throw new Error(`--client <id> (or CLIENT_ID) is needed: the realm client acting\n\n${USAGE}`);
  const secret = values.secret ?? process.env.CLIENT_SECRET ?? loadRealm().clients.get(clientId)?.secret;
  if (!secret) throw new Error(`client ${clientId} has no secret in the realm export: pass --secret (or CLIENT_SECRET)`);
  const issuer = process.env.AUTH_ISSUER ?? DEFAULT_ISSUER;
  const token = await fetchClientCredentialsToken({
    tokenUrl: `${issuer}/protocol/openid-connect/token`,
    clientId,
    clientSecret: secret,
    scope: 'registry:publish',
  });
  const requestId = `registry-cli-${randomUUID()}`;
  const response = await fetch(values.gateway ?? process.env.GATEWAY_URL ?? DEFAULT_GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId, 'accept-language': 'en' },
    body: JSON.stringify({ query: OPERATIONS[operation], variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const answer = (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; problems?: ProblemAnswer[] } }[];
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ requestId, ...answer }, null, 2)}\n`);
  } else if (answer.data && !answer.errors) {
    for (const line of renderAnswer(operation, answer.data)) process.stdout.write(`${line}\n`);
  }
  process.stderr.write(`request id ${requestId} (the audit trail's key to this ${operation})\n`);
  if (answer.errors?.length) {
    for (const error of answer.errors) {
      process.stderr.write(
        `${error.extensions?.code ?? 'ERROR'}: ${error.extensions?.problems ? 'refused, nothing changed' : error.message}\n`,
      );
      for (const problem of error.extensions?.problems ?? []) process.stderr.write(`  ${problemLine(problem)}\n`);
    }
    return 1;
  }
  if (operation === 'check' && (answer.data?.checkSubgraph as { ok?: boolean } | undefined)?.ok === false) return 1;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
