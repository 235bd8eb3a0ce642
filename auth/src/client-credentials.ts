/** What a client sends to obtain a token. */
export interface ClientCredentialsRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The purpose to act under (OAuth scope), space separated when several. */
  scope?: string;
}

/** Obtains an access token with the OAuth client-credentials grant (Keycloak or the development issuer). */
export async function fetchClientCredentialsToken(request: ClientCredentialsRequest): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: request.clientId, client_secret: request.clientSecret });
  if (request.scope) body.set('scope', request.scope);
  const response = await fetch(request.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const payload = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !payload.access_token) {
    throw new Error(
      `token refused for client ${request.clientId}: ${payload.error ?? response.status} ${payload.error_description ?? ''}`.trim(),
    );
  }
  return payload.access_token;
}
