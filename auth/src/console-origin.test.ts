import { describe, expect, it } from 'vitest';
import { withConsoleOrigin } from './console-origin';
import { loadRealm } from './realm';

describe("the console's origin", () => {
  it('moves the browser clients to CONSOLE_ORIGIN, and nothing else', () => {
    const realm = withConsoleOrigin(loadRealm(), 'http://localhost:8080');
    for (const id of ['officer-console', 'patient-portal']) {
      expect(realm.clients.get(id)).toMatchObject({
        redirectUris: ['http://localhost:8080/*'],
        postLogoutRedirectUris: ['http://localhost:8080/*'],
        webOrigins: ['http://localhost:8080'],
      });
    }
    expect(realm.clients.get('hopital-zzp00004')).toEqual(loadRealm().clients.get('hopital-zzp00004'));
  });

  it('keeps the realm as it is without one (http://127.0.0.1:5173)', () => {
    expect(withConsoleOrigin(loadRealm(), undefined).clients.get('patient-portal')?.redirectUris).toEqual(['http://127.0.0.1:5173/*']);
  });
});
