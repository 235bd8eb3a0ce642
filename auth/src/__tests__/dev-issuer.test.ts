import { request } from 'node:http';
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
      // A pharmacy dispenses: it reads and writes no record pointer.
      expect((await ask('records:read')).status).toBe(400);
      expect((await ask('records:write')).status).toBe(400);
    } finally {
      await issuer.close();
    }
  });

  it.each(['//', '//%', '//['])('answers 400 to the request target %j, which is no URL path, and keeps serving', async (target) => {
    const issuer = await startDevIssuer(loadRealm(), { production: false });
    try {
      const { hostname, port } = new URL(issuer.issuer);
      // A raw request: fetch would never send such a target.
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ hostname, port, path: target }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(400);
      expect((await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).status).toBe(200);
    } finally {
      await issuer.close();
    }
  });
});
