import { parseArgs } from 'node:util';
import { fetchClientCredentialsToken } from './client-credentials';
import { loadRealm } from './realm';

/** The development issuer started by `npm start`. */
const DEFAULT_ISSUER = 'http://127.0.0.1:4010/realms/cmb';

/**
 * `npm run token -- <client-id> [--scope <purpose>] [--secret <secret>]`:
 * prints an access token for a client of the realm, from the development
 * issuer of `npm start` or from Keycloak when AUTH_ISSUER is set. The
 * purpose defaults to `eligibility:check` when the client may act under it,
 * else to its first purpose.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { scope: { type: 'string' }, secret: { type: 'string' } } });
  const clientId = positionals[0];
  const realm = loadRealm();
  if (!clientId) {
    throw new Error(
      `usage: npm run token -- <client-id> [--scope <purpose>]\nclients: ${[...realm.clients.values()]
        .filter((c) => c.serviceAccount)
        .map((c) => c.clientId)
        .join(', ')}`,
    );
  }
  const client = realm.clients.get(clientId);
  if (!client) throw new Error(`no client ${clientId} in the realm`);
  const secret = values.secret ?? process.env.CLIENT_SECRET ?? client.secret;
  if (!secret) throw new Error(`client ${clientId} has no secret in the realm export: pass --secret`);
  const scope = values.scope ?? (client.optionalScopes.includes('eligibility:check') ? 'eligibility:check' : client.optionalScopes[0]);
  const issuer = process.env.AUTH_ISSUER ?? DEFAULT_ISSUER;
  process.stdout.write(
    `${await fetchClientCredentialsToken({ tokenUrl: `${issuer}/protocol/openid-connect/token`, clientId, clientSecret: secret, scope })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
