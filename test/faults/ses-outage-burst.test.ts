import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../forms/catalogue.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import type { Round } from '../../functions/core/model.js';
import { deliverOutbox } from '../../functions/jobs/deliver-outbox.js';
import { checkInvariant, inParallel, scanTable } from '../support/faults.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validAnswers,
} from '../support/pipeline.js';
import { type SesMode, type SesProxy, startSesProxy } from '../support/ses-proxy.js';

/**
 * SES down (connection refused) and then hanging (accepts, never answers) during a burst: 25 municipalities
 * × 3 forms as JSON clients plus a few browser posts, 40 in flight, each request sent a second time once
 * its answer came (a client that retries to be sure). Every answer is a success that says the confirmation
 * follows by email — never a 5xx or "niet opgeslagen" — and comes at all (each request is given a generous
 * two minutes before it counts as hanging). Then SES returns: the attempts still in flight end, the outbox
 * sender runs minute after minute until nothing is due, and over the whole table and the mailbox every
 * stored version has exactly one confirmation, sent once, nothing left pending or failed.
 */

const inFlight = 40;
/** Municipalities that also post the browser form (the eigen-bijdrage demo round). */
const browserPosts = 5;
/** A request that has not answered after this long counts as hanging (the budget is 2 s). */
const answerWithinMs = 120_000;

let pipeline: TestPipeline;
let ses: SesProxy;
let municipalities: string[];
const rounds: Round[] = [];

beforeAll(async () => {
  pipeline = await startTestPipeline();
  ses = await startSesProxy(pipeline.ses.url);
  // Before the first email: the handlers build their SES client from this, as on AWS from the endpoint.
  process.env.AWS_ENDPOINT_URL_SES = ses.url;
  municipalities = (await pipeline.store.getRegistry()).municipalities.map(
    (municipality) => municipality.code,
  );
  for (const formId of catalogue.keys()) {
    const round = { ...pipeline.rounds[formId]!, id: `storing-${formId}`, title: `Storing ${formId}` };
    expect(await pipeline.store.createRound(round)).toBe(true);
    rounds.push(round);
    for (const code of municipalities) await pipeline.tokenFor(code, round.id);
  }
  for (const code of municipalities.slice(0, browserPosts)) await pipeline.tokenFor(code);
  await pipeline.clearMailbox();
});

afterAll(async () => {
  await ses?.close();
  await pipeline?.stop();
});

/** One submission as a client makes it: JSON to a round of the burst, or the browser form. */
interface Submission {
  readonly kind: 'json' | 'browser';
  readonly round: Round;
  readonly municipality: string;
  readonly version: number;
  readonly submissionId: string;
  readonly email: string;
}

function submissions(version: number, phase: SesMode): Submission[] {
  const email = (code: string, what: string) =>
    `${code.toLowerCase()}.${what}.v${version}.${phase}@gemeente.example`;
  return [
    ...rounds.flatMap((round) =>
      municipalities.map((code) => ({
        kind: 'json' as const,
        round,
        municipality: code,
        version,
        submissionId: `${phase}-${round.formId}-${code}-v${version}`,
        email: email(code, round.formId),
      })),
    ),
    ...municipalities.slice(0, browserPosts).map((code) => ({
      kind: 'browser' as const,
      round: pipeline.round,
      municipality: code,
      version,
      submissionId: `${phase}-browser-${code}-v${version}`,
      email: email(code, 'browser'),
    })),
  ];
}

interface Answer {
  readonly submission: Submission;
  readonly status: number;
  /** What the person or client reads: the JSON message, or the confirmation page the post led to. */
  readonly text: string;
  readonly version?: unknown;
  readonly replayed?: unknown;
}

async function send(submission: Submission): Promise<Answer> {
  const signal = AbortSignal.timeout(answerWithinMs);
  const url = pipeline.formUrl(submission.municipality, submission.round);
  if (submission.kind === 'json') {
    const answer = await postJson(
      url,
      {
        answers: validAnswers[submission.round.formId]!({ contactEmail: submission.email }),
        submissionId: submission.submissionId,
        baseVersion: submission.version - 1,
      },
      {},
      { signal },
    );
    const body = answer.json();
    return {
      submission,
      status: answer.status,
      text: String(body.message),
      version: body.version,
      replayed: body.replayed,
    };
  }
  const posted = await postForm(
    url,
    [
      ['_action', 'submit'],
      ['_submissionId', submission.submissionId],
      ['_baseVersion', String(submission.version - 1)],
      ['collects', 'nee'],
      ['incomeVerification', 'uwv'],
      ['executedBy', 'gemeente'],
      ['contactName', 'Jan Jansen'],
      ['contactEmail', submission.email],
    ],
    {},
    { signal },
  );
  const location = posted.headers.get('location');
  if (posted.status !== 303 || !location) return { submission, status: posted.status, text: posted.text };
  const page = await get(new URL(location, url).href, {}, { signal });
  return { submission, status: page.status, text: await page.text(), version: submission.version };
}

/** Every submission sent, then sent again once its answer came; at most `inFlight` at once. */
async function burst(list: readonly Submission[]): Promise<Answer[]> {
  const answers = await inParallel(list, inFlight, async (submission) => [
    await send(submission),
    await send(submission),
  ]);
  return answers.flat();
}

function expectStoredAndFollowing(answers: readonly Answer[], count: number) {
  expect(answers).toHaveLength(count * 2);
  const broken = answers.filter(
    (answer) =>
      answer.status >= 500 ||
      answer.text.includes('niet opgeslagen') ||
      !answer.text.includes('e bevestiging volgt per e-mail') ||
      answer.version !== answer.submission.version,
  );
  expect(
    broken.map((answer) => `${answer.submission.submissionId}: ${answer.status} ${answer.text}`),
  ).toEqual([]);
  // Per JSON submission one 201 and its retry 200 `replayed`; the browser lands on its confirmation page.
  const json = answers.filter((answer) => answer.submission.kind === 'json');
  expect(json.filter((answer) => answer.status === 201)).toHaveLength(json.length / 2);
  expect(json.filter((answer) => answer.replayed === true)).toHaveLength(json.length / 2);
  expect(answers.filter((answer) => answer.submission.kind === 'browser').map((a) => a.status)).toEqual(
    Array(browserPosts * 2).fill(200),
  );
}

const perPhase = 25 * 3 + browserPosts;

describe(`SES down, then hanging, during a burst (${perPhase} submissions each, ${inFlight} in flight)`, () => {
  it('with SES down: stores every submission and answers that the confirmation follows', async () => {
    ses.set('down');
    const answers = await burst(submissions(1, 'down'));
    expectStoredAndFollowing(answers, perPhase);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('with SES hanging: stores every amendment and answers that the confirmation follows', async () => {
    ses.set('hanging');
    const hungBefore = ses.hungConnections;
    const answers = await burst(submissions(2, 'hanging'));
    expectStoredAndFollowing(answers, perPhase);
    expect(ses.hungConnections).toBeGreaterThan(hungBefore);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('once SES is back, sends every confirmation exactly once: nothing pending, failed or sent twice', async () => {
    ses.set('up');
    // The attempts the answers stopped waiting for end within their own budget (15 s) and record it.
    for (let poll = 0; poll < 1200; poll++) {
      const sending = (await scanTable(pipeline)).filter(
        (item) => item.entityType === 'mail' && item.status === 'sending',
      );
      if (sending.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The outbox sender, minute after minute (its clock advanced, as the schedule would), until it has
    // nothing left: first the backoff of the failed attempts runs out, then it sends.
    let minutes = 0;
    const sender = {
      store: pipeline.store,
      mailer: new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: ses.url })),
      clock: { now: () => new Date(Date.now() + minutes * 60_000) },
    };
    for (minutes = 1; minutes <= 30; minutes++) {
      await deliverOutbox(sender, { baseUrl: pipeline.baseUrl });
      if ((await pipeline.store.listMail('pending')).length === 0) break;
    }
    expect(await pipeline.store.listMail('pending')).toEqual([]);
    expect(await pipeline.store.listMail('failed')).toEqual([]);
    expect((await deliverOutbox(sender, { baseUrl: pipeline.baseUrl })).delivered.sent).toBe(0);

    const mails = await pipeline.mailbox();
    const sentCount = (to: string, subject: string) =>
      mails.filter((mail) => mail.destination.to.join(',').includes(to) && mail.subject === subject).length;
    const items = await scanTable(pipeline);
    const report = checkInvariant(items, sentCount);
    expect(report.problems).toEqual([]);
    expect(report.versions).toBe(perPhase * 2);
    expect(items.filter((item) => item.entityType === 'mail' && item.status !== 'sent')).toEqual([]);
    // One email per stored version, each address (one per version) exactly once.
    const addresses = mails.flatMap((mail) => mail.destination.to.join(',').split(','));
    expect(addresses).toHaveLength(perPhase * 2);
    expect(new Set(addresses).size).toBe(perPhase * 2);
  });
});
