import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Round } from '../../functions/core/model.js';
import { confirmationMailId, type SubmitFormInput, submitForm } from '../../functions/core/submit-form.js';
import { randomIds } from '../../functions/http/dependencies.js';
import { deliverOutbox } from '../../functions/jobs/deliver-outbox.js';
import { checkInvariant, mortalProcess, ProcessDied, RecordingMailer, scanTable } from '../support/faults.js';
import { startTestPipeline, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * Crash injection at every step of a submission and of the outbox sender: the process dies before or after
 * each write (DynamoDB and the mail service alike); then recovery runs as it would in production — the
 * official's browser or client sends the same request again, or not, and the outbox sender runs (a minute
 * later) — and the invariant is checked over the whole table: every accepted submission stored once, the
 * versions contiguous, exactly one confirmation recorded and sent per version.
 */

let pipeline: TestPipeline;
const mailService = new RecordingMailer();
const municipality = 'GM0193';
/** Mail ids where the one documented window applies: sent by the mail service, then the process died. */
const sentTwice = new Set<string>();
let scenario = 0;

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

const now = () => new Date();
/** The outbox sender a few minutes later: past every lease, the first backoff and the repair's wait. */
const later = () => ({ now: () => new Date(Date.now() + 5 * 60_000) });
const healthy = () => ({ store: pipeline.store, mailer: mailService, clock: { now }, ids: randomIds });

/** A fresh round per scenario, so each one starts from a known state. */
async function freshRound(): Promise<Round> {
  scenario++;
  const round = { ...pipeline.round, id: `crash-${scenario}`, title: `Crashronde ${scenario}` };
  expect(await pipeline.store.createRound(round)).toBe(true);
  return round;
}

function input(round: Round, baseVersion: number, tag: string): SubmitFormInput {
  const principal: Principal = { kind: 'municipality', municipality, roundId: round.id };
  return {
    roundId: round.id,
    formId: round.formId,
    municipality,
    principal,
    answers: validEigenBijdrage({
      contactEmail: `${round.id}@gemeente.example`,
      adultsFull: 10 + baseVersion,
    }),
    submissionId: `${round.id}-${tag}`,
    baseVersion,
    formUrl: `${pipeline.baseUrl}/formulieren/${round.formId}/${round.id}/${municipality}`,
    mailBudgetMs: 1_000,
  };
}

/** Runs one submission in a process that dies at `plan`; true when it answered (accepted). */
async function dyingSubmit(submission: SubmitFormInput, plan?: { at: number; when: 'before' | 'after' }) {
  const process = mortalProcess(pipeline.store, mailService, plan);
  try {
    await submitForm({ ...healthy(), store: process.store, mailer: process.mailer }, submission);
    return { accepted: true, process };
  } catch (error) {
    if (!(error instanceof ProcessDied)) throw error;
    return { accepted: false, process };
  }
}

async function expectInvariant(accepted: { roundId: string; submissionId: string }[]) {
  const items = await scanTable(pipeline);
  const report = checkInvariant(items, (to, subject) => mailService.count(to, subject), sentTwice);
  expect(report.problems).toEqual([]);
  for (const submission of accepted) {
    const stored = items.filter(
      (item) => item.entityType === 'version' && item.submissionId === submission.submissionId,
    );
    expect(stored, `${submission.submissionId} accepted but not stored once`).toHaveLength(1);
  }
}

/**
 * Every confirmation the mail service got for this version is the whole email, whoever sent it: the
 * request (the content it rendered) or the outbox sender (rendered again from the stored version, as the
 * content is not stored) — the answers, the changes against version 1, the form's link.
 */
function expectRightContent(round: Round, version: number, label: string) {
  const sent = mailService.sent.filter(
    (message) =>
      message.to.includes(`${round.id}@gemeente.example`) && message.subject.includes(`versie ${version})`),
  );
  expect(sent.length, label).toBeGreaterThan(0);
  for (const message of sent) {
    expect(message.html, label).toContain(round.title);
    expect(message.text, label).toContain(`${pipeline.baseUrl}/formulieren/${round.formId}/${round.id}/`);
    if (version === 2)
      expect(message.text, label).toMatch(/VORIGE VERSIE\n- [^\n]*: 10 volwassenen → 11 volwassenen/);
  }
}

/** A colleague's draft from version 1, which an amendment supersedes (and deletes). */
async function colleaguesDraft(round: Round) {
  await pipeline.store.saveDraft({
    roundId: round.id,
    formId: round.formId,
    municipality,
    raw: { remarks: 'concept' },
    baseVersion: 1,
    revision: 1,
    savedAt: now().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  });
}

/** The steps of a clean run, to crash at each one (the mail service counted as a step: `send`). */
async function stepsOf(kind: 'first' | 'amendment'): Promise<string[]> {
  const round = await freshRound();
  if (kind === 'amendment') {
    await submitForm(healthy(), input(round, 0, 'v1'));
    await colleaguesDraft(round);
  }
  const { process } = await dyingSubmit(input(round, kind === 'amendment' ? 1 : 0, 'probe'));
  await deliverOutbox({ ...healthy(), clock: later() }, { baseUrl: pipeline.baseUrl });
  return process.steps;
}

describe('crash at every step of a submission', () => {
  for (const kind of ['first', 'amendment'] as const) {
    it(`${kind}: after recovery every accepted submission is stored once with exactly one confirmation`, async () => {
      const steps = await stepsOf(kind);
      // The email is recorded already taken for sending (no claimMail), the version stays listed for the
      // repair (nothing takes it off), and a draft is deleted only when the submission read one (the
      // amendment's colleague's draft; a first submission has none).
      expect(steps).toEqual([
        'claimSubmissionId',
        'putVersion',
        'advanceCurrent',
        ...(kind === 'amendment' ? ['deleteDraft'] : []),
        'audit',
        'enqueueMail',
        'send',
        'markMailSent',
      ]);
      const accepted: { roundId: string; submissionId: string }[] = [];
      for (const [at, step] of steps.entries()) {
        for (const when of ['before', 'after'] as const) {
          for (const retried of [false, true]) {
            const round = await freshRound();
            if (kind === 'amendment') {
              const first = input(round, 0, 'v1');
              await submitForm(healthy(), first);
              accepted.push({ roundId: round.id, submissionId: first.submissionId! });
              await colleaguesDraft(round);
            }
            const submission = input(round, kind === 'amendment' ? 1 : 0, `${step}-${when}`);
            const first = await dyingSubmit(submission, { at, when });
            expect(first.process.died, `${step} ${when}`).toBe(true);
            let wasAccepted = first.accepted;
            if (retried) {
              // The official presses "Versturen" again (same page, same submission id).
              const again = await submitForm(healthy(), submission);
              expect(again.version.version).toBe(kind === 'amendment' ? 2 : 1);
              wasAccepted = true;
            }
            // A minute later the outbox sender runs (repair, then what is due).
            await deliverOutbox({ ...healthy(), clock: later() }, { baseUrl: pipeline.baseUrl });
            if ((step === 'send' && when === 'after') || (step === 'markMailSent' && when === 'before')) {
              // The one window: the mail service accepted the email, the process died before recording
              // it. Its lease runs out and it is sent again — at least once rather than lost.
              sentTwice.add(confirmationMailId({ ...submission, version: kind === 'amendment' ? 2 : 1 }));
            }
            if (wasAccepted) accepted.push({ roundId: round.id, submissionId: submission.submissionId! });
            await expectInvariant(accepted);
            if (wasAccepted) expectRightContent(round, kind === 'amendment' ? 2 : 1, `${step} ${when}`);
            if (kind === 'amendment') {
              const stored = await pipeline.store.listVersions(round.id, round.formId, municipality);
              // The draft it superseded is gone once version 2 is stored (never when only version 1 is).
              const draft = await pipeline.store.getDraft(round.id, round.formId, municipality);
              expect(Boolean(draft), `${step} ${when}`).toBe(stored.length === 1);
            }
          }
        }
      }
    });
  }
});

describe('crash at every step of the outbox sender', () => {
  it('sends every waiting confirmation exactly once after the sender dies at any step and runs again', async () => {
    const accepted: { roundId: string; submissionId: string }[] = [];
    for (let at = 0; at < 4; at++) {
      for (const when of ['before', 'after'] as const) {
        const round = await freshRound();
        // The mail service is down during the submission: stored, confirmation waiting in the outbox.
        mailService.down = true;
        const submission = input(round, 0, `sender-${at}-${when}`);
        const stored = await submitForm(healthy(), submission);
        mailService.down = false;
        expect(stored.mail).toBe('pending');
        accepted.push({ roundId: round.id, submissionId: submission.submissionId! });

        const sender = mortalProcess(pipeline.store, mailService, { at, when });
        await expect(
          deliverOutbox(
            { store: sender.store, mailer: sender.mailer, clock: later() },
            { baseUrl: pipeline.baseUrl },
          ),
        ).rejects.toThrow(ProcessDied);
        // The repair walks the new version (its email is recorded: nothing to do) and moves its mark.
        expect(sender.steps[at]).toBe(['advanceRepairMark', 'claimMail', 'send', 'markMailSent'][at]);
        // The documented window: sent, then the sender died before recording it.
        if ((at === 2 && when === 'after') || (at === 3 && when === 'before')) {
          sentTwice.add(confirmationMailId({ ...submission, version: 1 }));
        }
        // The next run, a few minutes later (past the dead sender's lease).
        await deliverOutbox(
          { ...healthy(), clock: { now: () => new Date(Date.now() + 10 * 60_000) } },
          { baseUrl: pipeline.baseUrl },
        );
        await expectInvariant(accepted);
      }
    }
  });

  it('repairs a submission the request left unconfirmed, whatever step the repairing sender dies at', async () => {
    const accepted: { roundId: string; submissionId: string }[] = [];
    for (const requestStep of ['advanceCurrent', 'audit', 'enqueueMail', 'send']) {
      for (let at = 0; at < 6; at++) {
        const round = await freshRound();
        const submission = input(round, 0, `repair-${requestStep}-${at}`);
        // A first submission: no draft, so none deleted.
        const steps = ['claimSubmissionId', 'putVersion', 'advanceCurrent', 'audit', 'enqueueMail', 'send'];
        const request = await dyingSubmit(submission, { at: steps.indexOf(requestStep), when: 'before' });
        expect(request.process.died).toBe(true);
        // The version is stored (the crash came after putVersion): it counts as submitted.
        accepted.push({ roundId: round.id, submissionId: submission.submissionId! });

        const sender = mortalProcess(pipeline.store, mailService, { at, when: 'before' });
        await deliverOutbox(
          { store: sender.store, mailer: sender.mailer, clock: later() },
          {
            baseUrl: pipeline.baseUrl,
          },
        ).catch((error: unknown) => {
          if (!(error instanceof ProcessDied)) throw error;
        });
        // The documented window: sent, then the sender died before recording it.
        if (sender.steps[at] === 'markMailSent')
          sentTwice.add(confirmationMailId({ ...submission, version: 1 }));
        await deliverOutbox(
          { ...healthy(), clock: { now: () => new Date(Date.now() + 10 * 60_000) } },
          { baseUrl: pipeline.baseUrl },
        );
        await expectInvariant(accepted);
        expectRightContent(round, 1, `${requestStep} ${at}`);
      }
    }
    // The repaired confirmation is the real one: answers, the form's link, the audit line.
    const repaired = mailService.sent.find((message) =>
      message.to.includes(`${accepted[0]!.roundId}@gemeente.example`),
    );
    expect(repaired?.text).toContain(
      `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${accepted[0]!.roundId}/${municipality}`,
    );
    expect(await pipeline.store.listAudit(accepted[0]!.roundId)).toEqual([
      expect.objectContaining({ action: 'submission', actor: municipality, municipality }),
    ]);
  });
});
