import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeInvitation } from '../../functions/core/invitations.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { expectNoAxeViolations, newDutchContext, saveScreenshot } from '../support/browser.js';
import { startBrowserPipeline } from '../support/browser-pipeline.js';
import { postJson, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * The "wijzigen" link of the confirmation email, opened on another device: a browser that never had the
 * session cookie opens the amend page; once the secretariat revokes the municipality's invitation, the
 * same link shows the Dutch "link ingetrokken" page.
 */

let pipeline: TestPipeline;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
});

afterAll(() => stop?.());

describe('the confirmation email’s wijzigen link on another device', { timeout: 120_000 }, () => {
  it('opens the amend page without a cookie, and the revoked-link page after revocation', async () => {
    await pipeline.clearMailbox();
    const submitted = await postJson(pipeline.formUrl('GM0166'), {
      answers: validEigenBijdrage({ contactEmail: 'kees@kampen.example' }),
    });
    expect(submitted.status).toBe(201);
    const [mail] = (await pipeline.mailbox()).filter((item) =>
      item.destination.to.includes('kees@kampen.example'),
    );
    const link = /href="([^"]*\/uitnodiging\?code=[^"]+)"/.exec(mail!.body.html!)![1]!.replace(/&amp;/g, '&');

    const phone = await browser.newContext({
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await phone.newPage();
    expect(await phone.cookies()).toEqual([]);
    await page.goto(link);
    expect(page.url()).toBe(pipeline.formUrl('GM0166'));
    expect(await page.getByText('U wijzigt versie 1').count()).toBe(1);
    expect(await page.getByLabel('Uw e-mailadres').inputValue()).toBe('kees@kampen.example');
    await expectNoAxeViolations(page, 'the amend page opened from the confirmation email');
    await saveScreenshot(page, 'wijzigen-1-via-bevestiging');
    await phone.close();

    const [version] = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0166#');
    await revokeInvitation(
      { store: pipeline.store, clock: { now: () => new Date() }, ids: randomIds },
      { invitationId: String(version!.invitationId), actor: 'secretariaat@regietafel-ijsselland.example' },
    );
    const laptop = await newDutchContext(browser);
    const again = await laptop.newPage();
    const response = await again.goto(link);
    expect(response?.status()).toBe(401);
    expect(await again.getByRole('heading', { level: 1 }).textContent()).toBe('Deze link is ingetrokken');
    await expectNoAxeViolations(again, 'the revoked-link page');
    await saveScreenshot(again, 'wijzigen-2-ingetrokken');
    await laptop.close();
  });
});
