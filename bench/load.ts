/**
 * Load (issue 10, item 3): submissions per second and their p50/p99 latency through the real local HTTP
 * stack (fetch → local server → API-Gateway-shaped event → submit handler → dynalite and the SES
 * emulator), at 1, 10 and 40 requests in flight, against a floor in the same run: one conditional PutItem
 * of an item as big as that submission's stored version plus one SendRawEmail of a message as big as its
 * confirmation, through the same SDK and the same emulators, at the same concurrency. Every worker owns one
 * municipality's form in one round and amends it again and again (as bench:submit does, one at a time),
 * so no two requests race. Load and floor alternate, repeated; the table shows the medians.
 *
 * Every answer other than 201 is counted by status and error code, every cause the handlers logged (a
 * 500's) by cause; afterwards the whole table and the mailbox are checked: each accepted submission stored
 * once, under the version it was answered with, and each confirmation sent once (exit code 1 otherwise).
 *
 *   npm run bench:load              # 3 repetitions
 *   npm run bench:load -- 5
 */
import './support/error-log.js';
import './support/quiet.js';
import { randomUUID } from 'node:crypto';
import { catalogue } from '../forms/catalogue.js';
import { confirmationMailId } from '../functions/core/submit-form.js';
import { postJson, startTestPipeline, validAnswers } from '../test/support/pipeline.js';
import { loggedCauses } from './support/error-log.js';
import { checkNothingLost } from './support/load-check.js';
import { machine, markdownTable, median, ms, percentile, ratio } from './support/stats.js';
import { type FloorSizes, floorSizes, submitFloor } from './support/submit-floor.js';

const repetitions = Number(process.argv[2] ?? 3);
/** Concurrency → submissions per run (enough for a p99 at 10 and 40, a short run at 1). */
const levels: readonly [number, number][] = [
  [1, 30],
  [10, 100],
  [40, 160],
];

const pipeline = await startTestPipeline();
const registry = await pipeline.store.getRegistry();

/** One municipality's form in one round: a worker's own, amended in sequence. */
interface Slot {
  readonly url: string;
  readonly formId: string;
  version: number;
  /** The floor's sizes: this form's stored version and its confirmation as MIME. */
  sizes?: FloorSizes;
}

const slots: Slot[] = [];
for (const formId of catalogue.keys()) {
  const round = pipeline.rounds[formId]!;
  for (const municipality of registry.municipalities) {
    await pipeline.tokenFor(municipality.code, round.id);
    slots.push({
      url: pipeline.formUrl(municipality.code, round),
      formId,
      version: 0,
    });
  }
}

/** Every submission answered 201 (or 200), for the check afterwards; every other answer by status and code. */
const accepted: { submissionId: string; version: number; email: string }[] = [];
const refused = new Map<string, number>();

/** One amendment; its time in ms, or undefined when it was not accepted (counted in `refused`). */
async function submit(slot: Slot): Promise<number | undefined> {
  const submissionId = randomUUID();
  // An address per submission, so the check can count each confirmation in the mailbox.
  const email = `${submissionId}@bench.example`;
  const started = performance.now();
  const answer = await postJson(slot.url, {
    answers: validAnswers[slot.formId]!({ contactEmail: email }),
    submissionId,
    baseVersion: slot.version,
  });
  const elapsed = performance.now() - started;
  if (answer.status === 201 || answer.status === 200) {
    const { version } = answer.json() as { version: number };
    accepted.push({ submissionId, version, email });
    slot.version = version;
    return elapsed;
  }
  const code = /"error":"([^"]+)"/.exec(answer.text)?.[1] ?? '';
  const key = `${answer.status} ${code}`.trim();
  refused.set(key, (refused.get(key) ?? 0) + 1);
  // A 5xx may come after the version was stored: go on from what is stored.
  const [, , formId, roundId, municipality] = new URL(slot.url).pathname.split('/');
  slot.version = (await pipeline.store.latestVersion(roundId!, formId!, municipality!))?.version ?? 0;
  return undefined;
}

// A first submission per slot (not counted) sizes its floor: the stored version and its confirmation.
await Promise.all(
  slots.map(async (slot, index) => {
    await new Promise((resolve) => setTimeout(resolve, index * 20));
    await submit(slot);
    const [, , formId, roundId, code] = new URL(slot.url).pathname.split('/');
    const version = (await pipeline.store.latestVersion(roundId!, formId!, code!))!;
    const mail = (await pipeline.store.getMail(confirmationMailId(version)))!;
    // The floor's mail goes to an address as long but elsewhere: the check counts confirmations per address.
    slot.sizes = await floorSizes(version, { ...mail, to: [`${randomUUID()}@vloer.example`] });
  }),
);
const submitFloorOps = submitFloor(pipeline.tableName);
const floor = (slot: Slot) => submitFloorOps.once(slot.sizes!);

interface Run {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** `count` operations, `inFlight` workers each on its own slot, one operation at a time per worker. */
async function measure(
  operation: (slot: Slot) => Promise<number | undefined>,
  inFlight: number,
  count: number,
) {
  const latencies: number[] = [];
  let started = 0;
  const began = performance.now();
  await Promise.all(
    slots.slice(0, inFlight).map(async (slot) => {
      while (started < count) {
        started++;
        const latency = await operation(slot);
        if (latency !== undefined) latencies.push(latency);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  return { perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const results = new Map<number, { load: Run[]; floor: Run[] }>(
  levels.map(([inFlight]) => [inFlight, { load: [], floor: [] }]),
);
let check: Awaited<ReturnType<typeof checkNothingLost>> | undefined;
try {
  await measure(submit, 10, 40); // warm-up, not counted
  await measure(floor, 10, 40);
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const [inFlight, count] of levels) {
      const result = results.get(inFlight)!;
      // Alternating which goes first, so drift in the machine's load hits both alike.
      if (repetition % 2 === 0) {
        result.load.push(await measure(submit, inFlight, count));
        result.floor.push(await measure(floor, inFlight, count));
      } else {
        result.floor.push(await measure(floor, inFlight, count));
        result.load.push(await measure(submit, inFlight, count));
      }
    }
  }
  check = await checkNothingLost(pipeline, accepted);
} finally {
  submitFloorOps.destroy();
  await pipeline.stop();
}

const mid = (runs: readonly Run[], key: keyof Run) => median(runs.map((run) => run[key]));
const perSecond = (value: number) => `${value.toFixed(1)}/s`;
const sizes = (values: readonly number[]) =>
  `${(Math.min(...values) / 1000).toFixed(1)}–${(Math.max(...values) / 1000).toFixed(1)} KB`;
console.log(
  `Load through the local HTTP stack, medians of ${repetitions} runs per level, ${await machine()}\n` +
    `(version items ${sizes(slots.map((slot) => slot.sizes!.item.length))}, confirmations ${sizes(slots.map((slot) => slot.sizes!.mime.length))} as MIME)\n`,
);
console.log(
  markdownTable(
    [
      'in flight',
      'submissions/s',
      'floor/s',
      'ratio',
      'p50',
      'floor p50',
      'ratio',
      'p99',
      'floor p99',
      'ratio',
    ],
    levels.map(([inFlight]) => {
      const { load, floor: floors } = results.get(inFlight)!;
      return [
        String(inFlight),
        perSecond(mid(load, 'perSecond')),
        perSecond(mid(floors, 'perSecond')),
        ratio(mid(floors, 'perSecond') / mid(load, 'perSecond')),
        ms(mid(load, 'p50')),
        ms(mid(floors, 'p50')),
        ratio(mid(load, 'p50') / mid(floors, 'p50')),
        ms(mid(load, 'p99')),
        ms(mid(floors, 'p99')),
        ratio(mid(load, 'p99') / mid(floors, 'p99')),
      ];
    }),
  ),
);

const answered = accepted.length + [...refused.values()].reduce((sum, n) => sum + n, 0);
console.log(
  `\n${answered} submissions, ${accepted.length} accepted; not accepted: ${
    refused.size === 0 ? 'none' : [...refused].map(([key, n]) => `${n}× ${key}`).join(', ')
  }`,
);
const causes = loggedCauses();
console.log(
  causes.length === 0
    ? 'Logged by the handlers: nothing'
    : `Logged by the handlers, by cause:\n${causes.map(([cause, n]) => `  ${n}× ${cause}`).join('\n')}`,
);
console.log(
  check!.problems.length === 0
    ? `Checked over the whole table and the mailbox: ${check!.versions} versions, each stored once, each confirmation sent once`
    : `NOT everything is kept (${check!.problems.length} problems):\n  ${check!.problems.slice(0, 20).join('\n  ')}`,
);
if (check!.problems.length > 0 || refused.size > 0) process.exitCode = 1;
