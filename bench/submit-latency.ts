/**
 * Submit latency (issue 14, item 5): the submit handler, warm, amending a municipality's form again and
 * again (JSON, about 1 KB of answers, the confirmation email sent at once), against its floor in the same
 * run: one conditional PutItem of an item as big as the stored version plus one SendRawEmail of a message
 * as big as the confirmation, through the same SDK clients and emulators. The two alternate, so load on
 * the machine hits both alike; p50 and p99 of each, and their ratios: the medians of 3 runs (each ratio
 * taken within its run).
 *
 *   npm run bench:submit            # 3 runs of 200 of each
 *   npm run bench:submit -- 500 5   # 5 runs of 500
 */
import './support/quiet.js';
import type { Context } from 'aws-lambda';
import { confirmationMailId, mailContent } from '../functions/core/confirmation-mail.js';
import { handler } from '../functions/http/handlers/submit-form.js';
import { startScenario } from './support/scenario.js';
import { machine, markdownTable, median, ms, percentile, ratio } from './support/stats.js';
import { floorSizes, submitFloor } from './support/submit-floor.js';

const count = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 3);
const scenario = await startScenario();
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const { store, tableName } = scenario.pipeline;
const municipality = 'GM0193';

async function submitOnce(): Promise<number> {
  const event = await scenario.event('submit-form');
  const started = performance.now();
  const result = await handler(event as never, context);
  const elapsed = performance.now() - started;
  if (result.statusCode !== 201) throw new Error(`submit answered ${result.statusCode}: ${result.body}`);
  return elapsed;
}

// One submission first, to size the floor after it: the stored version and its confirmation as MIME (the
// outbox keeps no content for a confirmation: it is rendered from the version, as the request sent it).
await submitOnce();
const latest = (await store.latestVersion(scenario.round.id, scenario.round.formId, municipality))!;
const mail = (await store.getMail(confirmationMailId(latest)))!;
const sizes = await floorSizes(latest, { ...mail, ...(await mailContent(store, mail)) });
const floor = submitFloor(tableName);
const floorOnce = () => floor.once(sizes);

interface Run {
  readonly p50: number;
  readonly p99: number;
  readonly f50: number;
  readonly f99: number;
}
const results: Run[] = [];
try {
  for (let i = 0; i < 10; i++) await Promise.all([submitOnce(), floorOnce()]); // warm-up, not counted
  for (let run = 0; run < runs; run++) {
    const submits: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) {
        submits.push(await submitOnce());
        floors.push(await floorOnce());
      } else {
        floors.push(await floorOnce());
        submits.push(await submitOnce());
      }
    }
    results.push({
      p50: percentile(submits, 50),
      p99: percentile(submits, 99),
      f50: percentile(floors, 50),
      f99: percentile(floors, 99),
    });
  }
} finally {
  floor.destroy();
  await scenario.stop();
}

const mid = (pick: (run: Run) => number) => median(results.map(pick));
console.log(
  `Submit latency, ${runs} runs of ${count} amendments and ${count} floors alternating (medians), ${await machine()}\n` +
    `(version item ${(sizes.item.length / 1000).toFixed(1)} KB, confirmation ${(sizes.mime.length / 1000).toFixed(1)} KB as MIME)\n`,
);
console.log(
  markdownTable(
    ['', 'p50', 'p99'],
    [
      ['submit (handler, warm)', ms(mid((run) => run.p50)), ms(mid((run) => run.p99))],
      ['floor: conditional PutItem + SendRawEmail', ms(mid((run) => run.f50)), ms(mid((run) => run.f99))],
      ['ratio', ratio(mid((run) => run.p50 / run.f50)), ratio(mid((run) => run.p99 / run.f99))],
    ],
  ),
);
