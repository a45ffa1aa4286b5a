import { SESClient } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMime, SesMailer } from '../../functions/adapters/ses-mailer.js';
import { sendSummaries } from '../../functions/core/compile-summaries.js';
import { inviteMunicipalities } from '../../functions/core/invitations.js';
import type { OutboxMail, Round } from '../../functions/core/model.js';
import { sendReminders } from '../../functions/core/reminders.js';
import { randomIds } from '../../functions/http/dependencies.js';
import {
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
  validSociaalDomein,
  validVoortgangOpgaven,
} from '../support/pipeline.js';
import { strictMimeProblems } from '../support/strict-mime.js';

const from = 'Regietafel Vluchtelingen <noreply@regietafel.example>';
const day = 24 * 3600 * 1000;
let pipeline: TestPipeline;
/** Every email the product recorded in the outbox during the flows below, by kind. */
const mails = new Map<string, OutboxMail[]>();

const lf = (text: string) => text.replace(/\r\n/g, '\n');

beforeAll(async () => {
  pipeline = await startTestPipeline();
  const deps = {
    store: pipeline.store,
    mailer: new SesMailer(from, new SESClient({ endpoint: pipeline.ses.url })),
    clock: { now: () => new Date() },
    ids: randomIds,
  };
  const ids: string[] = [];
  // Confirmations of every form, through the public route as an official submits.
  const answers: Record<string, Record<string, unknown>> = {
    'eigen-bijdrage': validEigenBijdrage({ remarks: `Lange toelichting: ${'veel woorden '.repeat(120)}` }),
    'sociaal-domein': validSociaalDomein(),
    'voortgang-opgaven': validVoortgangOpgaven(),
  };
  for (const [formId, round] of Object.entries(pipeline.rounds)) {
    const response = await postJson(pipeline.formUrl('GM0193', round), { answers: answers[formId] });
    expect(response.status, response.text).toBe(201);
    ids.push(`confirmation#${round.id}#${formId}#GM0193#v1`);
  }
  // An invitation, reminders in the last days of a round, the summaries with CSV attachments.
  const closing: Round = {
    ...pipeline.rounds['voortgang-opgaven']!,
    id: 'mime-bijna-dicht',
    deadline: new Date(Date.now() + 2 * day).toISOString(),
  };
  await pipeline.store.createRound(closing);
  const [invited] = await inviteMunicipalities(deps, {
    roundId: closing.id,
    municipalities: ['GM0150'],
    baseUrl: pipeline.baseUrl,
    send: true,
    actor: 'test',
  });
  ids.push(invited!.mailId!);
  for (const reminder of await sendReminders(deps, {
    roundId: closing.id,
    period: 'mime',
    baseUrl: pipeline.baseUrl,
    actor: 'test',
  }))
    ids.push(reminder.mailId);
  for (const round of Object.values(pipeline.rounds)) {
    const run = await sendSummaries(deps, {
      roundId: round.id,
      period: 'mime',
      actor: 'test',
      dashboardUrl: pipeline.baseUrl,
    });
    for (const summary of run.sent) ids.push(summary.mailId);
  }
  for (const id of ids) {
    const mail = (await pipeline.store.getMail(id))!;
    mails.set(mail.kind, [...(mails.get(mail.kind) ?? []), mail]);
  }
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
});

describe('raw MIME of every kind of email', () => {
  it('covers every kind the product sends, summaries with attachments among them', () => {
    expect([...mails.keys()].sort()).toEqual(['confirmation', 'invitation', 'reminder', 'summary']);
    expect(mails.get('summary')!.some((mail) => (mail.attachments?.length ?? 0) > 0)).toBe(true);
  });

  for (const kind of ['confirmation', 'invitation', 'reminder', 'summary']) {
    it(`${kind}: CRLF line ends only, no line over 998 octets (body lines 76), a well-formed MIME tree`, async () => {
      for (const mail of mails.get(kind)!) {
        const raw = await composeMime(from, mail);
        expect(strictMimeProblems(raw), mail.id).toEqual([]);
      }
    });

    it(`${kind}: decodes back to exactly what was sent (subject, recipients, Reply-To, text, HTML, attachments)`, async () => {
      for (const mail of mails.get(kind)!) {
        const parsed = await PostalMime.parse(await composeMime(from, mail));
        expect(parsed.subject).toBe(mail.subject);
        expect(parsed.to?.map((address) => address.address)).toEqual([...mail.to]);
        expect(parsed.replyTo?.map((address) => address.address) ?? []).toEqual([...(mail.replyTo ?? [])]);
        expect(lf(parsed.text ?? '').trimEnd()).toBe(lf(mail.text).trimEnd());
        expect(lf(parsed.html ?? '').trimEnd()).toBe(lf(mail.html).trimEnd());
        expect(
          parsed.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: Buffer.from(attachment.content as ArrayBuffer).toString('utf8'),
          })),
        ).toEqual((mail.attachments ?? []).map(({ filename, content }) => ({ filename, content })));
      }
    });
  }
});

describe('the strict checker itself', () => {
  it('finds the bare LF line ends nodemailer writes without `newline: windows`, and overlong lines', async () => {
    const raw = await new MailComposer({
      from,
      to: ['a@gemeente.example'],
      subject: 'Proef',
      text: 'regel een\nregel twee',
      textEncoding: 'quoted-printable',
    })
      .compile()
      .build();
    expect(strictMimeProblems(raw).map((found) => found.problem)).toContain('bare LF');
    const overlong = Buffer.from(
      `${raw.toString('latin1').replace(/\r?\n/g, '\r\n').replace('regel een', 'x'.repeat(1200))}`,
      'latin1',
    );
    expect(strictMimeProblems(overlong).map((found) => found.problem)).toEqual([
      'line of 1200 octets (limit 998)',
    ]);
  });

  it('finds a multipart without its closing delimiter and a header line that is not a field', () => {
    const raw = Buffer.from(
      [
        'From: a@b.example',
        'To: c@d.example',
        'Subject: x',
        'Date: Tue, 01 Dec 2026 10:00:00 +0000',
        'Message-ID: <1@b.example>',
        'MIME-Version: 1.0',
        'geen veld',
        'Content-Type: multipart/alternative; boundary="grens"',
        '',
        '--grens',
        'Content-Type: text/plain',
        '',
        'tekst',
        '',
      ].join('\r\n'),
    );
    const problems = strictMimeProblems(raw).map((found) => found.problem);
    expect(problems).toContain('multipart/alternative: no closing delimiter');
    expect(problems.some((problem) => problem.startsWith('not a header field'))).toBe(true);
  });
});
