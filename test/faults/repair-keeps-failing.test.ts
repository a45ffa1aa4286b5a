import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMail, SubmissionVersion } from '../../functions/core/model.js';
import type { Store } from '../../functions/core/ports.js';
import { confirmationMailId, type SubmitFormInput, submitForm } from '../../functions/core/submit-form.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { deliverOutbox } from '../../functions/jobs/deliver-outbox.js';
import { checkInvariant, mortalProcess, RecordingMailer, scanTable } from '../support/faults.js';
import { startTestPipeline, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * A version whose repair keeps failing: its request died before the confirmation was recorded, and the
 * table refuses to record it, run after run of the outbox sender. The repair's mark (`CONFIG` /
 * `REPAIR-MARK`) stays at that version — never past it — while the versions after it are completed and
 * confirmed once, however often the walk passes them again; once the table takes the write, the next run
 * completes the version, sends its confirmation once and only then moves the mark past it. Checked over
 * the whole table and the mail service's record: nothing lost, nothing sent twice.
 */

let pipeline: TestPipeline;
const mailService = new RecordingMailer();
/** The confirmation the table refuses to record while `refusing` (a write that keeps failing). */
let refused: string | undefined;
let refusing = false;

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

const healthy = () => ({
  store: pipeline.store,
  mailer: mailService,
  clock: { now: () => new Date() },
  ids: randomIds,
});

/** The outbox sender `minutes` from now, on a table that refuses to record one confirmation. */
function sender(minutes: number) {
  const store = new Proxy(pipeline.store, {
    get(target, property, receiver) {
      if (property === 'enqueueMail') {
        return (mail: OutboxMail, options?: Parameters<Store['enqueueMail']>[1]) =>
          refusing && mail.id === refused
            ? Promise.reject(new Error('De tabel weigert dit schrijven (fout blijft)'))
            : target.enqueueMail(mail, options);
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return { store, mailer: mailService, clock: { now: () => new Date(Date.now() + minutes * 60_000) } };
}

function input(municipality: string): SubmitFormInput {
  const round = pipeline.round;
  return {
    roundId: round.id,
    formId: round.formId,
    municipality,
    principal: { kind: 'municipality', municipality, roundId: round.id },
    answers: validEigenBijdrage({ contactEmail: `${municipality.toLowerCase()}@gemeente.example` }),
    submissionId: `herstel-${municipality}`,
    baseVersion: 0,
    formUrl: pipeline.formUrl(municipality),
    mailBudgetMs: 1_000,
  };
}

/** A first submission whose process dies before `step` (after its version is stored). */
async function diesBefore(municipality: string, step: 'advanceCurrent' | 'enqueueMail') {
  const steps = ['claimSubmissionId', 'putVersion', 'advanceCurrent', 'audit', 'enqueueMail'];
  const process = mortalProcess(pipeline.store, mailService, { at: steps.indexOf(step), when: 'before' });
  // The version is stored, so the answer would be a success (the rest deferred to the repair).
  await submitForm({ ...healthy(), store: process.store, mailer: process.mailer }, input(municipality));
  expect(process.died).toBe(true);
  return stored(municipality);
}

async function stored(municipality: string): Promise<SubmissionVersion> {
  const version = await pipeline.store.getVersion(pipeline.round.id, 'eigen-bijdrage', municipality, 1);
  expect(version, `${municipality}: version 1 stored`).toBeDefined();
  return version!;
}

const sentTo = (municipality: string) =>
  mailService.sent.filter((message) => message.to.includes(`${municipality.toLowerCase()}@gemeente.example`))
    .length;

/** The mark as the table holds it (the item itself, not a copy). */
async function markItem() {
  return (await scanTable(pipeline)).find((item) => item.PK === 'CONFIG' && item.SK === 'REPAIR-MARK');
}

describe('a version whose repair keeps failing', () => {
  it('keeps the repair’s mark at it until the repair succeeds; nothing lost, nothing sent twice', async () => {
    // Before: a version confirmed by its request, walked by a run, the mark at it.
    await submitForm(healthy(), input('GM0164'));
    const before = await stored('GM0164');
    await deliverOutbox(sender(5), { baseUrl: pipeline.baseUrl });
    expect((await markItem())?.at).toBe(before.submittedAt);

    // The failing one, then one that needs the repair too and one its request confirmed.
    const failing = await diesBefore('GM0193', 'enqueueMail');
    refused = confirmationMailId(failing);
    refusing = true;
    const repairable = await diesBefore('GM0141', 'advanceCurrent');
    await submitForm(healthy(), input('GM0147'));
    const confirmed = await stored('GM0147');
    // And one three minutes later, well past the minute the repair looks back from its mark: a mark moved
    // past the failing version would never walk it again.
    await submitForm(
      { ...healthy(), clock: { now: () => new Date(Date.now() + 3 * 60_000) } },
      input('GM0150'),
    );
    const later = await stored('GM0150');
    expect(failing.submittedAt < repairable.submittedAt).toBe(true);
    expect(repairable.submittedAt < confirmed.submittedAt).toBe(true);

    // Run after run (the clock a minute on each time), the table refusing that one write.
    for (let minute = 2; minute <= 8; minute++) {
      const run = await deliverOutbox(sender(minute), { baseUrl: pipeline.baseUrl });
      expect(run.repairFailed, `minute ${minute}`).toBe(1);
      expect(run.repaired, `minute ${minute}`).toBe(minute === 2 ? 1 : 0);
      // The mark stays at the failing version: never past it, whatever came after it.
      expect((await markItem())?.at, `minute ${minute}`).toBe(failing.submittedAt);
      expect(await pipeline.store.getMail(refused)).toBeUndefined();
      expect(sentTo('GM0193')).toBe(0);
      // The versions after it: repaired and confirmed once, walked again each run and left be.
      expect(['GM0164', 'GM0141', 'GM0147', 'GM0150'].map(sentTo), `minute ${minute}`).toEqual([1, 1, 1, 1]);
    }

    // The table takes the write again: the next run completes it, sends it, and only now moves the mark.
    refusing = false;
    const healed = await deliverOutbox(sender(9), { baseUrl: pipeline.baseUrl });
    expect(healed).toMatchObject({ repaired: 1, repairFailed: 0, delivered: { sent: 1 } });
    expect(sentTo('GM0193')).toBe(1);
    expect((await markItem())?.at).toBe(later.submittedAt);
    // Later runs find nothing to do.
    for (const minute of [10, 20]) {
      expect(await deliverOutbox(sender(minute), { baseUrl: pipeline.baseUrl })).toMatchObject({
        repaired: 0,
        repairFailed: 0,
        delivered: { sent: 0 },
      });
    }

    const report = checkInvariant(await scanTable(pipeline), (to, subject) => mailService.count(to, subject));
    expect(report).toEqual({ versions: 5, problems: [] });
    expect(mailService.sent).toHaveLength(5);
    expect(await pipeline.store.listMail('pending')).toEqual([]);
    expect(await pipeline.store.listMail('failed')).toEqual([]);
  });
});
