import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAssets } from '../../forms/assets.js';
import { stylesheetPath } from '../../forms/static/build/stylesheet.js';
import { buildStylesheet, stylesheetSources } from '../../forms/stylesheet.js';
import {
  get,
  postFormAndFollow,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * The one stylesheet (issue 14, item 4): built from the NL Design System packages with only what the pages
 * use, linked under its content hash, served as CloudFront serves it (a year, immutable, compressed), and
 * pages compressed too. The pages are fetched through the local server in their common states, and every
 * class they use that the NL Design System (or our own CSS) styles must still be styled.
 */

let pipeline: TestPipeline;
let built: string;
const pages = new Map<string, string>();

/** Class names in selectors (`.utrecht-button:hover` → `utrecht-button`). */
function selectorClasses(css: string): Set<string> {
  const withoutValues = css.replace(/\{[^{}]*\}/g, '{}');
  return new Set([...withoutValues.matchAll(/\.([A-Za-z_][\w-]*)/g)].map((match) => match[1]!));
}

function pageClasses(html: string): Set<string> {
  return new Set(
    [...html.matchAll(/class="([^"]*)"/g)].flatMap((match) => match[1]!.split(/\s+/)).filter(Boolean),
  );
}

/** A raw HTTP GET (fetch would undo the compression before we could see it). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  built = (await buildStylesheet()).css;
  pipeline = await startTestPipeline();
  const form = pipeline.formUrl('GM0148');
  const staff = {
    authorization: `Bearer ${await pipeline.staffToken('provincie:overijssel')}`,
    accept: 'text/html',
  };
  pages.set('landing', await (await get(`${pipeline.baseUrl}/`)).text());
  pages.set('form', await (await get(form)).text());
  pages.set(
    'form with errors',
    (
      await postFormAndFollow(form, [
        ['_action', 'review'],
        ['collects', 'misschien'],
      ])
    ).text,
  );
  const answers = validEigenBijdrage({ contactEmail: 'stijl@dalfsen.example' });
  await postJson(form, { answers });
  pages.set('confirmation', await (await get(`${form}/bevestiging`)).text());
  pages.set('dashboard', await (await get(`${pipeline.baseUrl}/staf/rondes`, staff)).text());
  pages.set('round', await (await get(`${pipeline.baseUrl}/staf/rondes/${pipeline.round.id}`, staff)).text());
  pages.set(
    'not found',
    await (await get(`${pipeline.baseUrl}/formulieren/onbekend/x/GM0148`, { authorization: 'none' })).text(),
  );
});

afterAll(async () => {
  await pipeline?.stop();
});

describe('one stylesheet with what the pages use', () => {
  it('is the only stylesheet a page links, under its content hash', () => {
    for (const [name, html] of pages) {
      const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((match) => match[1]);
      expect(links, name).toEqual([stylesheetPath]);
    }
    expect(stylesheetPath).toMatch(/^\/assets\/regietafel\.[0-9a-f]{12}\.css$/);
  });

  it('still styles every class the pages use that the NL Design System or our CSS styles', async () => {
    const source = selectorClasses(
      (await Promise.all(stylesheetSources.map((file) => readFile(file, 'utf8')))).join('\n'),
    );
    const kept = selectorClasses(built);
    for (const [name, html] of pages) {
      for (const used of pageClasses(html)) {
        if (source.has(used)) expect(kept.has(used), `${name}: .${used}`).toBe(true);
      }
    }
  });

  it('keeps every class of a prefix a page completes at run time (rt-status--<status>)', async () => {
    const built = selectorClasses((await buildStylesheet()).css);
    for (const status of ['ingezonden', 'concept', 'niets'])
      expect(built.has(`rt-status--${status}`)).toBe(true);
  });

  it('leaves out the components and tokens no page uses', async () => {
    const { css } = await buildStylesheet();
    const built = selectorClasses(css);
    for (const unused of [
      'utrecht-calendar',
      'utrecht-accordion',
      'utrecht-breadcrumb-nav',
      'utrecht-drawer',
    ]) {
      expect(built.has(unused), unused).toBe(false);
    }
    const theme = await readFile(stylesheetSources[0]!, 'utf8');
    const tokensInTheme = theme.match(/^\s*--[\w-]+:/gm)!.length;
    const tokensKept = css.match(/--[\w]+:/g)!.length;
    expect(tokensKept).toBeLessThan(tokensInTheme / 2);
  });
});

describe('served as CloudFront serves it', () => {
  it('is cached for a year as immutable, with an ETag, and Brotli or gzip when the browser accepts it', async () => {
    const url = `${pipeline.baseUrl}${stylesheetPath}`;
    const identity = await readFile(staticAssets.find((asset) => asset.urlPath === stylesheetPath)!.file);
    const plain = await rawGet(url, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(identity)).toBe(true);

    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gzip.body).equals(identity)).toBe(true);

    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.body.length).toBeLessThan(identity.length / 3);

    const again = await rawGet(url, { 'if-none-match': String(plain.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('compresses the pages too, and leaves small answers and binary files alone', async () => {
    const token = await pipeline.tokenFor('GM0148');
    const page = await rawGet(pipeline.formUrl('GM0148'), {
      cookie: `regietafel_sessie=${token}`,
      'accept-encoding': 'gzip',
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(page.body).toString('utf8')).toContain('<html lang="nl"');
    const redirect = await rawGet(`${pipeline.baseUrl}/staf/rondes`, {
      accept: 'text/html',
      'accept-encoding': 'gzip',
    });
    expect(redirect.status).toBe(303);
    expect(redirect.headers['content-encoding']).toBeUndefined();
  });
});
