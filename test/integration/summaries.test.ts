import { createServer } from 'node:http';
import { SESClient } from '@aws-sdk/client-ses';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { deliverDueMail } from '../../functions/core/deliver-mail.js';
import type { Round } from '../../functions/core/model.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { runSchedule } from '../../functions/jobs/run-schedule.js';
import { listen } from '../../functions/local/emulators.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validVoortgangOpgaven,
} from '../support/pipeline.js';

let pipeline: TestPipeline;
let round: Round;
const day = 24 * 3600 * 1000;
const clock = { now: () => new Date() };

function deps(
  mailer = new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url })),
) {
  return { store: pipeline.store, mailer, clock, ids: randomIds };
}

beforeAll(async () => {
  pipeline = await startTestPipeline();
  // A voortgang round that closes in two days: inside the reminder window.
  round = {
    ...pipeline.rounds['voortgang-opgaven']!,
    id: 'voortgang-bijna-dicht',
    title: 'Voortgang, bijna dicht',
    deadline: new Date(Date.now() + 2 * day).toISOString(),
  };
  await pipeline.store.createRound(round);
  const url = (code: string) => `${pipeline.baseUrl}/formulieren/voortgang-opgaven/${round.id}/${code}`;
  expect((await postJson(url('GM0193'), { answers: validVoortgangOpgaven() })).status).toBe(201);
  expect(
    (
      await postJson(url('GM0150'), {
        answers: validVoortgangOpgaven({ regularCommitted: 500, regularRealised: 120 }),
      })
    ).status,
  ).toBe(201);
  // Enschede only saves a draft: it must not count as submitted.
  const draft = await postForm(url('GM0153'), [
    ['_action', 'save-draft'],
    ['_baseVersion', '0'],
    ['_draftRevision', '0'],
    ['regularCommitted', '638'],
  ]);
  expect(draft.status).toBe(303);
  // Only this round is under test: the demo rounds would add summaries of their own.
  for (const other of Object.values(pipeline.rounds)) {
    await pipeline.store.updateRound({ ...other, deadline: new Date(Date.now() - 30 * day).toISOString() });
  }
});

afterAll(async () => {
  await pipeline?.stop();
});

beforeEach(async () => {
  await pipeline.clearMailbox();
});

describe('the scheduled job: summaries and reminders, exactly once', () => {
  it('sends one summary per recipient and reminders only to the missing, even when run twice at once', async () => {
    const [first, second] = await Promise.all([
      runSchedule(deps(), { baseUrl: pipeline.baseUrl }),
      runSchedule(deps(), { baseUrl: pipeline.baseUrl }),
    ]);
    expect(first.summaries + second.summaries).toBeGreaterThan(0);
    const mails = await pipeline.mailbox();
    const summaries = mails.filter((mail) => mail.subject.startsWith('Overzicht'));
    // Twente has only Enschede's draft: nothing submitted, so no summary for its regietafel.
    expect(summaries.map((mail) => mail.destination.to.join()).sort()).toEqual([
      'regietafel@provincie-overijssel.example',
      'secretariaat@regietafel-ijsselland.example',
    ]);
    const reminders = mails.filter((mail) => mail.subject.startsWith('Herinnering'));
    const remindedTo = reminders.map((mail) => mail.destination.to.join());
    expect(remindedTo).toHaveLength(23); // 25 municipalities, 2 submitted
    expect(remindedTo).not.toContain('coordinator@zwolle.gemeente.example');
    expect(remindedTo).not.toContain('coordinator@deventer.gemeente.example');
    expect(remindedTo).toContain('coordinator@enschede.gemeente.example'); // a draft is not a submission
    const enschede = reminders.find((mail) =>
      mail.destination.to.includes('coordinator@enschede.gemeente.example'),
    )!;
    expect(enschede.body.text).toContain('er staat een concept klaar');
    expect(enschede.body.text).toMatch(/\/uitnodiging\?code=[\w.-]+/);

    // A third run in the same week sends nothing new, and says so (npm start's [planning] line after a
    // restart): the two runs at once counted every email once between them.
    await pipeline.clearMailbox();
    const third = await runSchedule(deps(), { baseUrl: pipeline.baseUrl });
    expect(await pipeline.mailbox()).toEqual([]);
    expect([third.summaries, third.reminders]).toEqual([0, 0]);
    expect(first.summaries + second.summaries).toBe(summaries.length);
    expect(first.reminders + second.reminders).toBe(reminders.length);
  });

  it('attaches a CSV with one row per municipality that a spreadsheet reads back', async () => {
    const summary = (await pipeline.store.getMail(
      `summary#${round.id}#region:ijsselland#${(await import('../../functions/core/compile-summaries.js')).isoWeek(new Date())}#secretariaat@regietafel-ijsselland.example`,
    ))!;
    expect(summary.status).toBe('sent');
    const csv = summary.attachments!.find((attachment) =>
      attachment.filename.startsWith('voortgang-opgaven'),
    )!;
    expect(csv.content.charCodeAt(0)).toBe(0xfeff); // Excel-NL: UTF-8 with BOM
    const rows = parse(csv.content.slice(1), {
      delimiter: ';',
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(11);
    const zwolle = rows.find((row) => Object.values(row).includes('GM0193'))!;
    expect(Object.values(zwolle)).toContain('600'); // regular places committed
    const enschedeInRegion = rows.find((row) => Object.values(row).includes('GM0153'));
    expect(enschedeInRegion).toBeUndefined(); // Twente is not in IJsselland's summary
  });
});

describe('a round with nothing in it', () => {
  it('gets no summary from the job, and the dashboard button says why nothing was sent', async () => {
    const empty: Round = { ...round, id: 'voortgang-leeg', title: 'Voortgang, nog leeg' };
    await pipeline.store.createRound(empty);
    await runSchedule(deps(), { baseUrl: pipeline.baseUrl });
    // The other round's summaries of this week went out before; the empty round gets none at all.
    expect((await pipeline.mailbox()).filter((mail) => mail.subject.startsWith('Overzicht'))).toEqual([]);

    await pipeline.clearMailbox();
    const token = await pipeline.staffToken('provincie:overijssel');
    const sent = await postJson(
      `${pipeline.baseUrl}/staf/rondes/${empty.id}/overzicht`,
      { scope: 'province:overijssel', requestId: 'leeg-1234-abcd' },
      { authorization: `Bearer ${token}` },
    );
    expect(sent.status).toBe(202);
    expect(sent.json()).toMatchObject({ sent: [], empty: true });
    expect(await pipeline.mailbox()).toEqual([]);
    const button = await fetch(`${pipeline.baseUrl}/staf/rondes/${empty.id}/overzicht`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${token}`,
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams({ scope: 'province:overijssel', requestId: 'leeg-knop-1234' }),
      redirect: 'manual',
    });
    expect(button.headers.get('location')).toBe(`/staf/rondes/${empty.id}?overzicht=leeg`);
    const page = await get(`${pipeline.baseUrl}${button.headers.get('location')}`, {
      authorization: `Bearer ${token}`,
      accept: 'text/html',
    });
    expect(await page.text()).toContain('in dit gebied heeft nog geen gemeente ingezonden');
    expect(await pipeline.mailbox()).toEqual([]);
    // The preview still shows what there is (nothing), for whoever wants to look.
    const preview = await get(
      `${pipeline.baseUrl}/staf/rondes/${empty.id}/overzicht?scope=province:overijssel`,
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(await preview.text()).toContain('0 van de 25 gemeenten hebben ingezonden');
    await pipeline.store.updateRound({ ...empty, deadline: new Date(Date.now() - 30 * day).toISOString() });
  });
});

describe('the scheduled job as Lambda runs it', () => {
  it('runs through the handler module EventBridge Scheduler invokes, and sends nothing twice', async () => {
    const { handler } = await import('../../functions/jobs/handlers/run-schedule.js');
    await handler();
    await handler();
    // Everything of this week was already sent by the runs above: the handler finds nothing new.
    expect(await pipeline.mailbox()).toEqual([]);
  });
});

describe('staff: preview and send on demand', () => {
  it('previews the summary as HTML without sending, for the staff member’s own region only', async () => {
    const token = await pipeline.staffToken('regietafel:ijsselland');
    const preview = await get(`${pipeline.baseUrl}/staf/rondes/${round.id}/overzicht`, {
      authorization: `Bearer ${token}`,
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('2 van de 11 gemeenten hebben ingezonden');
    expect(html).not.toMatch(/<script|<img/i);
    // The link in the email opens the round's page of the staff dashboard.
    expect(html).toContain(`href="${pipeline.baseUrl}/staf/rondes/${round.id}"`);
    expect(await pipeline.mailbox()).toEqual([]);
    const foreign = await get(`${pipeline.baseUrl}/staf/rondes/${round.id}/overzicht?scope=region:twente`, {
      authorization: `Bearer ${token}`,
    });
    expect(foreign.status).toBe(403);
  });

  it('sends once per request id, however often the request is retried', async () => {
    const token = await pipeline.staffToken('provincie:overijssel');
    const send = () =>
      postJson(
        `${pipeline.baseUrl}/staf/rondes/${round.id}/overzicht`,
        { scope: 'province:overijssel', requestId: 'knop-1234-abcd' },
        { authorization: `Bearer ${token}` },
      );
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await pipeline.mailbox()).toHaveLength(1);
    expect((await send()).status).toBe(202);
    expect(await pipeline.mailbox()).toHaveLength(1);
  });
});

describe('an SES outage', () => {
  it('keeps the summary in the outbox, retries, and delivers it once after recovery', async () => {
    const closed = await listen(createServer(), 0, '127.0.0.1', 'test', 'TEST_PORT');
    await closed.close();
    const down = new SesMailer(
      'noreply@regietafel.example',
      new SESClient({ endpoint: closed.url, maxAttempts: 1 }),
    );
    const token = await pipeline.staffToken('regietafel:ijsselland');
    // Sending through the job with SES down: recorded, not delivered.
    const { sendSummaries } = await import('../../functions/core/compile-summaries.js');
    const { sent } = await sendSummaries(deps(down), {
      roundId: round.id,
      period: 'storing-test',
      scopes: [{ type: 'region', id: 'ijsselland' }],
      actor: token.slice(0, 8),
    });
    expect(sent.map((entry) => entry.delivery)).toEqual(['retry-later']);
    expect(await pipeline.mailbox()).toEqual([]);
    const mailId = sent[0]!.mailId;
    expect(await pipeline.store.getMail(mailId)).toMatchObject({ status: 'pending', attempts: 1 });

    // Recovery: the sender delivers what is due (here: its retry time is made due by the clock).
    const later = { now: () => new Date(Date.now() + 10 * 60_000) };
    const counts = await deliverDueMail({ ...deps(), clock: later });
    expect(counts.sent).toBeGreaterThanOrEqual(1);
    expect(await pipeline.mailbox()).toHaveLength(1);
    expect(await deliverDueMail({ ...deps(), clock: later })).toMatchObject({ sent: 0 });
    expect(await pipeline.mailbox()).toHaveLength(1);
    expect(await pipeline.store.getMail(mailId)).toMatchObject({ status: 'sent' });
  });
});
