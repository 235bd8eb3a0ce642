// Access tokens for our gateway (auth on): the OAuth client-credentials grant
// against the embedded development issuer (auth/dist/dev-issuer-cli.js, the
// same realm export as Keycloak), one per realm client the mix asks as (a
// client may only ask about care at its own INPE), under `eligibility:check`.
// A token lives 5 minutes: they are fetched before every k6 run (a run is
// far shorter) and reused for a minute at most.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/lib/federation.mjs';

const SCOPE = 'eligibility:check';

function clientSecret(clientId) {
  const realm = JSON.parse(readFileSync(join(ROOT, 'auth/realm/cmb-realm.json'), 'utf8'));
  const client = realm.clients.find((c) => c.clientId === clientId);
  if (!client?.secret) throw new Error(`client ${clientId} has no development secret in auth/realm/cmb-realm.json`);
  return client.secret;
}

/** An async function `(clientId) → bearer token`, each cached for `maxAgeMs`. */
export function tokenSource(tokenUrl, { maxAgeMs = 60_000 } = {}) {
  const cache = new Map();
  return async (clientId) => {
    const cached = cache.get(clientId);
    if (cached && Date.now() - cached.fetchedAt < maxAgeMs) return cached.token;
    const secret = clientSecret(clientId);
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: SCOPE });
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const payload = await response.json();
    if (!response.ok || !payload.access_token) throw new Error(`token refused for ${clientId}: ${payload.error ?? response.status}`);
    cache.set(clientId, { token: payload.access_token, fetchedAt: Date.now() });
    return payload.access_token;
  };
}
