import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../forms/catalogue.js';
import type { Round } from '../../functions/core/model.js';
import { checkInvariant, scanTable, settleOutbox } from '../support/faults.js';
import { postJson, startTestPipeline, type TestPipeline, validAnswers } from '../support/pipeline.js';

/**
 * Concurrency as the clients of 25 municipalities cause it: every municipality sends each of the three
 * forms, every request three times with the same submissionId (a double click, a client retrying after a
 * timeout), 40 requests in flight, in a shuffled order. Then two clients per form amend from the same
 * version at once, each of them sending three times too. Afterwards: one version per submission id, one
 * winner per amendment race (the other 409, nothing overwritten), one confirmation email per version, and
 * not a single 5xx.
 */

const inFlight = 40;
const sends = 3;

let pipeline: TestPipeline;
let municipalities: string[];
const rounds: Round[] = [];

beforeAll(async () => {
  pipeline = await startTestPipeline();
  municipalities = (await pipeline.store.getRegistry()).municipalities.map(
    (municipality) => municipality.code,
  );
  for (const formId of catalogue.keys()) {
    const round = {
      ...pipeline.rounds[formId]!,
      id: `gelijktijdig-${formId}`,
      title: `Gelijktijdig ${formId}`,
    };
    expect(await pipeline.store.createRound(round)).toBe(true);
    rounds.push(round);
    // Links minted before the burst (minting one records it).
    for (const code of municipalities) await pipeline.tokenFor(code, round.id);
  }
  await pipeline.clearMailbox();
});

afterAll(async () => {
  await pipeline?.stop();
});

interface Request {
  readonly round: Round;
  readonly municipality: string;
  readonly submissionId: string;
  readonly baseVersion: number;
  readonly email: string;
}
interface Answer {
  readonly request: Request;
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function request(round: Round, municipality: string, baseVersion: number, client: string): Request {
  return {
    round,
    municipality,
    baseVersion,
    submissionId: `${round.formId}-${municipality}-v${baseVersion + 1}-${client}`,
    email: `${municipality.toLowerCase()}.${round.formId}.v${baseVersion + 1}.${client}@gemeente.example`,
  };
}

/** Sends every request `sends` times, shuffled, with at most `inFlight` at once. */
async function burst(requests: readonly Request[]): Promise<Answer[]> {
  const queue = requests.flatMap((one) => Array.from({ length: sends }, () => one));
  for (let index = queue.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [queue[index], queue[other]] = [queue[other]!, queue[index]!];
  }
  const answers: Answer[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const response = await postJson(pipeline.formUrl(next.municipality, next.round), {
        answers: validAnswers[next.round.formId]!({ contactEmail: next.email }),
        submissionId: next.submissionId,
        baseVersion: next.baseVersion,
      });
      answers.push({ request: next, status: response.status, body: response.json() });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return answers;
}

const byRequest = (answers: readonly Answer[]) => {
  const grouped = new Map<string, Answer[]>();
  for (const answer of answers)
    grouped.set(answer.request.submissionId, [...(grouped.get(answer.request.submissionId) ?? []), answer]);
  return grouped;
};

describe(`25 municipalities × 3 forms, every request ${sends}×, ${inFlight} in flight`, () => {
  it('stores one version per submission id: one 201, the retries 200 replayed, no 5xx', async () => {
    expect(municipalities).toHaveLength(25);
    const requests = rounds.flatMap((round) => municipalities.map((code) => request(round, code, 0, 'a')));
    const answers = await burst(requests);
    expect(answers).toHaveLength(75 * sends);
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    for (const [submissionId, same] of byRequest(answers)) {
      expect(same.map((answer) => answer.status).sort(), submissionId).toEqual([200, 200, 201]);
      expect(
        same.map((answer) => answer.body.version),
        submissionId,
      ).toEqual([1, 1, 1]);
      expect(
        same.filter((answer) => answer.body.replayed === true),
        submissionId,
      ).toHaveLength(2);
    }
  });

  it('lets exactly one of two clients amending from the same version win; the other gets 409', async () => {
    const requests = rounds.flatMap((round) =>
      municipalities.flatMap((code) => [request(round, code, 1, 'a'), request(round, code, 1, 'b')]),
    );
    const answers = await burst(requests);
    expect(answers).toHaveLength(150 * sends);
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    for (const round of rounds) {
      for (const code of municipalities) {
        const race = answers.filter(
          (answer) => answer.request.round === round && answer.request.municipality === code,
        );
        const winners = new Set(
          race.filter((answer) => answer.status < 300).map((a) => a.request.submissionId),
        );
        expect(winners.size, `${round.id} ${code}`).toBe(1);
        for (const answer of race) {
          if (winners.has(answer.request.submissionId)) {
            expect([200, 201]).toContain(answer.status);
            expect(answer.body.version).toBe(2);
          } else {
            expect(answer.status, `${round.id} ${code}: ${JSON.stringify(answer.body)}`).toBe(409);
            expect(String(answer.body.message)).toContain('er is niets overschreven');
          }
        }
        const won = race.filter((answer) => answer.status < 300);
        expect(
          won.filter((answer) => answer.status === 201),
          `${round.id} ${code}`,
        ).toHaveLength(1);
      }
    }
  });

  it('keeps versions 1 and 2 only, and sends exactly one confirmation per version (the outbox sends what missed the budget)', async () => {
    // Attempts still in flight end first; what a loaded machine's 2 s budget left waiting goes with the
    // outbox sender, a few minutes later (a second run finds nothing left).
    expect(await settleOutbox(pipeline)).toBe(0);
    const ours = new Set(rounds.map((round) => round.id));

    const mails = await pipeline.mailbox();
    const sentCount = (to: string, subject: string) =>
      mails.filter((mail) => mail.destination.to.join(',').includes(to) && mail.subject === subject).length;
    const items = (await scanTable(pipeline)).filter(
      (item) => item.entityType !== 'version' || ours.has(String(item.roundId)),
    );
    const report = checkInvariant(items, sentCount);
    expect(report.problems).toEqual([]);
    expect(report.versions).toBe(150);
    // Nobody whose amendment lost got an email; every address got at most one.
    const addresses = mails.flatMap((mail) => mail.destination.to.join(',').split(','));
    expect(addresses).toHaveLength(150);
    expect(new Set(addresses).size).toBe(150);
  });
});
