import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbClient, dynamoStore } from '../../functions/adapters/dynamo-store.js';
import { SesMailer, sesClient } from '../../functions/adapters/ses-mailer.js';
import { confirmationMailId } from '../../functions/core/submit-form.js';
import { deliverOutbox } from '../../functions/jobs/deliver-outbox.js';
import { checkInvariant, mailSettled, scanTable } from '../support/faults.js';
import { postJson, startTestPipeline, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';
import { type SesProxy, startSesProxy } from '../support/ses-proxy.js';

/**
 * Servers that accept the connection and never answer, with the SDK clients as the code builds them
 * (`sesClient`, `dynamoDbClient`: connection and request timeouts, `throwOnRequestTimeout`). A mail server
 * that hangs: the send fails by the SDK's own request timeout (not by waiting forever, nor only by the
 * caller's budget), once per attempt (the SDK does not send again by itself), the email stays in the
 * outbox unsent — through the request's attempt and the outbox sender's — and once the server answers
 * again it is sent exactly once, checked over the whole table and the mailbox. A DynamoDB that hangs: a
 * read fails with the SDK's timeout (after its retries) instead of hanging.
 */

let pipeline: TestPipeline;
let ses: SesProxy;
const municipality = 'GM0193';
const contact = 'hangt.v1@gemeente.example';

beforeAll(async () => {
  pipeline = await startTestPipeline();
  ses = await startSesProxy(pipeline.ses.url);
  // Before the first email: the handlers build their SES client (sesClient) from this, as on AWS.
  process.env.AWS_ENDPOINT_URL_SES = ses.url;
  await pipeline.clearMailbox();
});

afterAll(async () => {
  await ses?.close();
  await pipeline?.stop();
});

/** The outbox sender `minutes` from now (past the backoff of earlier attempts), with the code's SES client. */
const outboxSender = (minutes: number) => ({
  store: pipeline.store,
  mailer: new SesMailer('noreply@regietafel.example', sesClient({ endpoint: ses.url })),
  clock: { now: () => new Date(Date.now() + minutes * 60_000) },
});

describe('a mail server that accepts the connection and never answers', () => {
  const key = { roundId: '', formId: 'eigen-bijdrage', municipality, version: 1 };
  const mailId = () => confirmationMailId({ ...key, roundId: pipeline.round.id });

  it('the request stores the submission and its attempt ends by the SDK’s request timeout, the email unsent', async () => {
    ses.set('hanging');
    const hungBefore = ses.hungConnections;
    const answer = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage({ contactEmail: contact }),
      submissionId: 'hangende-server-0001',
    });
    expect(answer.status).toBe(201);
    expect(answer.json()).toMatchObject({ version: 1, confirmationEmail: 'volgt' });
    const mail = await mailSettled(pipeline.store, mailId());
    expect(mail).toMatchObject({ status: 'pending', attempts: 1 });
    // The SDK's TimeoutError (throwOnRequestTimeout), not the caller's budget ("antwoordde niet binnen").
    expect(mail?.lastError).toMatch(/requestTimeout/);
    expect(mail?.sentAt).toBeUndefined();
    // One try: the SDK does not send it again by itself (SES might have it; the outbox tries next).
    expect(ses.hungConnections - hungBefore).toBe(1);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('the outbox sender, while it still hangs, records a failed attempt and sends nothing', async () => {
    const hungBefore = ses.hungConnections;
    const run = await deliverOutbox(outboxSender(2), { baseUrl: pipeline.baseUrl });
    expect(run.delivered).toMatchObject({ sent: 0, 'retry-later': 1, failed: 0 });
    const mail = await pipeline.store.getMail(mailId());
    expect(mail).toMatchObject({ status: 'pending', attempts: 2 });
    expect(mail?.lastError).toMatch(/requestTimeout/);
    expect(ses.hungConnections - hungBefore).toBe(1);
    expect(await pipeline.mailbox()).toEqual([]);
  });

  it('once the server answers again, the email is sent exactly once: the whole outbox and the mailbox', async () => {
    ses.set('up');
    // Past the second attempt's backoff (2 minutes); then once more, which finds nothing to do.
    expect((await deliverOutbox(outboxSender(10), { baseUrl: pipeline.baseUrl })).delivered.sent).toBe(1);
    expect((await deliverOutbox(outboxSender(20), { baseUrl: pipeline.baseUrl })).delivered.sent).toBe(0);

    const items = await scanTable(pipeline);
    const mails = items.filter((item) => item.entityType === 'mail');
    expect(mails).toEqual([expect.objectContaining({ PK: `MAIL#${mailId()}`, status: 'sent', attempts: 2 })]);
    const inbox = await pipeline.mailbox();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.destination.to.join(',')).toContain(contact);
    const report = checkInvariant(
      items,
      (to, subject) =>
        inbox.filter((mail) => mail.destination.to.join(',').includes(to) && mail.subject === subject).length,
    );
    expect(report).toEqual({ versions: 1, problems: [] });
  });
});

describe('a DynamoDB that accepts the connection and never answers', () => {
  it('fails a read with the SDK’s request timeout instead of hanging, and reads again once it answers', async () => {
    // The same TCP stand-in, in front of dynalite.
    const dynamo = await startSesProxy(pipeline.dynamo.url);
    try {
      const store = dynamoStore(pipeline.tableName, dynamoDbClient({ endpoint: dynamo.url }));
      dynamo.set('hanging');
      await expect(store.getRound(pipeline.round.id)).rejects.toThrow(/requestTimeout/);
      // Tried again on a fresh connection (a read, or a write with its condition: safe to repeat).
      expect(dynamo.hungConnections).toBeGreaterThanOrEqual(2);
      dynamo.set('up');
      expect(await store.getRound(pipeline.round.id)).toMatchObject({ id: pipeline.round.id });
    } finally {
      await dynamo.close();
    }
  });
});
