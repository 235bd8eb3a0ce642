import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (package `chromium`, installed by .ci/run), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts headless Chromium for the browser tests (playwright-core drives the
 * machine's Chromium; it downloads no browser). Run as root, Chromium needs
 * `--no-sandbox`. A missing Chromium fails with what to install; a first
 * launch that fails (a busy machine) is retried once, then its cause is given.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: the browser tests drive Debian's chromium package; install it (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  const launch = () =>
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      timeout: 60_000,
    });
  try {
    return await launch();
  } catch {
    try {
      return await launch();
    } catch (second) {
      throw new Error(`Chromium (${CHROMIUM_PATH}) did not start twice: ${(second as Error).message}`, { cause: second });
    }
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility violation axe-core found: its rule, impact, and the elements concerned. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules, and best practices) on the page as
 * it stands and returns its serious and critical violations. The source is
 * evaluated through the DevTools protocol, which the page's CSP does not
 * apply to (an injected script tag would be refused, as it should).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeRawViolation[] }> } })
      .axe;
    interface AxeRawViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
