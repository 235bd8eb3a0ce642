// Real access tokens for the checks: each client (a persona's software, an
// establishment) obtains its own with the OAuth client-credentials grant from
// the realm's token endpoint, and renews it before it expires. Token requests
// are tagged `name: token` so the hot-path thresholds do not count them.
import http from 'k6/http';

const RENEW_BEFORE_MS = 60_000;

/**
 * A per-VU token source. `clients` maps client ids to their secrets;
 * `tokenUrl` is the realm's token endpoint. Without clients, no header.
 */
export function createTokenSource(tokenUrl, clients, scope) {
  const cache = {};
  return function tokenFor(clientId) {
    const secret = clients[clientId];
    if (!tokenUrl || secret === undefined) return null;
    const cached = cache[clientId];
    if (cached && cached.expiresAt - RENEW_BEFORE_MS > Date.now()) return cached.token;
    const response = http.post(
      tokenUrl,
      { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope },
      { tags: { name: 'token' }, timeout: '10s' },
    );
    const body = response.status === 200 ? response.json() : null;
    if (!body || typeof body.access_token !== 'string') throw new Error(`token refused for ${clientId}: HTTP ${response.status}`);
    cache[clientId] = { token: body.access_token, expiresAt: Date.now() + Number(body.expires_in ?? 300) * 1000 };
    return body.access_token;
  };
}
