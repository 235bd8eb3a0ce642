// `npm run keycloak`: a real Keycloak with the cmb realm on loopback, in the
// foreground. Prints the issuer and an example token request; Ctrl-C stops it
// and removes its temporary home (H2 database included).
// Options: --port <n> (or KEYCLOAK_PORT), --verbose (stream Keycloak's log).
import { startKeycloak } from './lib/keycloak.mjs';

const args = process.argv.slice(2);
const portArg = args.includes('--port') ? args[args.indexOf('--port') + 1] : process.env.KEYCLOAK_PORT;
const verbose = args.includes('--verbose');
const admin = { username: 'admin', password: 'dev-only-admin' };

console.error('starting Keycloak (first run: downloads it from Maven Central and builds it once)...');
const keycloak = await startKeycloak({
  port: portArg ? Number(portArg) : undefined,
  bootstrapAdmin: admin,
  onOutput: verbose ? (line) => console.error(`[keycloak] ${line}`) : undefined,
});

console.log(`Keycloak ${keycloak.version} ready in ${(keycloak.startupMs / 1000).toFixed(1)} s (Java ${keycloak.java.major}, ${keycloak.java.source})

  issuer   ${keycloak.issuer}
  token    ${keycloak.tokenUrl}
  jwks     ${keycloak.jwksUrl}
  health   ${keycloak.healthUrl}
  admin    ${keycloak.baseUrl}/admin/  (${admin.username} / ${admin.password}: development only, loopback only)

Get a token (client credentials; the scope is the purpose; secrets are public development values):

  curl -s ${keycloak.tokenUrl} \\
    -d grant_type=client_credentials -d client_id=hopital-zzp00004 \\
    -d client_secret=dev-only-secret-hopital-zzp00004 -d scope=eligibility:check

Run the gateway against it:  AUTH_ISSUER=${keycloak.issuer} npm start
Ctrl-C stops Keycloak and removes its data.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.error('stopping Keycloak...');
  await keycloak.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
