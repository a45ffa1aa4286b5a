import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
  type Response,
} from 'playwright-core';
import type { Round } from '../../functions/core/model.js';
import type { TestPipeline } from './pipeline.js';

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

/**
 * A fresh context as a Dutch official's desktop browser: Dutch locale, Amsterdam time, a laptop screen;
 * `options` changes that (`javaScriptEnabled: false`: a browser without the page script).
 */
export function newDutchContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
}

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The widths a page must reflow at (WCAG 1.4.10, which axe cannot measure): a 320 px phone, and a 1280 px
 * screen at 200 % zoom (640 CSS px).
 */
export const reflowWidths = [320, 640] as const;

/**
 * Fails unless the page, at each width, needs no sideways scrolling: the document is no wider than the
 * window, and no element sticks out of it except inside a container that scrolls by itself (a data table
 * in its labelled region). The window, its scroll position and focus are put back as they were.
 */
export async function expectReflow(page: Page, label: string, widths: readonly number[] = reflowWidths) {
  const viewport = page.viewportSize();
  const scrolled = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  try {
    for (const width of widths) {
      await page.setViewportSize({ width, height: viewport?.height ?? 800 });
      const found = await page.evaluate(() => {
        const window_ = document.documentElement.clientWidth;
        const scrollsByItself = (element: Element) => {
          for (let parent = element.parentElement; parent; parent = parent.parentElement) {
            const overflow = getComputedStyle(parent).overflowX;
            if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
          }
          return false;
        };
        const sticking = [...document.body.querySelectorAll('*')]
          .filter((element) => {
            const box = element.getBoundingClientRect();
            // Only the right edge: what sticks out to the left (an off-screen default button) scrolls nothing.
            return box.width > 0 && box.right > window_ + 0.5 && !scrollsByItself(element);
          })
          .map((element) => {
            const box = element.getBoundingClientRect();
            const text = element.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) ?? '';
            return `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ${Math.round(box.left)}–${Math.round(box.right)} px "${text}"`;
          });
        return { scrollWidth: document.documentElement.scrollWidth, sticking };
      });
      if (found.scrollWidth > width || found.sticking.length > 0) {
        throw new Error(
          `${label} (${page.url()}) does not reflow at ${width} px: the page is ${found.scrollWidth} px wide; sticking out:\n  ${found.sticking.slice(0, 8).join('\n  ')}`,
        );
      }
    }
  } finally {
    if (viewport) await page.setViewportSize(viewport);
    await page.evaluate(({ x, y }) => window.scrollTo(x, y), scrolled);
  }
}

/** How many tables stand outside a keyboard-reachable scroll region (`[role="region"][tabindex="0"]`). */
export function tablesOutsideScrollRegions(scope: Page | Locator): Promise<number> {
  return scope
    .locator('table')
    .evaluateAll(
      (tables) => tables.filter((table) => !table.closest('[role="region"][tabindex="0"]')).length,
    );
}

/**
 * Fails with a readable list when the page as it is now breaks WCAG 2.1 A/AA: any violation axe finds, and
 * reflow at 320 px and at 200 % zoom (`expectReflow`), the one AA criterion the browser suite measures itself.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await expectReflow(page, label);
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

/**
 * A page checked as it is and on a 320 × 640 phone: axe-clean (which includes `expectReflow`) and
 * photographed at both (`<screenshot>.png`, `<screenshot>-320.png`); the window is put back.
 */
export async function lookAtWideAndNarrow(page: Page, label: string, screenshot: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  await saveScreenshot(page, screenshot);
  const wide = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(page, `${screenshot}-320`);
  await expectNoAxeViolations(page, `${label} (320 px)`);
  await page.setViewportSize(wide);
}

// ——— Acting as a person with the keyboard, and reading pages back ———————————————————————————————————

/** What has keyboard focus, for readable assertion messages. */
export function describeFocus(target: Page): Promise<string> {
  return target.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '(nothing)';
    const id = element.id ? `#${element.id}` : '';
    const name = element.getAttribute('name');
    const text = element.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${element.tagName.toLowerCase()}${id}${name ? `[name=${name}]` : ''}${text ? ` "${text}"` : ''}`;
  });
}

export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Fails unless the locator's element has keyboard focus, naming what has focus instead. */
export async function expectFocused(locator: Locator, what: string): Promise<void> {
  if (!(await isFocused(locator))) {
    throw new Error(`Expected focus on ${what}, but it is on ${await describeFocus(locator.page())}`);
  }
}

/** Tab (as a person does) until the element has focus; fails if it is not reached within a few presses. */
export async function tabTo(locator: Locator, what: string, maxPresses = 12): Promise<void> {
  const target = locator.page();
  for (let press = 0; press < maxPresses; press++) {
    await target.keyboard.press('Tab');
    if (await isFocused(locator)) return;
  }
  throw new Error(
    `${what} not reached after ${maxPresses} Tab presses; focus is on ${await describeFocus(target)}`,
  );
}

/** One Tab must land exactly on the next field: the tab order follows the visual order. */
export async function tabOnceTo(locator: Locator, what: string): Promise<void> {
  await locator.page().keyboard.press('Tab');
  await expectFocused(locator, what);
}

/** One Tab to the next field, then type into it. */
export async function tabAndType(locator: Locator, what: string, text: string): Promise<void> {
  await tabOnceTo(locator, what);
  await locator.page().keyboard.type(text);
}

/** Selects everything in a field and types over it (an empty text clears it). */
export async function retype(locator: Locator, text: string): Promise<void> {
  await locator.focus();
  await locator.page().keyboard.press('ControlOrMeta+A');
  if (text === '') await locator.page().keyboard.press('Delete');
  else await locator.page().keyboard.type(text);
}

/**
 * Chooses an option in the focused (closed) select with the arrow keys, as a keyboard user does: ArrowDown
 * until the selected option's text matches. Fails if no option matches. Returns the option's value.
 */
export async function chooseWithArrowKeys(select: Locator, option: RegExp): Promise<string> {
  const count = await select.locator('option').count();
  for (let press = 0; press < count; press++) {
    await select.page().keyboard.press('ArrowDown');
    const chosen = await select.evaluate((element: HTMLSelectElement) => ({
      text: element.selectedOptions[0]?.textContent ?? '',
      value: element.value,
    }));
    if (option.test(chosen.text)) return chosen.value;
  }
  throw new Error(`No option matching ${option} in the select`);
}

/**
 * Runs an action that makes the browser load a new document (a link, a form post, a redirect after a post)
 * and resolves once it has loaded, with the HTTP status of the document the browser shows (a 303 is
 * followed; its target's status is returned). Waits for the response, the commit and the load event: no
 * timers. Every page state reached so is checked for reflow at 320 px and at 200 % zoom (`expectReflow`),
 * so no state a journey passes through escapes the check.
 */
export async function loadsNewPage(target: Page, action: () => Promise<unknown>): Promise<number> {
  const answered = target.waitForResponse((response) => {
    const request = response.request();
    const status = response.status();
    return (
      request.isNavigationRequest() &&
      request.frame() === target.mainFrame() &&
      (status < 300 || status >= 400)
    );
  });
  const committed = target.waitForEvent('framenavigated', {
    predicate: (frame) => frame === target.mainFrame(),
  });
  await action();
  const [response] = await Promise.all([answered, committed]);
  await target.waitForLoadState('load');
  if (response.headers()['content-type']?.startsWith('text/html')) {
    await expectReflow(target, `the page after a ${response.request().method()}`);
  }
  return response.status();
}

/**
 * Opens an address as typed into the address bar (`page.goto`); when it answers with a page (HTML), that
 * page is checked for reflow at 320 px and at 200 % zoom (`expectReflow`), as `loadsNewPage` checks the
 * pages a journey clicks to. The response, as `goto` gives it.
 */
export async function visit(target: Page, url: string): Promise<Response | null> {
  const response = await target.goto(url);
  if (response?.headers()['content-type']?.startsWith('text/html')) {
    await expectReflow(target, `the page at ${new URL(url).pathname}`);
  }
  return response;
}

/** Presses Enter on the focused button and waits for the page the server answers with; its HTTP status. */
export async function pressEnterOn(button: Locator, what: string): Promise<number> {
  await expectFocused(button, what);
  return loadsNewPage(button.page(), () => button.page().keyboard.press('Enter'));
}

/** Focuses a button (as after a click or Tab) and presses Enter on it; the HTTP status of the answer. */
export async function activate(button: Locator, what: string): Promise<number> {
  await button.focus();
  return pressEnterOn(button, what);
}

/**
 * The answers as a check, confirmation or read-only page lists them (`section.rt-answers`): per section
 * title (h3) and per row of a repeated group (h4, e.g. `Knelpunt 2`), each label with its shown value.
 */
export function shownAnswers(target: Page): Promise<Record<string, Record<string, string>>> {
  return target.evaluate(() => {
    // A heading's soft hyphens (compoundHeading) are where it may break, not part of its words.
    const text = (element: Element | null | undefined) =>
      element?.textContent
        ?.trim()
        .replace(/\s+/g, ' ')
        .replace(/\u00AD/g, '') ?? '';
    const read = (list: Element | null) =>
      Object.fromEntries(
        [...(list?.querySelectorAll(':scope > div') ?? [])].map((item) => [
          text(item.querySelector('dt')),
          text(item.querySelector('dd')),
        ]),
      );
    const shown: Record<string, Record<string, string>> = {};
    for (const section of document.querySelectorAll('main section.rt-answers')) {
      shown[text(section.querySelector('h3'))] = read(section.querySelector(':scope > dl'));
      for (const heading of section.querySelectorAll('h4')) {
        const list = heading.nextElementSibling;
        shown[text(heading)] = read(list?.tagName === 'DL' ? list : null);
      }
    }
    return shown;
  });
}

/** The items of the first list (`ul`) after a heading, e.g. the warnings or the changes. */
export function listAfterHeading(target: Page, heading: string): Promise<string[]> {
  return target
    .getByRole('heading', { name: heading, exact: true })
    .locator('xpath=following-sibling::ul[1]')
    .locator('li')
    .allTextContents();
}

/**
 * Fails unless the browser is at the expected path (and query), telling what it shows instead: the
 * heading, the error summary, notices and alerts.
 */
export async function expectAt(target: Page, expected: string): Promise<void> {
  const url = new URL(target.url());
  if (`${url.pathname}${url.search}` === expected) return;
  const heading = await target.getByRole('heading', { level: 1 }).first().textContent();
  const problems = await target.locator('#foutmeldingen, .utrecht-alert, [role=status]').allTextContents();
  throw new Error(
    `Expected the browser at ${expected}, but it shows ${url.pathname}${url.search}: "${heading}"\n${problems
      .map((problem) => problem.trim().replace(/\s+/g, ' '))
      .join('\n')}`,
  );
}

/**
 * Opens a municipality's form as an official does: through the link in the invitation email. The link sets
 * the session cookie for the round and redirects to the form, so the code leaves the address bar.
 */
export async function openInvitation(
  target: Page,
  pipeline: TestPipeline,
  municipality: string,
  round: Round,
): Promise<void> {
  const code = await pipeline.tokenFor(municipality, round.id);
  const response = await target.goto(`${pipeline.baseUrl}/uitnodiging?code=${encodeURIComponent(code)}`);
  await expectAt(target, new URL(pipeline.formUrl(municipality, round)).pathname);
  if (response?.status() !== 200) throw new Error(`The form answered ${response?.status()}`);
  await expectReflow(target, 'the form opened from its invitation link');
}

/** Fails unless the check page is shown, with the error summary in the message if the form came back. */
export async function expectCheckPage(target: Page): Promise<void> {
  const heading = await target.getByRole('heading', { level: 1 }).textContent();
  if (heading === 'Controleer uw antwoorden') return;
  const problems = await target.locator('#foutmeldingen, .utrecht-alert').allTextContents();
  throw new Error(`Expected the check page, but the browser shows "${heading}":\n${problems.join('\n')}`);
}

/** "Controleren" on the form (focus, Enter) → the check page. */
export async function reviewAnswers(target: Page): Promise<void> {
  const status = await activate(
    target.getByRole('button', { name: 'Controleren', exact: true }),
    'the Controleren button',
  );
  await expectCheckPage(target);
  if (status !== 200) throw new Error(`The check page answered ${status}`);
}

/**
 * "Versturen" (first version) or "Wijziging versturen" (an amendment) on the check page → the confirmation
 * page of that version, at `<form path>/bevestiging?versie=<version>`.
 */
export async function sendAnswers(target: Page, formPath: string, version: number): Promise<void> {
  const button = target.getByRole('button', {
    name: version > 1 ? 'Wijziging versturen' : 'Versturen',
    exact: true,
  });
  const status = await activate(button, 'the send button of the check page');
  await expectAt(target, `${formPath}/bevestiging?versie=${version}`);
  if (status !== 200) throw new Error(`The confirmation page answered ${status}`);
  const heading = await target.getByRole('heading', { level: 1 }).textContent();
  if (heading !== 'Uw antwoorden zijn ontvangen') throw new Error(`The confirmation page shows "${heading}"`);
}

/** Each row of a table body as the texts of its cells. */
export function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('th, td')].map(
          (cell) => cell.textContent?.trim().replace(/\s+/g, ' ') ?? '',
        ),
      ),
    );
}
