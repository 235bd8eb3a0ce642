// A manual check of the realm on a real Keycloak (not a test): starts it,
// asks a few tokens, prints their claims, stops. `node scripts/keycloak-smoke.mjs`
import { authorizationCodeToken, clientCredentialsToken, decodeJwtPayload, startKeycloak } from './lib/keycloak.mjs';

const CLAIMS = ['iss', 'aud', 'azp', 'client_id', 'preferred_username', 'scope', 'org', 'org_kind', 'national_id', 'exp'];

function show(label, answer) {
  if (!answer.body.access_token) {
    console.log(`${label}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return null;
  }
  const payload = decodeJwtPayload(answer.body.access_token);
  const picked = Object.fromEntries(CLAIMS.filter((claim) => claim in payload).map((claim) => [claim, payload[claim]]));
  console.log(`${label}: HTTP ${answer.status}, expires in ${payload.exp - payload.iat} s\n  ${JSON.stringify(picked)}`);
  return payload;
}

const checks = [];
const check = (name, ok) => {
  checks.push([name, ok]);
  console.log(`  ${ok ? 'ok' : 'FAILED'}: ${name}`);
};

console.log('starting Keycloak...');
const keycloak = await startKeycloak({ log: (line) => console.log(line) });
try {
  console.log(
    `Keycloak ${keycloak.version} on Java ${keycloak.java.major} (${keycloak.java.source}: ${keycloak.java.java}) ready in ${(keycloak.startupMs / 1000).toFixed(1)} s`,
  );
  console.log(`issuer ${keycloak.issuer}\ntoken  ${keycloak.tokenUrl}\njwks   ${keycloak.jwksUrl}\n`);

  const hospital = show(
    'hopital-zzp00004, scope=eligibility:check',
    await clientCredentialsToken(keycloak.tokenUrl, 'hopital-zzp00004', { scope: 'eligibility:check' }),
  );
  check(
    'hospital token carries the purpose, its INPE and the gateway audience',
    hospital?.scope === 'eligibility:check' &&
      hospital.org === 'ZZP00004' &&
      hospital.org_kind === 'ESTABLISHMENT' &&
      [hospital.aud].flat().includes('cmb-gateway') &&
      hospital.iss === keycloak.issuer,
  );
  check('access token lives 5 minutes', hospital?.exp - hospital?.iat === 300);

  const noScope = await clientCredentialsToken(keycloak.tokenUrl, 'test-no-scope', { scope: 'eligibility:check' });
  const refused = show('test-no-scope, scope=eligibility:check', noScope);
  check(
    'test-no-scope cannot get eligibility:check',
    refused === null
      ? noScope.body.error === 'invalid_scope'
      : !String(refused.scope ?? '')
          .split(' ')
          .includes('eligibility:check'),
  );

  const stranger = show(
    'hopital-zzp00004, scope=beneficiary:write (not its purpose)',
    await clientCredentialsToken(keycloak.tokenUrl, 'hopital-zzp00004', { scope: 'beneficiary:write' }),
  );
  check('a hospital cannot get an OG purpose', stranger === null);

  const og = show(
    'og-cnops, scope=beneficiary:write',
    await clientCredentialsToken(keycloak.tokenUrl, 'og-cnops', { scope: 'beneficiary:write' }),
  );
  check('OG token carries org CNOPS, kind OG', og?.org === 'CNOPS' && og.org_kind === 'OG' && og.scope === 'beneficiary:write');

  const inspector = show(
    'cndp-inspector, scope=audit:read',
    await clientCredentialsToken(keycloak.tokenUrl, 'cndp-inspector', { scope: 'audit:read' }),
  );
  check(
    'CNDP inspector gets audit:read as org CNDP, kind DPA',
    inspector?.scope === 'audit:read' && inspector.org === 'CNDP' && inspector.org_kind === 'DPA',
  );

  const patient = show(
    'patient-portal as p01-amal (code + PKCE), scope=openid beneficiary:read',
    await authorizationCodeToken(keycloak, {
      clientId: 'patient-portal',
      username: 'p01-amal',
      scope: 'openid beneficiary:read',
      redirectUri: 'http://127.0.0.1:5173/callback',
    }),
  );
  check(
    'patient token carries national_id ZZ000001 and org_kind PATIENT_PORTAL',
    patient?.national_id === 'ZZ000001' &&
      patient.org_kind === 'PATIENT_PORTAL' &&
      String(patient.scope).split(' ').includes('beneficiary:read'),
  );

  const officer = show(
    'officer-console as officer-anam (code + PKCE), scope=openid audit:read',
    await authorizationCodeToken(keycloak, {
      clientId: 'officer-console',
      username: 'officer-anam',
      scope: 'openid audit:read',
      redirectUri: 'http://127.0.0.1:5173/callback',
    }),
  );
  check(
    'officer token carries audit:read, org ANAM, kind REGULATOR',
    String(officer?.scope).split(' ').includes('audit:read') && officer.org === 'ANAM' && officer.org_kind === 'REGULATOR',
  );

  const noPkce = await fetch(
    `${keycloak.authorizationUrl}?${new URLSearchParams({ client_id: 'patient-portal', response_type: 'code', redirect_uri: 'http://127.0.0.1:5173/callback', scope: 'openid' })}`,
    { redirect: 'manual' },
  );
  const noPkceError = new URL(noPkce.headers.get('location') ?? 'http://x/').searchParams.get('error');
  console.log(`patient-portal without PKCE: HTTP ${noPkce.status} error=${noPkceError}`);
  check('the patient portal refuses an authorization request without PKCE', noPkceError === 'invalid_request');
} finally {
  const stopping = Date.now();
  await keycloak.stop();
  console.log(`stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
}
const failed = checks.filter(([, ok]) => !ok).length;
console.log(`smoke checks: ${checks.length - failed} ok, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
