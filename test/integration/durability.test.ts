import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { deliverMail, maxAttempts } from '../../functions/core/deliver-mail.js';
import { listen, PortInUseError } from '../../functions/local/emulators.js';
import { get, postJson, startTestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/** A small email waiting in the outbox, never tried. */
function waitingMail(id: string) {
  return {
    id,
    kind: 'confirmation',
    to: ['iemand@gemeente.example'],
    subject: 'x',
    html: 'x',
    text: 'x',
    createdAt: new Date().toISOString(),
    status: 'pending' as const,
    attempts: 0,
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'regietafel-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('nothing is lost', () => {
  it('keeps submissions on disk across a restart of the local pipeline', async () => {
    const first = await startTestPipeline({ dataDir });
    const stored = await postJson(first.formUrl('GM0193'), { answers: validEigenBijdrage() });
    expect(stored.status).toBe(201);
    await first.stop();

    // Same ports, as `npm start` uses: the handler modules keep their SDK clients across requests.
    const second = await startTestPipeline({
      dataDir,
      port: first.http.port,
      dynamoPort: first.dynamo.port,
      sesPort: first.ses.port,
    });
    try {
      const versions = await second.items(second.round.id, 'VERSION#eigen-bijdrage#GM0193#');
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ version: 1, answers: validEigenBijdrage() });
      const page = await (await get(second.formUrl('GM0193'))).text();
      expect(page).toContain('U wijzigt versie 1');
    } finally {
      await second.stop();
    }
  });

  it('keeps the confirmation in the outbox during an email outage and sends it once after recovery', async () => {
    const pipeline = await startTestPipeline();
    try {
      await pipeline.clearMailbox(); // the SES emulator's mailbox is shared by every pipeline in this process
      // The outage: SES unreachable (a closed port), with the real SDK client.
      const closed = await listen(createServer(), 0, '127.0.0.1', 'test', 'TEST_PORT');
      await closed.close();
      const clock = { now: () => new Date() };
      const down = new SesMailer(
        'noreply@regietafel.example',
        new SESClient({ endpoint: closed.url, maxAttempts: 1 }),
      );
      const mail = {
        id: 'confirmation#outage-test',
        kind: 'confirmation',
        to: ['iemand@gemeente.example'],
        subject: 'Test tijdens storing',
        html: '<p>hallo</p>',
        text: 'hallo',
        createdAt: new Date().toISOString(),
        status: 'pending' as const,
        attempts: 0,
      };
      expect(await pipeline.store.enqueueMail(mail)).toBe(true);
      expect(await pipeline.store.enqueueMail(mail)).toBe(false);

      expect(await deliverMail({ store: pipeline.store, mailer: down, clock }, mail.id)).toBe('retry-later');
      const waiting = await pipeline.store.getMail(mail.id);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
      expect(waiting?.lastError).toBeTruthy();
      expect(Date.parse(waiting!.nextAttemptAt!)).toBeGreaterThan(Date.now());
      expect(await pipeline.mailbox()).toEqual([]);

      const up = new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url }));
      const [a, b] = await Promise.all([
        deliverMail({ store: pipeline.store, mailer: up, clock }, mail.id),
        deliverMail({ store: pipeline.store, mailer: up, clock }, mail.id),
      ]);
      expect([a, b].sort()).toEqual(['busy', 'sent']);
      expect(await deliverMail({ store: pipeline.store, mailer: up, clock }, mail.id)).toBe('already-sent');
      expect(await pipeline.mailbox()).toHaveLength(1);
      expect(await pipeline.store.getMail(mail.id)).toMatchObject({
        status: 'sent',
        messageId: expect.any(String),
      });
    } finally {
      await pipeline.stop();
    }
  });

  it('records a send whose first writes of it fail, and does not send it a second time', async () => {
    const pipeline = await startTestPipeline();
    try {
      const mail = waitingMail('confirmation#record-test');
      await pipeline.store.enqueueMail(mail);
      // The table refuses the first two writes of "sent" (a short outage after SES took the email).
      let refusals = 2;
      const store = new Proxy(pipeline.store, {
        get: (target, property, receiver) =>
          property === 'markMailSent'
            ? (...args: Parameters<typeof target.markMailSent>) =>
                refusals-- > 0
                  ? Promise.reject(new Error('ProvisionedThroughputExceededException'))
                  : target.markMailSent(...args)
            : Reflect.get(target, property, receiver),
      });
      const sent: string[] = [];
      const mailer = {
        send: async (message: { subject: string }) => {
          sent.push(message.subject);
          return { messageId: `message-${sent.length}` };
        },
      };
      // Even two minutes on (past the lease) the sender finds it sent.
      const later = { now: () => new Date(Date.now() + 2 * 60_000) };
      expect(await deliverMail({ store, mailer, clock: { now: () => new Date() } }, mail.id)).toBe('sent');
      expect(await deliverMail({ store, mailer, clock: later }, mail.id)).toBe('already-sent');
      expect(sent).toEqual(['x']);
      expect(await pipeline.store.getMail(mail.id)).toMatchObject({ status: 'sent', messageId: 'message-1' });
    } finally {
      await pipeline.stop();
    }
  });

  it('marks an email failed after the retry budget, visible for a person to re-send', async () => {
    const pipeline = await startTestPipeline();
    try {
      const failing = {
        send: async () => Promise.reject(new Error('Throttling: Maximum sending rate exceeded')),
      };
      const mail = waitingMail('confirmation#budget-test');
      await pipeline.store.enqueueMail(mail);
      const outcomes = [];
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        outcomes.push(
          await deliverMail(
            { store: pipeline.store, mailer: failing, clock: { now: () => new Date() } },
            mail.id,
          ),
        );
      }
      expect(outcomes.at(-1)).toBe('failed');
      expect(await pipeline.store.getMail(mail.id)).toMatchObject({
        status: 'failed',
        attempts: maxAttempts,
        lastError: 'Throttling: Maximum sending rate exceeded',
      });
    } finally {
      await pipeline.stop();
    }
  });
});

describe('the local run', () => {
  it('names a taken port clearly instead of crashing', async () => {
    const taken = await listen(createServer(), 0, '127.0.0.1', 'bezet', 'PORT');
    try {
      const error = await listen(createServer(), taken.port, '127.0.0.1', 'formulieren', 'PORT').catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(
        `Poort ${taken.port} (formulieren) is al in gebruik. Stop het andere programma of kies een andere poort, bijvoorbeeld: PORT=${taken.port + 10} npm start`,
      );
    } finally {
      await taken.close();
    }
  });
});
