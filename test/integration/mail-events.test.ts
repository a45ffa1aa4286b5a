import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { run } from '../../functions/admin/cli.js';
import { recordedEventFor, sqsEventOf } from '../../functions/admin/mail-commands.js';
import { localConfigurationSet } from '../../functions/config.js';
import { deliverMail } from '../../functions/core/deliver-mail.js';
import type { OutboxMail } from '../../functions/core/model.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { handler } from '../../functions/jobs/handlers/record-mail-events.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';

let pipeline: TestPipeline;
let sequence = 0;
const minute = 60_000;

function deps() {
  return {
    store: pipeline.store,
    mailer: new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url }), {
      configurationSet: localConfigurationSet,
    }),
    clock: { now: () => new Date() },
    ids: randomIds,
  };
}

/** Records an email in the outbox and sends it through the emulator, as every use case does. */
async function sentMail(to: string[], kind = 'reminder'): Promise<OutboxMail> {
  const id = `${kind}#${pipeline.round.id}#GM0193#test-${++sequence}`;
  await pipeline.store.enqueueMail({
    id,
    kind,
    to,
    subject: `Proef ${sequence}`,
    html: '<p>Proef</p>',
    text: 'Proef',
    createdAt: new Date().toISOString(),
    status: 'pending',
    attempts: 0,
  });
  expect(await deliverMail(deps(), id)).toBe('sent');
  return (await pipeline.store.getMail(id))!;
}

/** Feeds recorded SES payloads to the event handler, as the SQS queue does on AWS. */
async function feed(...payloads: unknown[]) {
  return handler(sqsEventOf(payloads));
}

const at = (offsetMinutes: number) => new Date(Date.now() + offsetMinutes * minute).toISOString();

beforeAll(async () => {
  pipeline = await startTestPipeline();
  process.env.DYNAMODB_PORT = String(pipeline.dynamo.port);
  process.env.SES_PORT = String(pipeline.ses.port);
  process.env.PORT = String(pipeline.http.port);
  process.env.TABLE_NAME = pipeline.tableName;
});

afterAll(async () => {
  await pipeline?.stop();
});

beforeEach(async () => {
  await pipeline.clearMailbox();
});

describe('SES events mark the outbox email', () => {
  it('bounce: marks the email bounced with reason and time, suppresses the address, writes the audit trail', async () => {
    const address = 'weg@dalfsen.gemeente.example';
    const mail = await sentMail([address]);
    const when = at(1);
    expect(await feed(recordedEventFor('bounce', mail, { at: when }))).toEqual({ batchItemFailures: [] });

    const marked = (await pipeline.store.getMail(mail.id))!;
    expect(marked.deliveryStatus).toBe('bounced');
    expect(marked.delivery?.[address]).toMatchObject({
      status: 'bounced',
      bounce: {
        at: when,
        permanent: true,
        reason: expect.stringContaining('Permanent/General: smtp; 550 5.1.1'),
      },
    });
    expect(await pipeline.store.suppressionsOf([address.toUpperCase()])).toEqual([
      expect.objectContaining({ address, reason: 'bounce', at: when, mailId: mail.id }),
    ]);
    expect(await pipeline.store.listAudit(pipeline.round.id)).toContainEqual(
      expect.objectContaining({
        action: 'mail-bounced',
        actor: 'ses',
        details: expect.objectContaining({ address, mailId: mail.id }),
      }),
    );
  });

  it('complaint: marks the email complained and suppresses the address', async () => {
    const address = 'klager@regietafel.example';
    const mail = await sentMail([address], 'summary');
    const [delivered, complained] = [at(1), at(30)];
    await feed(recordedEventFor('delivery', mail, { at: delivered }));
    expect((await pipeline.store.getMail(mail.id))!.deliveryStatus).toBe('delivered');
    await feed(recordedEventFor('complaint', mail, { at: complained }));
    const marked = (await pipeline.store.getMail(mail.id))!;
    expect(marked.deliveryStatus).toBe('complained');
    expect(marked.delivery?.[address]).toMatchObject({
      status: 'complained',
      deliveredAt: delivered,
      complaint: { at: complained, reason: 'abuse' },
    });
    expect((await pipeline.store.suppressionsOf([address]))[0]).toMatchObject({ reason: 'complaint' });
  });

  it('out of order: a delivery that arrives before the bounce, and one that arrives after it, never hide the bounce', async () => {
    const [bounced, delivered] = [at(2), at(5)];
    const first = await sentMail(['eerst-afgeleverd@deventer.gemeente.example']);
    // The delivery (reported for a later moment) comes in first, then the bounce.
    await feed(recordedEventFor('delivery', first, { at: delivered }));
    await feed(recordedEventFor('bounce', first, { at: bounced }));
    const second = await sentMail(['later-afgeleverd@deventer.gemeente.example']);
    await feed(recordedEventFor('bounce', second, { at: bounced }));
    await feed(recordedEventFor('delivery', second, { at: delivered }));

    for (const mail of [first, second]) {
      const marked = (await pipeline.store.getMail(mail.id))!;
      const outcome = marked.delivery![mail.to[0]!]!;
      expect(marked.deliveryStatus, mail.id).toBe('bounced');
      // Each kind of event keeps its own time.
      expect(outcome.bounce?.at).toBe(bounced);
      expect(outcome.deliveredAt).toBe(delivered);
      expect(await pipeline.store.listMailEvents(mail.id)).toHaveLength(2);
    }
  });

  it('a transient bounce followed by a delivery ends delivered, and suppresses nothing', async () => {
    const address = 'vol@raalte.gemeente.example';
    const mail = await sentMail([address]);
    const soft = recordedEventFor('bounce', mail, { at: at(1) }) as { bounce: Record<string, unknown> };
    soft.bounce.bounceType = 'Transient';
    soft.bounce.bounceSubType = 'MailboxFull';
    await feed(soft, recordedEventFor('delivery', mail, { at: at(20) }));
    expect((await pipeline.store.getMail(mail.id))!.deliveryStatus).toBe('delivered');
    expect(await pipeline.store.suppressionsOf([address])).toEqual([]);
  });

  it('an event delivered twice is recorded once', async () => {
    const mail = await sentMail(['twee-keer@olst-wijhe.gemeente.example']);
    const bounce = recordedEventFor('bounce', mail, { at: at(1) });
    await feed(bounce, bounce);
    await feed(bounce);
    expect(await pipeline.store.listMailEvents(mail.id)).toHaveLength(1);
    const lines = (await pipeline.store.listAudit(pipeline.round.id)).filter(
      (line) => line.details?.mailId === mail.id,
    );
    expect(lines).toHaveLength(1);
  });

  it('keeps each recipient apart: one bounced contact of two marks the email bounced, the other still gets mail', async () => {
    const [good, bad] = ['goed@zwolle.gemeente.example', 'fout@zwolle.gemeente.example'];
    const mail = await sentMail([good, bad], 'invitation');
    await feed(
      recordedEventFor('delivery', mail, { to: good, at: at(1) }),
      recordedEventFor('bounce', mail, { to: bad, at: at(1) }),
    );
    const marked = (await pipeline.store.getMail(mail.id))!;
    expect(marked.deliveryStatus).toBe('bounced');
    expect(marked.delivery?.[good]?.status).toBe('delivered');
    expect(marked.delivery?.[bad]?.status).toBe('bounced');

    await pipeline.clearMailbox();
    const next = await sentMail([good, bad]);
    const sent = await pipeline.mailbox();
    expect(sent.map((message) => message.destination.to)).toEqual([[good]]);
    expect(next.delivery?.[bad]).toMatchObject({ status: 'suppressed' });
    expect(next.deliveryStatus).toBe('suppressed');
  });

  it('refuses to send to a suppressed address, visibly: the email is failed with a Dutch reason, nothing goes out', async () => {
    const address = 'geblokkeerd@kampen.gemeente.example';
    const mail = await sentMail([address]);
    await feed(recordedEventFor('bounce', mail, { at: at(1) }));
    await pipeline.clearMailbox();

    const id = `reminder#${pipeline.round.id}#GM0166#na-blokkade`;
    await pipeline.store.enqueueMail({
      id,
      kind: 'reminder',
      to: [address],
      subject: 'Nog een keer',
      html: '<p>x</p>',
      text: 'x',
      createdAt: new Date().toISOString(),
      status: 'pending',
      attempts: 0,
    });
    expect(await deliverMail(deps(), id)).toBe('failed');
    expect(await pipeline.mailbox()).toEqual([]);
    const refused = (await pipeline.store.getMail(id))!;
    expect(refused.status).toBe('failed');
    expect(refused.lastError).toContain(`${address} (onbestelbaar) staat op de blokkeerlijst`);
    expect((await pipeline.store.listMail('failed')).map((failed) => failed.id)).toContain(id);
  });

  it('suppresses the address of a report about a message it does not know, and marks nothing', async () => {
    const unknown = recordedEventFor(
      'bounce',
      { id: 'reminder#elders#GM0000#x', to: ['onbekend@elders.example'], messageId: 'ander-bericht' },
      { at: at(1) },
    );
    expect(await feed(unknown)).toEqual({ batchItemFailures: [] });
    expect(await pipeline.store.suppressionsOf(['onbekend@elders.example'])).toHaveLength(1);
    expect(await pipeline.store.getMail('reminder#elders#GM0000#x')).toBeUndefined();
  });

  it('will not let a report mark another email than the one SES sent under that message id', async () => {
    const victim = await sentMail(['slachtoffer@hardenberg.gemeente.example']);
    const forged = recordedEventFor('bounce', { ...victim, messageId: 'een-ander-bericht' }, { at: at(1) });
    await feed(forged);
    expect((await pipeline.store.getMail(victim.id))!.deliveryStatus).toBeUndefined();
  });

  it('reports a malformed message back to the queue (retry, then dead-letter queue) and handles the rest', async () => {
    const mail = await sentMail(['goed-na-fout@ommen.gemeente.example']);
    const event = sqsEventOf([{ geen: 'ses' }, recordedEventFor('delivery', mail, { at: at(1) })]);
    event.Records[0]!.body = 'geen json';
    const result = await handler(event);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
    expect((await pipeline.store.getMail(mail.id))!.deliveryStatus).toBe('delivered');
  });

  it('accepts the same notification inside an SNS envelope or an EventBridge event', async () => {
    const mail = await sentMail(['omhulsel@staphorst.gemeente.example']);
    const bounce = recordedEventFor('bounce', mail, { at: at(1) });
    await feed({ Type: 'Notification', Message: JSON.stringify(bounce) });
    expect((await pipeline.store.getMail(mail.id))!.deliveryStatus).toBe('bounced');
    const other = await sentMail(['eventbridge@steenwijkerland.gemeente.example']);
    await feed({
      source: 'aws.ses',
      'detail-type': 'Email Delivered',
      detail: recordedEventFor('delivery', other, { at: at(1) }),
    });
    expect((await pipeline.store.getMail(other.id))!.deliveryStatus).toBe('delivered');
  });
});

describe('staff see bounced addresses next to the municipality', () => {
  it('shows a bounced coordinator address of a municipality on the round page, and in its JSON', async () => {
    const municipality = (await pipeline.store.getMunicipality('GM0150'))!;
    const address = municipality.contacts[0]!;
    const mail = await sentMail([address]);
    await feed(recordedEventFor('bounce', mail, { at: at(1) }));

    const token = await pipeline.staffToken('regietafel:ijsselland');
    const page = await fetch(`${pipeline.baseUrl}/staf/rondes/${pipeline.round.id}`, {
      headers: { accept: 'text/html', cookie: `regietafel_staf=${token}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('E-mailadressen die niet werken');
    // The municipality's row (its name links to its submission page).
    const row = html.slice(html.indexOf(`${municipality.name}</a> <span class="rt-code">GM0150`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(`E-mail komt niet aan: ${address} (onbestelbaar)`);

    const json = (await (
      await fetch(`${pipeline.baseUrl}/staf/rondes/${pipeline.round.id}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      })
    ).json()) as { mailProblems: Record<string, unknown[]> };
    expect(json.mailProblems.GM0150).toEqual([
      expect.objectContaining({ address, role: 'contact', reason: 'bounce' }),
    ]);
  });
});

describe('the admin command feeds a recorded SES event to the running pipeline', () => {
  async function cli(...argv: string[]): Promise<string[]> {
    const lines: string[] = [];
    await run(argv, (line) => lines.push(...line.split('\n')));
    return lines;
  }

  it('mail-event --type bounce --to: finds the newest email to that address, marks it, blocks the address; unsuppress lifts it', async () => {
    const address = 'cli-bounce@hof-van-twente.gemeente.example';
    const mail = await sentMail([address]);
    expect((await cli('outbox', '--sent')).join('\n')).toContain(mail.id);
    const output = await cli('mail-event', '--type', 'bounce', '--to', address);
    expect(output[0]).toBe(`Verwerkt: ${mail.id} is nu ‘onbestelbaar’.`);
    expect(output[1]).toContain(`${address}: onbestelbaar (Permanent/General: smtp; 550 5.1.1`);
    expect((await cli('suppressions')).join('\n')).toContain(`${address}  onbestelbaar sinds`);
    expect(await cli('unsuppress', '--address', address)).toEqual([
      `${address} is van de blokkeerlijst gehaald.`,
    ]);
    expect(await pipeline.store.suppressionsOf([address])).toEqual([]);
    await expect(cli('unsuppress', '--address', address)).rejects.toThrow('staat niet op de blokkeerlijst');
  });

  it('explains what is wrong with a request it cannot serve', async () => {
    await expect(cli('mail-event', '--type', 'bounce', '--to', 'niemand@nergens.example')).rejects.toThrow(
      'Geen verstuurde e-mail gevonden aan niemand@nergens.example',
    );
    await expect(cli('mail-event', '--type', 'ontploft', '--to', 'x@y.example')).rejects.toThrow(
      '--type moet een van bounce, complaint, delivery, reject, delay zijn.',
    );
  });
});
