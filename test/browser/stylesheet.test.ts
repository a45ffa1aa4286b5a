import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAssets } from '../../forms/assets.js';
import { stylesheetPath } from '../../forms/static/build/stylesheet.js';
import { stylesheetSources } from '../../forms/stylesheet.js';
import { launchChromium, newDutchContext } from '../support/browser.js';
import {
  get,
  postFormAndFollow,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * The purged, shortened stylesheet (forms/stylesheet.ts) must style every page exactly as the NL Design
 * System packages and our CSS do unpurged: each page is loaded twice in Chromium, once with the three
 * source stylesheets and once with the built one, and the computed style of every element must be equal:
 * the officials' pages and every page of the staff's dashboard and console.
 */

let pipeline: TestPipeline;
let browser: Browser;
let page: Page;
const pages = new Map<string, string>();
const origin = 'http://stijl.test';

beforeAll(async () => {
  pipeline = await startTestPipeline();
  const form = pipeline.formUrl('GM0160');
  const staff = {
    authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}`,
    accept: 'text/html',
  };
  pages.set('start page', await (await get(`${pipeline.baseUrl}/`)).text());
  pages.set('form', await (await get(form)).text());
  pages.set(
    'form with errors',
    (
      await postFormAndFollow(form, [
        ['_action', 'review'],
        ['collects', 'misschien'],
        ['amountOperatingCosts', 'veel'],
      ])
    ).text,
  );
  const answers = validEigenBijdrage({ contactEmail: 'stijl@hardenberg.example' });
  pages.set(
    'check page',
    (await postFormAndFollow(form, [['_action', 'review'], ['_draftRevision', '1'], ...rawOf(answers)])).text,
  );
  await postJson(form, { answers });
  pages.set('confirmation', await (await get(`${form}/bevestiging`)).text());
  // Every staff page (the dashboard and the console), each with something to show; not the summary's
  // preview, which is the email itself (its own inline styles, no stylesheet).
  const round = `/staf/rondes/${pipeline.round.id}`;
  const staffPages: Record<string, string> = {
    rounds: '/staf/rondes',
    round,
    submission: `${round}/gemeenten/GM0160`,
    'new round': '/staf/nieuwe-ronde',
    'change round': `${round}/wijzigen`,
    invitations: `${round}/uitnodigingen`,
    reminders: `${round}/herinneringen`,
    'audit trail': `${round}/logboek`,
    places: `/staf/rondes/${pipeline.rounds['voortgang-opgaven']!.id}/plaatsen`,
    mail: '/staf/mail',
    targets: '/staf/taakstellingen',
    contacts: '/staf/contacten',
    contact: '/staf/contacten/gemeente/GM0160',
    'registry import': '/staf/contacten/gemeentelijst',
  };
  for (const [name, path] of Object.entries(staffPages)) {
    const response = await get(`${pipeline.baseUrl}${path}`, staff);
    expect(response.status, name).toBe(200);
    pages.set(name, await response.text());
  }
  pages.set('accessibility statement', await (await get(`${pipeline.baseUrl}/toegankelijkheid`)).text());
  pages.set(
    'not found',
    await (await get(`${pipeline.baseUrl}/bestaat-niet`, { accept: 'text/html' })).text(),
  );
  browser = await launchChromium();
  page = await (await newDutchContext(browser)).newPage();
});

afterAll(async () => {
  await browser?.close();
  await pipeline?.stop();
});

/** The answers as a browser posts them (the eigen-bijdrage form's simple fields and its location rows). */
function rawOf(answers: Record<string, unknown>): [string, string][] {
  const fields: [string, string][] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (Array.isArray(value)) {
      value.forEach((row: Record<string, unknown>, index) => {
        for (const [column, cell] of Object.entries(row)) {
          fields.push([
            `${key}[${index}][${column}]`,
            typeof cell === 'boolean' ? (cell ? 'ja' : 'nee') : String(cell),
          ]);
        }
      });
    } else if (typeof value === 'boolean') fields.push([key, value ? 'ja' : 'nee']);
    else if (typeof value === 'number') fields.push([key, String(value).replace('.', ',')]);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [year, month, day] = value.split('-');
      fields.push([key, `${Number(day)}-${Number(month)}-${year}`]);
    } else fields.push([key, String(value)]);
  }
  return fields;
}

/** The computed style of every element in the body, in document order. */
async function computedStyles(html: string, links: string): Promise<string[]> {
  await page.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/pagina') {
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        // Without the page script: this compares what the stylesheets do, not what the script hides.
        body: html.replace(/<link rel="stylesheet"[^>]*>/, links).replace(/<script [^>]*><\/script>/g, ''),
      });
    }
    // The built stylesheet and the script, as the server serves them; else one of the sources.
    const asset = staticAssets.find((candidate) => candidate.urlPath === url.pathname);
    if (asset)
      return route.fulfill({ contentType: asset.contentType, body: await readFile(asset.file, 'utf8') });
    const index = Number(url.pathname.replace('/bron-', '').replace('.css', ''));
    return route.fulfill({
      contentType: 'text/css',
      body: await readFile(stylesheetSources[index]!, 'utf8'),
    });
  });
  // Not `visit`: a stand-in page, the stylesheets swapped in, compared style by style; not a page state of the
  // app (the real pages are checked for reflow where the suite visits them).
  await page.goto(`${origin}/pagina`);
  // Chromium focuses an `autofocus` element (the error summary) at its next rendering, which may come
  // before or after the styles are read: focused here, so both loads compare the focused page.
  await page.evaluate(() => (document.querySelector('[autofocus]') as HTMLElement | null)?.focus());
  const styles = await page.evaluate(() =>
    [...document.querySelectorAll('body, body *')].map((element) => {
      const style = getComputedStyle(element);
      const properties = [...style].filter((name) => !name.startsWith('--'));
      return `${element.tagName}${element.id ? `#${element.id}` : ''}{${properties.map((name) => `${name}:${style.getPropertyValue(name)}`).join(';')}}`;
    }),
  );
  await page.unroute(`${origin}/**`);
  return styles;
}

describe('the built stylesheet styles every page as the NL Design System sources do', () => {
  it('gives every element of every page the same computed style', async () => {
    const sources = stylesheetSources
      .map((_, index) => `<link rel="stylesheet" href="/bron-${index}.css">`)
      .join('');
    const built = `<link rel="stylesheet" href="${stylesheetPath}">`;
    for (const [name, html] of pages) {
      expect(html, name).toContain(built);
      const [expected, actual] = [await computedStyles(html, sources), await computedStyles(html, built)];
      expect(actual.length, name).toBe(expected.length);
      const differences = expected
        .map((style, index) => ({ index, expected: style, actual: actual[index]! }))
        .filter((pair) => pair.expected !== pair.actual)
        .map((pair) => {
          const want = pair.expected.split(';');
          const got = pair.actual.split(';');
          return `${name}, element ${pair.index}: ${want
            .filter((part, i) => part !== got[i])
            .slice(0, 3)
            .join('; ')} ≠ ${got
            .filter((part, i) => part !== want[i])
            .slice(0, 3)
            .join('; ')}`;
        });
      expect(differences, name).toEqual([]);
    }
  }, 600_000); // two loads of each of 21 pages in Chromium: minutes on a loaded 2-core machine
});
