import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DynamoDbMeter,
  type MeteredCall,
  startDynamoDbMeter,
  totalWriteUnits,
} from '../../bench/support/dynamodb-meter.js';
import { forgetReferences } from '../../functions/adapters/dynamo/reference-cache.js';
import { dynamoDbClient, dynamoStore } from '../../functions/adapters/dynamo-store.js';
import { signInvitation } from '../../functions/core/invitation-tokens.js';
import {
  browserSubmission,
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';
import { formFields, staffBrowser } from '../support/staff.js';

/**
 * DynamoDB calls per request (issue 14): the handlers' client goes through the logging proxy of the
 * benchmarks (bench/support/dynamodb-meter.ts), which counts every call; no timings. Each request is
 * measured warm, after one of its kind (the first in a process also reads the link signing key and the
 * registry items it then keeps for 30 s).
 */

let pipeline: TestPipeline;
let meter: DynamoDbMeter;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  meter = await startDynamoDbMeter(pipeline.dynamo.url);
  // Before the first request: the handlers build their client once, on first use.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = meter.url;
});

afterAll(async () => {
  await meter?.close();
  await pipeline?.stop();
});

/** The calls one request makes, as `Operation target`. */
async function callsOf(request: () => Promise<{ status: number } | Response>, status: number) {
  meter.reset();
  const response = await request();
  if (response instanceof Response) await response.arrayBuffer();
  expect(response.status).toBe(status);
  return meter.calls();
}

const operations = (calls: { operation: string }[]) => calls.map((call) => call.operation);

/**
 * Every write's table units as the meter bills them are those dynalite reports with
 * ReturnConsumedCapacity (which counts no index: the index units are the meter's alone).
 */
function expectTableUnitsAsReported(calls: MeteredCall[]) {
  const writes = calls.filter((call) => !['BatchGetItem', 'GetItem', 'Query'].includes(call.operation));
  expect(writes.length).toBeGreaterThan(0);
  for (const call of writes) expect(call.tableUnits, call.target).toBe(call.reportedTableUnits);
}

describe('DynamoDB round trips per request', () => {
  const municipality = 'GM0193';
  const form = () => pipeline.formUrl(municipality);
  let version = 0;
  const submit = (overrides: Record<string, unknown> = {}) =>
    postJson(form(), {
      answers: validEigenBijdrage({ adultsFull: 40 + version, ...overrides }),
      baseVersion: version,
      submissionId: randomUUID(),
    });

  it('the form page with a session: the link’s invitation and the draft together, then the latest version (round, municipality, region and targets kept)', async () => {
    await callsOf(() => get(form()), 200);
    const calls = await callsOf(() => get(form()), 200);
    expect(operations(calls)).toEqual(['BatchGetItem', 'Query']);
    expect(calls[0]!.target.split('; ')).toEqual([
      expect.stringMatching(/^INVITATION#/),
      expect.stringContaining('DRAFT#eigen-bijdrage#GM0193'),
    ]);
    expect(calls[1]!.target).toContain('VERSION#eigen-bijdrage#GM0193#');
  });

  it('the form page of a browser that opens its invitation link: one read of the invitation, then the page with the cookie it set in 2 calls (the municipality and its region in the first batch)', async () => {
    // A municipality no request of this process has read yet (another region too): its first opening is
    // recorded once (an UpdateItem and the audit line); later openings only read the invitation.
    const code = 'GM0147';
    const token = await pipeline.tokenFor(code);
    const link = `${pipeline.baseUrl}/uitnodiging?code=${encodeURIComponent(token)}`;
    const open = () => fetch(link, { redirect: 'manual' });
    const first = await callsOf(open, 303);
    expect(operations(first)).toEqual(['GetItem', 'UpdateItem', 'PutItem']);
    expect(first[0]!.target).toMatch(/^INVITATION#/);
    let response: Response | undefined;
    const again = await callsOf(async () => (response = await open()), 303);
    expect(operations(again)).toEqual(['GetItem']);
    expect(again[0]!.target).toMatch(/^INVITATION#/);
    const cookie = response!.headers.getSetCookie()[0]!.split(';')[0]!;
    const location = new URL(response!.headers.get('location')!, pipeline.baseUrl).href;
    expect(location).toBe(pipeline.formUrl(code));

    // The municipality is not kept yet: it comes in the first batch, with the region the link names.
    const page = await callsOf(() => get(location, { cookie }), 200);
    expect(operations(page)).toEqual(['BatchGetItem', 'Query']);
    expect(page[0]!.target.split('; ')).toEqual([
      expect.stringMatching(/^INVITATION#/),
      expect.stringContaining(`DRAFT#eigen-bijdrage#${code}`),
      `REGISTRY MUNICIPALITY#${code}`,
      expect.stringMatching(/^REGISTRY REGION#/),
    ]);
    // Kept now: the next page is the 2 calls of every warm one.
    expect(operations(await callsOf(() => get(location, { cookie }), 200))).toEqual([
      'BatchGetItem',
      'Query',
    ]);
  });

  it('the form page of an API client with the link as Bearer token: the same 2 calls', async () => {
    const token = await pipeline.tokenFor(municipality);
    const calls = await callsOf(() => get(form(), { authorization: `Bearer ${token}` }), 200);
    expect(operations(calls)).toEqual(['BatchGetItem', 'Query']);
  });

  it('a form page whose link is revoked: the 401 after that one batch, nothing of the form shown', async () => {
    const code = 'GM0148';
    const token = await pipeline.tokenFor(code);
    const url = pipeline.formUrl(code);
    await callsOf(() => get(url, { cookie: `regietafel_sessie=${token}` }), 200);
    const invitationId = (await pipeline.store.listInvitations(pipeline.round.id)).find(
      (invitation) => invitation.municipality === code,
    )!.id;
    expect(await pipeline.store.revokeInvitation(invitationId, new Date().toISOString())).toBe(true);
    let body = '';
    const calls = await callsOf(async () => {
      const page = await get(url, { cookie: `regietafel_sessie=${token}` });
      body = await page.text();
      return { status: page.status };
    }, 401);
    expect(operations(calls)).toEqual(['BatchGetItem']);
    expect(body).toContain('ingetrokken');
    expect(body).not.toContain('<form');
  });

  it('a submission and an amendment: no draft deleted that is not there, the email recorded already taken', async () => {
    await callsOf(submit, 201);
    version = 1;
    const calls = await callsOf(submit, 201);
    version = 2;
    expect(operations(calls)).toEqual([
      // The link's invitation (checked before anything else), the version amended, the draft, the
      // suppression list for the address and the round as stored (its deadline), together.
      'BatchGetItem',
      'PutItem', // the submission id
      'PutItem', // the version
      'PutItem', // the current-version copy
      'PutItem', // the audit line
      'PutItem', // the email's envelope, taken for sending (in no index until sent; no content stored)
      'UpdateItem', // the email sent (the version stays listed for the repair: nothing takes it off)
    ]);
    expect(calls).toHaveLength(7);
    expect(calls[0]!.target).toContain('INVITATION#');
    expect(calls.some((call) => call.operation === 'DeleteItem')).toBe(false);
    // The confirmation's content is not stored (rendered again from the version should the outbox send
    // it); the audit line and the envelope are in no index.
    expect(calls.some((call) => call.target.includes('MAIL#CONTENT'))).toBe(false);
    expect(calls[4]!.indexUnits).toEqual({});
    expect(calls[5]!.indexUnits).toEqual({});
    // Submission id 1, version 1 + 1 (listed for the repair), current copy 1, audit 1, envelope 1, sent
    // 1 + 1 (listed as sent).
    expect(totalWriteUnits(calls).total).toBeLessThanOrEqual(8);
    expectTableUnitsAsReported(calls);
    const mails = (await pipeline.mailbox()).filter((mail) => mail.subject.includes('versie 2'));
    expect(mails).toHaveLength(1);
  });

  it('the form page of a municipality that submitted, once this process keeps no copy of anything: the round, the municipality and the region its link names in the first batch, 3 calls', async () => {
    const token = await pipeline.tokenFor(municipality);
    const page = () => get(form(), { cookie: `regietafel_sessie=${token}` });
    await callsOf(page, 200);
    forgetReferences(pipeline.tableName);
    const calls = await callsOf(page, 200);
    expect(operations(calls)).toEqual(['BatchGetItem', 'Query', 'Query']);
    expect(calls[0]!.target.split('; ')).toEqual([
      expect.stringMatching(/^INVITATION#/),
      expect.stringContaining(`DRAFT#eigen-bijdrage#${municipality}`),
      expect.stringMatching(/^ROUND/),
      `REGISTRY MUNICIPALITY#${municipality}`,
      'REGISTRY REGION#ijsselland',
    ]);
  });

  it('a link whose token names no region, or another one than the municipality’s: the region read after the batch, the page as always', async () => {
    const code = 'GM0150';
    await pipeline.tokenFor(code);
    const invitation = (await pipeline.store.listInvitations(pipeline.round.id)).find(
      (candidate) => candidate.municipality === code,
    )!;
    const deps = { store: pipeline.store };
    for (const options of [{}, { region: 'twente' }]) {
      const token = await signInvitation(deps, invitation, options);
      const page = () => get(pipeline.formUrl(code), { cookie: `regietafel_sessie=${token}` });
      forgetReferences(pipeline.tableName);
      let body = '';
      const calls = await callsOf(async () => {
        const response = await page();
        body = await response.text();
        return { status: response.status };
      }, 200);
      // Nothing submitted here yet: the rounds list is read too, for the previous round's answers to start from.
      expect(operations(calls)).toEqual(['BatchGetItem', 'GetItem', 'Query', 'Query', 'Query']);
      expect(calls[1]!.target).toBe('REGISTRY REGION#ijsselland');
      expect(body).toContain('IJsselland');
    }
  });

  it('an email with content (a summary): the content in an item of its own that no index holds, the envelope small in GSI1', async () => {
    const store = dynamoStore(pipeline.tableName, dynamoDbClient({ endpoint: meter.url }));
    const body = 'Samenvatting '.repeat(400); // 5 KB of HTML and as much text: gzipped in the content item
    meter.reset();
    await store.enqueueMail({
      id: `round-trips-summary-${randomUUID()}`,
      kind: 'summary',
      to: ['secretariaat@regio.example'],
      subject: 'Samenvatting',
      html: `<p>${body}</p>`,
      text: body,
      createdAt: new Date().toISOString(),
      status: 'pending',
      attempts: 0,
    });
    const calls = meter.calls();
    expect(calls.map((call) => [call.operation, call.target.split(' ')[1]])).toEqual([
      ['PutItem', 'MAIL#CONTENT'],
      ['PutItem', 'MAIL'],
    ]);
    expect(calls[0]!.indexUnits).toEqual({});
    expect(calls[1]!.indexUnits).toEqual({ GSI1: 1 });
  });

  it('a browser’s form post (session cookie): the same 7 calls, the link’s invitation in the first batch', async () => {
    // Another municipality, so the JSON tests' versions stay theirs.
    const code = 'GM0141';
    const post = (baseVersion: number) =>
      postForm(pipeline.formUrl(code), browserSubmission(baseVersion, randomUUID()));
    await callsOf(() => post(0), 303);
    const calls = await callsOf(() => post(1), 303);
    expect(operations(calls)).toEqual([
      'BatchGetItem', // the link's invitation, the version amended, the draft, the suppressions, the round
      'PutItem', // the submission id
      'PutItem', // the version
      'PutItem', // the current-version copy
      'PutItem', // the audit line
      'PutItem', // the email's envelope, taken for sending
      'UpdateItem', // the email sent
    ]);
    expect(calls[0]!.target).toContain('INVITATION#');
    expect(calls.some((call) => call.operation === 'GetItem')).toBe(false);
    expect(totalWriteUnits(calls).total).toBeLessThanOrEqual(8);
    expectTableUnitsAsReported(calls);
    const mails = (await pipeline.mailbox()).filter((mail) =>
      mail.destination.to.includes('jan.v2@gemeente.example'),
    );
    expect(mails).toHaveLength(1);
  });

  it('deletes the draft a submission supersedes, and only then', async () => {
    const draft = await postForm(form(), [
      ['_action', 'save-draft'],
      ['_submissionId', 'round-trips-0001'],
      ['_baseVersion', String(version)],
      ['_draftRevision', '0'],
      ['collects', 'ja'],
    ]);
    expect(draft.status).toBe(303);
    expect(await pipeline.items(pipeline.round.id, `DRAFT#eigen-bijdrage#${municipality}`)).toHaveLength(1);
    const calls = await callsOf(submit, 201);
    version += 1;
    expect(operations(calls).filter((operation) => operation === 'DeleteItem')).toHaveLength(1);
    expect(await pipeline.items(pipeline.round.id, `DRAFT#eigen-bijdrage#${municipality}`)).toHaveLength(0);
  });

  it('the confirmation page: the link, the versions (one Query for the version and its history) and the email', async () => {
    const page = () => get(`${form()}/bevestiging`);
    await callsOf(page, 200);
    expect(operations(await callsOf(page, 200))).toEqual(['GetItem', 'Query', 'Query']);
  });

  it('a replayed submission id answers the stored version and stores nothing', async () => {
    const body = {
      answers: validEigenBijdrage({ adultsFull: 90 }),
      baseVersion: version,
      submissionId: randomUUID(),
    };
    await callsOf(() => postJson(form(), body), 201);
    version += 1;
    const calls = await callsOf(() => postJson(form(), body), 200);
    expect(calls.filter((call) => call.operation !== 'GetItem' && call.operation !== 'BatchGetItem')).toEqual(
      [
        // The id taken first without looking: this one fails, and then the claim is read.
        expect.objectContaining({ operation: 'PutItem', target: expect.stringContaining('SUBMISSION#') }),
        // The email's record, read once (it was sent, so nothing more is sent or written).
        expect.objectContaining({ operation: 'Query', target: expect.stringContaining('MAIL#') }),
      ],
    );
  });

  it('a round the console changes is seen at once by the form pages of the same process', async () => {
    const before = await get(form());
    expect(await before.text()).not.toContain('U kunt dit formulier niet meer wijzigen');
    // Any store of the process (here the test's own, as the console's handler has its own) forgets the copy.
    const round = (await pipeline.store.getRound(pipeline.round.id))!;
    const closed = { ...round, deadline: new Date(Date.now() - 60_000).toISOString(), acceptsLate: false };
    expect(await pipeline.store.updateRound(closed)).toBe(true);
    const after = await get(form());
    expect(await after.text()).toContain('U kunt dit formulier niet meer wijzigen');
    const refused = await submit();
    expect(refused.status).toBe(403);
    await pipeline.store.updateRound(round);
  });

  it('a round another container closes: its submissions are refused at once, its form pages follow within 30 s', async () => {
    // Written past this process's stores, as the console's Lambda in another container writes it: nothing
    // here forgets the copy.
    const elsewhere = DynamoDBDocumentClient.from(dynamoDbClient({ endpoint: pipeline.dynamo.url }));
    const round = (await pipeline.store.getRound(pipeline.round.id))!;
    const item = (
      await elsewhere.send(
        new GetCommand({ TableName: pipeline.tableName, Key: { PK: `ROUND#${round.id}`, SK: 'ROUND' } }),
      )
    ).Item!;
    const put = (deadline: string, acceptsLate: boolean) =>
      elsewhere.send(
        new PutCommand({ TableName: pipeline.tableName, Item: { ...item, deadline, acceptsLate } }),
      );
    expect((await get(form())).status).toBe(200); // the copy is fresh
    await put(new Date(Date.now() - 60_000).toISOString(), false);
    try {
      // The form page answers from the copy (the documented 30 s) …
      expect(await (await get(form())).text()).not.toContain('U kunt dit formulier niet meer wijzigen');
      // … but a submission reads the round as stored in its first batch; refused, it looks up only whether
      // its id produced a version before the close (a retry is answered with it): one GetItem more.
      const calls = await callsOf(submit, 403);
      expect(operations(calls)).toEqual(['BatchGetItem', 'GetItem']);
      expect(calls[0]!.target).toContain(`ROUND#${round.id} ROUND`);
      expect(calls[1]!.target).toContain('SUBMISSION#');
    } finally {
      await put(round.deadline, round.acceptsLate ?? false);
    }
    expect((await submit()).status).toBe(201);
    version += 1;
  });
});

describe('DynamoDB round trips of the staff dashboard and the reminders page', () => {
  const roundId = 'round-trips-herinneren';
  let token: string;
  const page =
    (path: string, accept = 'text/html') =>
    async () => {
      const response = await fetch(`${pipeline.baseUrl}${path}`, {
        headers: { accept, authorization: `Bearer ${token}` },
      });
      return { status: response.status, text: await response.text() };
    };
  /** The calls of one request, with its answer. */
  async function measured(request: () => Promise<{ status: number; text: string }>) {
    let text = '';
    const calls = await callsOf(async () => {
      const answer = await request();
      text = answer.text;
      return answer;
    }, 200);
    return { calls, text };
  }
  const count = (calls: MeteredCall[], operation: string) =>
    calls.filter((call) => call.operation === operation).length;
  /** The one Query per round that reads its current versions and drafts together. */
  const responsesOf = (calls: MeteredCall[]) =>
    calls.filter((call) => call.target.includes('SK BETWEEN') && call.target.includes('CURRENT#, DRAFT$'));

  beforeAll(async () => {
    token = await pipeline.staffToken('provincie:overijssel');
    await pipeline.store.createRound({
      ...pipeline.round,
      id: roundId,
      title: 'Overijssel, te herinneren',
      deadline: '2099-05-10T15:00:00.000Z',
    });
    const answers = validEigenBijdrage();
    const submitted = await postJson(
      `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${roundId}/GM0193`,
      { answers },
      { authorization: `Bearer ${await pipeline.tokenFor('GM0193', roundId)}` },
    );
    expect(submitted.status).toBe(201);
  });

  it('the dashboard: the registry and the rounds, then at once the rounds as stored in one batch, one Query per round for its versions and drafts (without their answers), the waiting and the failed emails; no sent ones', async () => {
    await callsOf(page('/staf/rondes'), 200);
    const { calls, text } = await measured(page('/staf/rondes'));
    const rounds = (await pipeline.store.listRounds()).length;
    expect(text).toContain('Overijssel, te herinneren');
    expect(calls).toHaveLength(2 + 1 + rounds + 2);
    expect(count(calls, 'GetItem')).toBe(0);
    expect(count(calls, 'BatchGetItem')).toBe(1);
    expect(calls.find((call) => call.operation === 'BatchGetItem')!.target.split('; ')).toHaveLength(rounds);
    expect(responsesOf(calls)).toHaveLength(rounds);
    expect(calls.filter((call) => call.target.includes('[ROUNDS]'))).toHaveLength(1);
    expect(calls.filter((call) => call.target.includes('[REGISTRY]'))).toHaveLength(1);
    expect(calls.filter((call) => call.target.includes('OUTBOX#')).map((call) => call.target)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('OUTBOX#pending'),
        expect.stringContaining('OUTBOX#failed'),
      ]),
    );
    expect(calls.some((call) => call.target.includes('OUTBOX#sent'))).toBe(false);
    // The JSON answer reads the same.
    const json = await measured(page('/staf/rondes', 'application/json'));
    expect(operations(json.calls).sort()).toEqual(operations(calls).sort());
  });

  it('a round’s versions and drafts are read without their answers: fewer bytes than the versions alone', async () => {
    const store = dynamoStore(pipeline.tableName, dynamoDbClient({ endpoint: meter.url }));
    meter.reset();
    const current = await store.listCurrent(roundId);
    const full = meter.calls();
    meter.reset();
    const responses = await store.roundResponses(roundId);
    const light = meter.calls();
    expect(responses.current).toEqual(
      current.map(({ formId, municipality, version, submittedAt, late, warnings, submittedBy }) => ({
        formId,
        municipality,
        version,
        submittedAt,
        late,
        ...(warnings && { warnings }),
        submittedBy: { name: submittedBy.name },
      })),
    );
    expect(light).toHaveLength(1);
    expect(light[0]!.bytes).toBeLessThan(full[0]!.bytes / 2);
  });

  it('the round status as JSON: its versions read once, without their answers, while no address is on the suppression list', async () => {
    const path = `/staf/rondes/${roundId}`;
    await callsOf(page(path, 'application/json'), 200);
    const { calls, text } = await measured(page(path, 'application/json'));
    const status = JSON.parse(text) as {
      municipalities: { code: string; status: string }[];
      mailProblems: object;
    };
    expect(status.municipalities.find((m) => m.code === 'GM0193')?.status).toBe('ingezonden');
    expect(status.mailProblems).toEqual({});
    expect(responsesOf(calls)).toHaveLength(1);
    // No second Query of the same versions with their answers (what listCurrent reads).
    const store = dynamoStore(pipeline.tableName, dynamoDbClient({ endpoint: meter.url }));
    meter.reset();
    await store.listCurrent(roundId);
    const [full] = meter.calls();
    expect(calls.map((call) => call.target)).not.toContain(full!.target);
  });

  it('the reminders page: the registry, the round and its versions and drafts together, then the reminder emails of its municipalities in one batch and the reminders sent, from the audit trail: 5 calls', async () => {
    const path = `/staf/rondes/${roundId}/herinneringen`;
    const period = `voor-deadline-2099-05-10T15:00:00.000Z`;
    await callsOf(page(path), 200);
    const before = await measured(page(path));
    expect(before.text).toContain('Vanaf 7 mei 2099 om 17:00');
    expect(operations(before.calls).sort()).toEqual(['BatchGetItem', 'GetItem', 'Query', 'Query', 'Query']);
    expect(responsesOf(before.calls)).toHaveLength(1);
    // The round's audit lines of reminders only, and only when and to whom: not the recipients' addresses.
    const audit = before.calls.find((call) => call.target.includes(`AUDIT#${roundId}`))!;
    expect(audit.target).toContain('reminder');
    const batch = before.calls.find((call) => call.operation === 'BatchGetItem')!;
    // Every municipality of the province takes part: 25 reminder emails looked for at once.
    expect(batch.target.split('; ')).toHaveLength(25);
    expect(batch.target).toContain(`MAIL#reminder#${roundId}#GM0148#${period} MAIL`);

    // Once the automatic reminder went (its earliest email), the page says when, at the same calls.
    for (const [code, createdAt] of [
      ['GM0148', '2099-05-06T16:05:00.000Z'],
      ['GM0150', '2099-05-06T16:00:00.000Z'],
    ]) {
      const id = `reminder#${roundId}#${code}#${period}`;
      await pipeline.store.enqueueMail({
        id,
        kind: 'reminder',
        to: ['coordinator@gemeente.example'],
        subject: 'Herinnering',
        html: '<p>Herinnering</p>',
        text: 'Herinnering',
        createdAt: createdAt!,
        status: 'pending',
        attempts: 0,
      });
      await pipeline.store.markMailSent(id, `message-${code}`, createdAt!);
    }
    const after = await measured(page(path));
    expect(after.text).toContain('Verstuurd op 6 mei 2099 om 18:00 aan wie toen nog niet had ingezonden.');
    expect(operations(after.calls).sort()).toEqual(['BatchGetItem', 'GetItem', 'Query', 'Query', 'Query']);
  });

  it('sending reminders looks up which this period recorded already in one batch, not one read per municipality, and reads the registry once', async () => {
    const staff = await staffBrowser(pipeline, 'provincie:overijssel');
    const path = `/staf/rondes/${roundId}/herinneringen`;
    const preview = await staff.post(path, { _action: 'voorbeeld', gemeente: ['GM0166', 'GM0180'] });
    expect(preview.status).toBe(200);
    const calls = await callsOf(() => staff.post(path, formFields(preview.text, 'versturen')), 303);
    const ids = ['GM0166', 'GM0180'].map((code) => `MAIL#reminder#${roundId}#${code}#`);
    const batches = calls.filter(
      (call) => call.operation === 'BatchGetItem' && ids.every((id) => call.target.includes(id)),
    );
    expect(batches).toHaveLength(1);
    // The registry read once, with the sign-in, and passed on (was 5 times); the round twice: for the
    // post's check, and by the send itself when it performs (was 4 times).
    expect(calls.filter((call) => call.target === 'PK = :pk [REGISTRY]')).toHaveLength(1);
    expect(
      calls.filter((call) => call.operation === 'GetItem' && call.target.startsWith(`ROUND#${roundId} `)),
    ).toHaveLength(2);
    // The links of both in one go: the invitations read once for them (before, once per municipality).
    expect(calls.filter((call) => call.target.includes('[INVITATIONS#'))).toHaveLength(1);
    const putAt = (id: string) =>
      calls.findIndex((call) => call.operation === 'PutItem' && call.target.startsWith(id));
    // Each email is read once more, by its delivery (claim and send), after it was recorded: no GetItem.
    for (const id of ids) {
      expect(
        calls.filter((call) => call.operation === 'GetItem' && call.target.includes(id)),
        id,
      ).toEqual([]);
      expect(calls.indexOf(batches[0]!)).toBeLessThan(putAt(id));
    }
  });

  it('the reminders page of a round id no round can have (too long for a key): the 404 of an unknown round, its responses not asked for', async () => {
    const calls = await callsOf(page(`/staf/rondes/${'x'.repeat(2100)}/herinneringen`), 404);
    expect(responsesOf(calls)).toEqual([]);
  });
});
