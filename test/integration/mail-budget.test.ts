import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { confirmationMailId } from '../../functions/core/submit-form.js';
import { deliverOutbox } from '../../functions/jobs/deliver-outbox.js';
import { mailSettled } from '../support/faults.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';
import { type SesProxy, startSesProxy } from '../support/ses-proxy.js';

/**
 * The mail budget of a request: SES that accepts the connection and never answers (or refuses it) must not
 * turn a stored submission into an error. The answer comes after the short budget and says the confirmation
 * follows by email; the attempt is not aborted (an aborted send cannot tell whether SES had taken it) but
 * records its own outcome, and what it could not send the outbox sender sends once SES is back — once.
 */

let pipeline: TestPipeline;
let ses: SesProxy;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  ses = await startSesProxy(pipeline.ses.url);
  // Before the first email: the handlers build their SES client from this, as on AWS from the endpoint.
  process.env.AWS_ENDPOINT_URL_SES = ses.url;
});

afterAll(async () => {
  await ses?.close();
  await pipeline?.stop();
});

/** The email once no attempt is in flight any more (the request's attempt ends within its own budget). */
const settled = (id: string) => mailSettled(pipeline.store, id);

const outboxSender = () => ({
  store: pipeline.store,
  mailer: new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: ses.url })),
  // Two minutes on: past the first retry's backoff.
  clock: { now: () => new Date(Date.now() + 2 * 60_000) },
});

describe.each(['hanging', 'down'] as const)('SES %s during a submission', (mode) => {
  const municipality = mode === 'hanging' ? 'GM0141' : 'GM0147';

  it('stores it, answers 201 saying the confirmation follows, and sends it once when SES is back', async () => {
    await pipeline.clearMailbox();
    ses.set(mode);
    const hungBefore = ses.hungConnections;
    const answer = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage(),
      submissionId: `budget-${mode}-0001`,
    });
    expect(answer.status).toBe(201);
    expect(answer.json()).toMatchObject({
      version: 1,
      confirmationEmail: 'volgt',
      message: 'Uw antwoorden zijn opgeslagen als versie 1. De bevestiging volgt per e-mail.',
    });
    if (mode === 'hanging') expect(ses.hungConnections).toBeGreaterThan(hungBefore);
    const key = { roundId: pipeline.round.id, formId: 'eigen-bijdrage', municipality, version: 1 };
    expect(await pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${municipality}#`)).toHaveLength(
      1,
    );

    // The confirmation page says so too.
    const page = await (await get(`${pipeline.formUrl(municipality)}/bevestiging?versie=1`)).text();
    expect(page).toContain(
      'Uw antwoorden zijn opgeslagen. De bevestiging volgt per e-mail naar anna.devries@zwolle.example.',
    );
    expect(await pipeline.mailbox()).toEqual([]);
    if (mode === 'down') {
      // Refused at once: recorded as a failed attempt, waiting for the next one.
      expect(await settled(confirmationMailId(key))).toMatchObject({ status: 'pending', attempts: 1 });
    }

    ses.set('up');
    await settled(confirmationMailId(key));
    await deliverOutbox(outboxSender(), { baseUrl: pipeline.baseUrl });
    expect(await deliverOutbox(outboxSender(), { baseUrl: pipeline.baseUrl })).toMatchObject({
      delivered: { sent: 0 },
    });
    const mails = await pipeline.mailbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('Eigen bijdrage');
    expect(await pipeline.store.getMail(confirmationMailId(key))).toMatchObject({ status: 'sent' });
  });

  it('keeps a browser post on the way to its confirmation page (303), never a 5xx', async () => {
    ses.set(mode);
    const code = mode === 'hanging' ? 'GM0148' : 'GM0150';
    const submitted = await postForm(pipeline.formUrl(code), [
      ['_action', 'submit'],
      ['_submissionId', `browser-${mode}-0001`],
      ['_baseVersion', '0'],
      ['collects', 'nee'],
      ['incomeVerification', 'uwv'],
      ['executedBy', 'gemeente'],
      ['contactName', 'Jan Jansen'],
      ['contactEmail', 'jan@gemeente.example'],
    ]);
    expect(submitted.status, submitted.text.slice(0, 3000)).toBe(303);
    expect(submitted.headers.get('location')).toContain('/bevestiging?versie=1');
    const key = { roundId: pipeline.round.id, formId: 'eigen-bijdrage', municipality: code, version: 1 };
    ses.set('up');
    await settled(confirmationMailId(key));
    await deliverOutbox(outboxSender(), { baseUrl: pipeline.baseUrl });
    const toJan = (await pipeline.mailbox()).filter((mail) =>
      mail.destination.to.includes('jan@gemeente.example'),
    );
    expect(toJan).toHaveLength(1);
    expect(await pipeline.store.getMail(confirmationMailId(key))).toMatchObject({ status: 'sent' });
  });
});
