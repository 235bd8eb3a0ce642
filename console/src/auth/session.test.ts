import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** An officer's search of a (synthetic) national id, submitted, as the search page keeps it in the tab. */
async function saveOfficerSearch(): Promise<void> {
  const { EMPTY_FORM, saveSearch } = await import('../pages/officer/search-state');
  saveSearch({
    form: { ...EMPTY_FORM, nationalId: 'ZZ000001' },
    cursors: [null],
    events: [],
    hasNextPage: false,
    endCursor: null,
    submitted: true,
  });
}

/** What the browser held when the fake identity provider's sign-out redirect began. */
const atRedirect: { session: string[]; local: string[] }[] = [];

/** An in-memory Web Storage, as a tab's sessionStorage or localStorage. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  keys(): string[] {
    return [...this.items.keys()].sort();
  }
}

const session = new MemoryStorage();
const local = new MemoryStorage();

// oidc-client-ts without a network: the user store is the tab's sessionStorage under the grant's prefix, as in the browser.
vi.mock('oidc-client-ts', () => {
  class WebStorageStateStore {
    constructor(readonly options: { store: Storage; prefix: string }) {}
  }
  class UserManager {
    private readonly store: { store: Storage; prefix: string };
    constructor(settings: { userStore: WebStorageStateStore }) {
      this.store = settings.userStore.options;
    }
    private get key(): string {
      return `${this.store.prefix}user`;
    }
    async getUser() {
      const raw = this.store.store.getItem(this.key);
      return raw ? { ...(JSON.parse(raw) as object), expired: false } : null;
    }
    async removeUser() {
      this.store.store.removeItem(this.key);
    }
    async signoutRedirect() {
      atRedirect.push({ session: (session as MemoryStorage).keys(), local: (local as MemoryStorage).keys() });
    }
  }
  return { UserManager, WebStorageStateStore };
});
vi.mock('../config', () => ({
  consoleConfig: () => ({ issuer: 'https://idp.test/realms/cmb', gatewayUrl: 'https://gateway.test/graphql' }),
}));

describe('signing out of the console', () => {
  beforeEach(() => {
    session.clear();
    local.clear();
    atRedirect.length = 0;
    vi.stubGlobal('sessionStorage', session);
    vi.stubGlobal('localStorage', local);
    vi.stubGlobal('window', { location: { origin: 'https://console.test' } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("leaves nothing the officer typed or saw in the tab before the identity provider's redirect, only the language chosen", async () => {
    const { signOut } = await import('./session');
    const { saveQueue } = await import('../pages/officer/queue-state');
    session.setItem('cmb.officer-console.audit:read.user', JSON.stringify({ access_token: 'a', id_token: 'id' }));
    session.setItem('cmb.officer-console.statistics:read.user', JSON.stringify({ access_token: 'b', id_token: 'id' }));
    session.setItem('cmb.patient-portal.audit:read.user', JSON.stringify({ access_token: 'c', id_token: 'id' }));
    session.setItem('cmb.oidc-state.abc', '{}');
    session.setItem(
      'cmb.console.pendingSignIn',
      JSON.stringify({ client: 'officer-console', purpose: 'audit:read', returnTo: '/officer' }),
    );
    await saveOfficerSearch();
    saveQueue([]);
    session.setItem('another-site.key', 'kept');
    local.setItem('cmb.console.language', 'ar');

    await signOut('officer-console', ['audit:read', 'statistics:read']);

    expect(atRedirect).toEqual([{ session: ['another-site.key'], local: ['cmb.console.language'] }]);
  });

  it("forgets the patient portal's tokens the same way", async () => {
    const { signOut } = await import('./session');
    session.setItem('cmb.patient-portal.audit:read.user', JSON.stringify({ access_token: 'c', id_token: 'id' }));
    session.setItem('cmb.oidc-state.abc', '{}');

    await signOut('patient-portal', ['audit:read']);

    expect(atRedirect).toEqual([{ session: [], local: [] }]);
  });

  it('a new sign-in in the same tab starts an empty search', async () => {
    const { signOut } = await import('./session');
    const { EMPTY_FORM, loadSearch } = await import('../pages/officer/search-state');
    const { loadQueue } = await import('../pages/officer/queue-state');
    session.setItem('cmb.officer-console.audit:read.user', JSON.stringify({ access_token: 'a', id_token: 'id' }));
    await saveOfficerSearch();

    await signOut('officer-console', ['audit:read']);

    expect(loadSearch()).toMatchObject({ form: EMPTY_FORM, submitted: false });
    expect(loadQueue()).toEqual([]);
  });
});
