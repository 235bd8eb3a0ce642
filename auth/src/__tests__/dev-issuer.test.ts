import { describe, expect, it } from 'vitest';
import { startDevIssuer } from '../dev-issuer';
import { loadRealm } from '../realm';

describe('the development issuer', () => {
  it('refuses to start in production', async () => {
    await expect(startDevIssuer(loadRealm(), { production: true })).rejects.toThrow(/only with NODE_ENV=development or test/);
  });

  it('issues a token only for a purpose the client holds', async () => {
    const issuer = await startDevIssuer(loadRealm(), { production: false });
    try {
      const ask = (scope: string) =>
        fetch(issuer.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: 'pharmacie-zzp00002',
            client_secret: 'dev-only-secret-pharmacie-zzp00002',
            scope,
          }),
        });
      expect((await ask('eligibility:check')).status).toBe(200);
      expect((await ask('beneficiary:write')).status).toBe(400);
    } finally {
      await issuer.close();
    }
  });
});
