import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { CONSOLE_ORIGIN, SCREENSHOTS, prepare, signInOnKeycloak, startConsoles } from '../support/console';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const PERSONA = 'ZZ000001';
const JUSTIFICATION = 'Patiente inconsciente admise aux urgences, antécédents nécessaires';
const ELIGIBILITY = 'query ($input: EligibilityInput!) { eligibility(input: $input) { outcome } }';
const BREAK_GLASS =
  'query ($nationalId: String!, $breakGlass: BreakGlassInput) { person(nationalId: $nationalId) { documents(breakGlass: $breakGlass) { totalCount } } }';
const LATEST_BREAK_GLASS = /* GraphQL */ `
  {
    auditEvents(filter: { clientId: "hopital-zzp00004", decision: BREAK_GLASS }, first: 1) {
      edges {
        node {
          eventId
          review {
            verdict
            reviewer
          }
        }
      }
    }
  }
`;
/** Whether the review queue serves the justification yet (the back end adds the field to AuditEvent). */
const QUEUE_SERVES_JUSTIFICATION = /type AuditEvent\b[^}]*\bbreakGlassJustification\b/.test(
  readFileSync(join(import.meta.dirname, '../../gateway/supergraph/supergraph.graphql'), 'utf8'),
);

describe('officer console in a real browser (Chromium, Keycloak login page)', () => {
  let browser: Browser;
  let consoles: { stop: () => Promise<void> };
  let officer: BrowserContext;
  let page: Page;
  let breakGlassEventId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    consoles = await startConsoles();
    // What the officer will find: an eligibility check of the persona, and a break-glass access to review.
    const gateway = inject('gatewayUrl');
    const check = await prepare(
      ELIGIBILITY,
      { input: { nationalId: PERSONA, providerInpe: 'ZZP00001' } },
      await authAs('cabinet-zzp00001', 'eligibility:check'),
    );
    expect(check.body.errors).toBeUndefined();
    const emergency = await prepare(
      BREAK_GLASS,
      { nationalId: 'ZZ000011', breakGlass: { justification: JUSTIFICATION } },
      await authAs('hopital-zzp00004', 'records:break-glass'),
    );
    expect(emergency.body.errors).toBeUndefined();
    const latest = await postGraphQL<{ auditEvents: { edges: { node: { eventId: string } }[] } }>(
      gateway,
      LATEST_BREAK_GLASS,
      {},
      await authAs('cndp-inspector', 'audit:read'),
    );
    breakGlassEventId = latest.body.data?.auditEvents.edges[0]?.node.eventId ?? '';
    expect(breakGlassEventId).not.toBe('');
    officer = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await officer.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await consoles?.stop();
  });

  it('signs an officer in on Keycloak, searches a persona by national id (never in a URL), opens an event; first render measured', async () => {
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(`${CONSOLE_ORIGIN}/officer`);
    await signInOnKeycloak(page, 'officer-anam');
    await page.waitForSelector('#nationalId');

    // Time to first render of the search, on a load with the session in place.
    await page.reload();
    await page.waitForSelector('#nationalId');
    const firstRenderMs = await page.evaluate(() => performance.getEntriesByName('console:officer-search-rendered')[0]?.startTime ?? -1);
    expect(firstRenderMs).toBeGreaterThan(0);
    console.error(`console: officer search first rendered ${firstRenderMs.toFixed(0)} ms after navigation start`);

    await page.fill('#nationalId', PERSONA);
    await page.click('button[type=submit]');
    const rows = page.locator('[data-testid=audit-results] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=audit-results]').textContent()).toContain('eligibility:check');
    await page.screenshot({ path: join(SCREENSHOTS, 'officer-search.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // CSV export of the search.
    const [download] = await Promise.all([
      page.waitForEvent('download').catch(async (error: unknown) => {
        throw new Error(`no CSV download; the page said: ${await page.locator('[role=alert]').allTextContents()}`, { cause: error });
      }),
      page.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('eventId,occurredAt,clientId');
    expect(csv).toContain('eligibility:check');
    expect(csv).not.toContain(PERSONA);

    await rows.first().getByRole('link', { name: 'Ouvrir' }).click();
    const detail = page.locator('[data-testid=event-detail]');
    await detail.waitFor();
    expect(await page.locator('[data-testid=fields-served]').textContent()).toContain('eligibility');
    expect(await detail.textContent()).not.toContain(PERSONA);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The national id went in POST bodies only: no URL the browser asked for carries it.
    expect(urls.filter((url) => url.includes(PERSONA))).toEqual([]);
    expect(page.url()).not.toContain(PERSONA);
  });

  it('shows the anomaly reports with a chart and its table', async () => {
    await page.goto(`${CONSOLE_ORIGIN}/officer/anomalies`);
    await page.locator('svg[role=img][data-chart=anomalies-per-day]').waitFor();
    expect(await page.locator('.chart-and-table table tbody tr').count()).toBeGreaterThanOrEqual(28);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('reviews a break-glass access from the queue (justification shown to ANAM), and the verdict is recorded', async () => {
    await page.goto(`${CONSOLE_ORIGIN}/officer/break-glass`);
    const item = page.locator(`li[data-event-id="${breakGlassEventId}"]`);
    await item.waitFor();
    if (QUEUE_SERVES_JUSTIFICATION) expect(await item.locator('[data-testid=justification]').textContent()).toBe(JUSTIFICATION);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await item.getByRole('button', { name: 'Justifié', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Examen enregistré' }).waitFor();
    expect(await item.count()).toBe(0);

    const reviewed = await postGraphQL<{
      auditEvents: { edges: { node: { eventId: string; review: { verdict: string; reviewer: string } | null } }[] };
    }>(inject('gatewayUrl'), LATEST_BREAK_GLASS, {}, await authAs('cndp-inspector', 'audit:read'));
    expect(reviewed.body.data?.auditEvents.edges[0]?.node).toMatchObject({ eventId: breakGlassEventId, review: { verdict: 'JUSTIFIED' } });
  });

  it('keeps the search across an expired session: back from the login page, the same search is shown again', async () => {
    await page.goto(`${CONSOLE_ORIGIN}/officer`);
    await page.fill('#nationalId', PERSONA);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=audit-results] tbody tr').first().waitFor();
    // The session ends: the identity provider's session is gone and the token has expired.
    await officer.clearCookies();
    await page.evaluate(() => {
      for (const key of Object.keys(sessionStorage).filter((name) => name.startsWith('cmb.officer-console.audit:read.'))) {
        const user = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { expires_at?: number };
        user.expires_at = Math.floor(Date.now() / 1000) - 60;
        sessionStorage.setItem(key, JSON.stringify(user));
      }
    });
    await page.click('button[type=submit]');
    await signInOnKeycloak(page, 'officer-anam');
    await page.locator('[data-testid=audit-results] tbody tr').first().waitFor();
    expect(await page.inputValue('#nationalId')).toBe(PERSONA);
    expect(new URL(page.url()).pathname).toBe('/officer');
  });

  it('lays the Arabic page out right to left, by the browser language and by the switch', async () => {
    const arabic = await browser.newContext({ locale: 'ar-MA' });
    try {
      const home = await arabic.newPage();
      await home.goto(`${CONSOLE_ORIGIN}/`);
      await home.locator('h1').waitFor();
      expect(
        await home.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]),
      ).toEqual(['ar', 'rtl', 'rtl']);
      // The first card's title starts on the right: its right edge is near the page's right edge.
      const box = await home.locator('.spaces h2').first().boundingBox();
      const width = await home.evaluate(() => document.documentElement.clientWidth);
      expect(box && width - (box.x + box.width)).toBeLessThan(width / 4);
      expect(await seriousAccessibilityViolations(home)).toEqual([]);
    } finally {
      await arabic.close();
    }
    // The officer's page switched to Arabic: right to left, the labels and messages in Arabic.
    await page.goto(`${CONSOLE_ORIGIN}/officer`);
    await page.locator('#nationalId').waitFor();
    await page.selectOption('header select', 'ar');
    await page.locator('h1', { hasText: 'البحث في سجل الولوج' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.screenshot({ path: join(SCREENSHOTS, 'officer-search-ar.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.selectOption('header select', 'fr');
  });

  it('tells a signed-in user without the officer role so, instead of an empty table', async () => {
    const insured = await browser.newContext({ locale: 'en-GB' });
    try {
      const other = await insured.newPage();
      await other.goto(`${CONSOLE_ORIGIN}/officer`);
      await signInOnKeycloak(other, 'p01-amal');
      await other.locator('[data-testid=no-role]').waitFor();
      expect(await other.locator('h1').textContent()).toBe('This space is for security officers');
      expect(await other.locator('table').count()).toBe(0);
      expect(await seriousAccessibilityViolations(other)).toEqual([]);
    } finally {
      await insured.close();
    }
  });
});
