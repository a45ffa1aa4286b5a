import { SESClient } from '@aws-sdk/client-ses';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { inviteMunicipalities } from '../../functions/core/invitations.js';
import { sendReminders } from '../../functions/core/reminders.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { newDutchContext, saveScreenshot } from '../support/browser.js';
import { startBrowserPipeline } from '../support/browser-pipeline.js';
import { postJson, type StoredMail, type TestPipeline, validAnswers } from '../support/pipeline.js';

/**
 * The emails a municipality receives — the confirmation of each form (and of an amendment, with its table
 * of changes), the invitation and the reminder — rendered by Chromium in a 600 px mail pane and on a 375 px
 * phone: no sideways scrolling, also with the longest addresses of the registry (Zwartewaterland's
 * coordinator, the IJsselland secretariat in the footer) and a long address among the answers.
 */

let pipeline: TestPipeline;
let browser: Browser;
let stop: () => Promise<void>;

const municipality = 'GM1896';
const contactEmail = 'coordinator.vluchtelingenwerk@zwartewaterland.gemeente.example';

beforeAll(async () => {
  ({ pipeline, browser, stop } = await startBrowserPipeline());
  for (const [formId, answers] of Object.entries(validAnswers)) {
    const url = pipeline.formUrl(municipality, pipeline.rounds[formId]!);
    expect((await postJson(url, { answers: answers({ contactEmail }) })).status, formId).toBe(201);
  }
  // An amendment: its confirmation has the table of what changed.
  const amended = validAnswers['eigen-bijdrage']!({ contactEmail, remarks: 'Aangepast na overleg.' });
  expect((await postJson(pipeline.formUrl(municipality), { answers: amended, baseVersion: 1 })).status).toBe(
    201,
  );
  const deps = {
    store: pipeline.store,
    mailer: new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url })),
    clock: { now: () => new Date() },
    ids: randomIds,
  };
  await inviteMunicipalities(deps, {
    roundId: pipeline.rounds['voortgang-opgaven']!.id,
    municipalities: ['GM1896'],
    baseUrl: pipeline.baseUrl,
    send: true,
    actor: 'test',
  });
  const round = { ...pipeline.round, id: 'herinnering-smal', regions: ['ijsselland'] };
  await pipeline.store.createRound(round);
  await sendReminders(deps, { roundId: round.id, period: 'test', baseUrl: pipeline.baseUrl, actor: 'test' });
});

afterAll(() => stop?.());

describe('the emails a municipality receives, in a browser', () => {
  it('fit a 600 px mail pane and a 375 px phone without sideways scrolling', async () => {
    const mails = (await pipeline.mailbox()).filter((mail: StoredMail) =>
      mail.subject.includes('gemeente Zwartewaterland'),
    );
    const kinds = mails.map((mail) => mail.subject.split(':')[0]);
    expect(kinds.filter((kind) => kind === 'Ontvangen')).toHaveLength(4);
    expect(kinds).toContain('Uitnodiging');
    expect(kinds).toContain('Herinnering');
    const page = await (await newDutchContext(browser)).newPage();
    for (const [index, mail] of mails.entries()) {
      for (const width of [600, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.setContent(mail.body.html!);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${mail.subject} at ${width} px`).toBeLessThanOrEqual(0);
        await saveScreenshot(page, `gemeente-email-${index + 1}-${width}`);
      }
    }
    await page.context().close();
  });
});
