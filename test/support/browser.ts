import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Browser tests drive the Debian `chromium` package through playwright-core. Playwright's own browser
 * download is never used: the binary comes from apt (`apt-get install -y chromium`), or from
 * `CHROMIUM_PATH` when it lives elsewhere.
 */

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The flags that make Debian Chromium start reliably in containers and CI (STACK.md, gotcha 8). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install the Debian package with ` +
        '`apt-get update && apt-get install -y chromium`, or set CHROMIUM_PATH to an existing Chromium binary. ' +
        'These tests never download a browser.',
    );
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** A fresh context as a Dutch official's desktop browser: Dutch locale, Amsterdam time, a laptop screen. */
export function newDutchContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
  });
}

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails with a readable list when axe finds any WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => `    - ${node.target.join(' ')}`).join('\n');
    return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n    ${violation.helpUrl}\n${targets}`;
  });
  throw new Error(
    `axe found ${results.violations.length} WCAG 2.1 AA violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`,
  );
}

export const screenshotDir = fileURLToPath(new URL('../../test-results/browser/', import.meta.url));

/** Saves a full-page screenshot to test-results/browser/<name>.png (gitignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // From the top: scrolled down, a full-page capture draws position:fixed elements that are off-screen in
  // the viewport (such as the hidden skip link) in the middle of the page. Focus stays where it is.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
