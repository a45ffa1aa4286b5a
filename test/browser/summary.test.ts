import { statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newDutchContext, saveScreenshot } from '../support/browser.js';
import {
  postJson,
  startTestPipeline,
  type TestPipeline,
  validVoortgangOpgaven,
} from '../support/pipeline.js';

/**
 * The compiled summary as the regietafel and the province see it: rendered by Chromium from the staff
 * preview route (the same HTML that is mailed), with its progress bars, and nothing loaded from elsewhere.
 */

let pipeline: TestPipeline;
let browser: Browser;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  browser = await launchChromium();
  const round = pipeline.rounds['voortgang-opgaven']!;
  const url = (code: string) => `${pipeline.baseUrl}/formulieren/voortgang-opgaven/${round.id}/${code}`;
  expect((await postJson(url('GM0193'), { answers: validVoortgangOpgaven() })).status).toBe(201);
  expect(
    (
      await postJson(url('GM0150'), {
        answers: validVoortgangOpgaven({ regularCommitted: 200, regularRealised: 90 }),
      })
    ).status,
  ).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await pipeline?.stop();
});

describe('the compiled summary in a browser', () => {
  it.each([
    ['regietafel:ijsselland', 'region:ijsselland', 'regio IJsselland'],
    ['provincie:overijssel', 'province:overijssel', 'provincie Overijssel'],
  ])('renders for %s with bars and without outside requests', async (role, scope, label) => {
    const context = await newDutchContext(browser);
    await context.setExtraHTTPHeaders({ authorization: `Bearer ${await pipeline.staffToken(role)}` });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(pipeline.baseUrl)) outside.push(request.url());
    });
    const round = pipeline.rounds['voortgang-opgaven']!;
    const response = await page.goto(`${pipeline.baseUrl}/staf/rondes/${round.id}/overzicht?scope=${scope}`);
    expect(response?.status()).toBe(200);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain(label);
    expect(text).toContain('Zwolle');
    expect(text).toContain('Deventer');
    // Progress bars are table cells with a coloured background, visible at a width.
    const bars = await page.locator('td[bgcolor]').count();
    expect(bars).toBeGreaterThan(2);
    expect(outside).toEqual([]);
    const file = await saveScreenshot(page, `overzicht-${scope.replace(':', '-')}`);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await context.close();
  });
});
