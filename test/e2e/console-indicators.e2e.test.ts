import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRealm } from '@cmb/auth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { CONSOLE_ORIGIN, SCREENSHOTS, signInOnKeycloak, startConsoles } from '../support/console';

const REGULATOR = 'regulator-cndp';
/** The indicators land with the statistics:read purpose, its queries and the regulator's user (back end); until then this waits. */
const INDICATORS_SERVED =
  /\bcoverageIndicators\(/.test(readFileSync(join(import.meta.dirname, '../../gateway/supergraph/supergraph.graphql'), 'utf8')) &&
  JSON.parse(readFileSync(join(import.meta.dirname, '../../auth/realm/cmb-realm.json'), 'utf8')).users.some(
    (user: { username: string }) => user.username === REGULATOR,
  );

describe.skipIf(!INDICATORS_SERVED)("regulator's indicators in a real browser (Chromium, Keycloak login page)", () => {
  let browser: Browser;
  let consoles: { stop: () => Promise<void> };

  beforeAll(async () => {
    expect(loadRealm().clients.has('officer-console')).toBe(true);
    browser = await launchChromium();
    consoles = await startConsoles();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await consoles?.stop();
  });

  it('draws each indicator as a chart with its table beside, and shows no published cell under the threshold', async () => {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${CONSOLE_ORIGIN}/indicators`);
    await signInOnKeycloak(page, REGULATOR);
    const figures = page.locator('section[data-indicator]');
    await figures.first().waitFor();
    const ids = await figures.evaluateAll((sections) => sections.map((section) => section.getAttribute('data-indicator')));
    expect(ids).toEqual(expect.arrayContaining(['INSURED_BY_ORGANISM_REGIME_REGION', 'ELIGIBILITY_CHECKS', 'BREAK_GLASS_ACCESSES']));
    // Each figure: a chart (an SVG image with bars) beside a table.
    for (const id of ids) {
      const figure = page.locator(`section[data-indicator="${id}"]`);
      expect(await figure.locator('svg[role=img]').count()).toBe(1);
      expect(await figure.locator('table').count()).toBe(1);
    }
    expect(await page.locator('svg[role=img] .bar').count()).toBeGreaterThan(0);
    // No published count under the threshold the page states; suppressed cells say so.
    const threshold = Number(/\d+/.exec((await page.locator('main > p').first().textContent()) ?? '')?.[0]);
    expect(threshold).toBeGreaterThan(0);
    const counts = await page.locator('td.cell-count').allTextContents();
    for (const count of counts) expect(Number(count.replace(/\D/g, ''))).toBeGreaterThanOrEqual(threshold);
    for (const cell of await page.locator('td.cell-suppressed').allTextContents()) expect(cell).toMatch(/masqué/);
    await page.screenshot({ path: join(SCREENSHOTS, 'regulator-indicators.png') });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
