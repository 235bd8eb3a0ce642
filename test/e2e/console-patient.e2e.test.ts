import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { CONSOLE_ORIGIN, SCREENSHOTS, prepare, signInOnKeycloak, startConsoles } from '../support/console';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const ELIGIBILITY = 'query ($input: EligibilityInput!) { eligibility(input: $input) { outcome } }';
const DOCUMENTS = 'query ($nationalId: String!) { person(nationalId: $nationalId) { documents { totalCount } } }';
const PROVIDER_NAME = 'query ($inpe: String!) { provider(inpe: $inpe) { name } }';
/** Whether the graph serves the person's own documents listing yet (`me { documents { ... masked } }`, from the back end). */
const SERVES_MY_DOCUMENTS = /\bmasked: Boolean!/.test(
  readFileSync(join(import.meta.dirname, '../../gateway/supergraph/supergraph.graphql'), 'utf8'),
);

describe("insured person's page in a real browser (Chromium, Keycloak login page)", () => {
  let browser: Browser;
  let consoles: { stop: () => Promise<void> };
  let page: Page;

  /** The doctor's reading of the persona's record: its refusal reason, if any. */
  const doctorReads = async () => {
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      DOCUMENTS,
      { nationalId: 'ZZ000001' },
      await authAs('cabinet-zzp00001', 'records:read'),
    );
    return (answer.body.errors?.[0]?.extensions?.reason as string | undefined) ?? 'SERVED';
  };

  beforeAll(async () => {
    browser = await launchChromium();
    consoles = await startConsoles();
    page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await consoles?.stop();
  });

  it('shows the access made a moment before in plain words, blocks that provider (then refused), unblocks it', async () => {
    // A moment before: the persona's doctor checks her rights (and so may read her record).
    const check = await prepare(
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } },
      await authAs('cabinet-zzp00001', 'eligibility:check'),
    );
    expect(check.body.errors).toBeUndefined();
    expect(await doctorReads()).not.toBe('CONSENT_BLOCKED');
    const named = await postGraphQL<{ provider: { name: string } }>(
      inject('gatewayUrl'),
      PROVIDER_NAME,
      { inpe: 'ZZP00001' },
      await authAs('cabinet-zzp00001', 'provider:read'),
    );
    const doctor = named.body.data?.provider.name ?? '';
    expect(doctor).not.toBe('');

    await page.goto(`${CONSOLE_ORIGIN}/me`);
    // One sign-in on Keycloak's page; the second purpose (records:consent) is granted by the same session.
    await signInOnKeycloak(page, 'p01-amal');
    const history = page.locator('[data-testid=access-history]');
    await history.waitFor();
    // The check a moment before, in plain words (the doctor's reading of the record above is another row).
    const latest = history
      .locator('tbody tr')
      .filter({ hasText: doctor })
      .filter({ hasText: 'pour vérifier votre couverture avant des soins' })
      .first();
    await latest.waitFor();
    // Plain words: no purpose code, no INPE code.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('eligibility:check');
    expect(text).not.toContain('ZZP00001');

    await latest.getByRole('button', { name: `Bloquer ${doctor}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${doctor} ne peut plus lire votre dossier médical.` })
      .waitFor();
    expect(await page.locator('[data-testid=blocked-providers]').textContent()).toContain(doctor);
    try {
      expect(await doctorReads()).toBe('CONSENT_BLOCKED');
      await page.screenshot({ path: join(SCREENSHOTS, 'patient-my-data.png'), fullPage: true });
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await page.getByRole('button', { name: `Débloquer ${doctor}` }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${doctor} peut de nouveau lire votre dossier médical.` })
        .waitFor();
    }
    expect(await doctorReads()).not.toBe('CONSENT_BLOCKED');
  });

  it.skipIf(!SERVES_MY_DOCUMENTS)('lists my documents and hides one from every reader, then shows it again', async () => {
    await page.goto(`${CONSOLE_ORIGIN}/me`);
    const documents = page.locator('[data-testid=documents] tbody tr');
    await documents.first().waitFor();
    const first = documents.first();
    await first.getByRole('button', { name: /^Masquer / }).click();
    await first.getByRole('button', { name: /^Afficher de nouveau / }).waitFor();
    expect(await first.textContent()).toContain('Masqué');
    await first.getByRole('button', { name: /^Afficher de nouveau / }).click();
    await first.getByRole('button', { name: /^Masquer / }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
