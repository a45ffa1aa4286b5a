/**
 * Summaries at national scale (issue 14, item 5): a series of rounds of the voortgang-opgaven form — the
 * round itself and up to 7 earlier ones, as the trends show at most 8 (aggregation/trends.ts) — in each of
 * which all 342 municipalities submitted (three asylum locations each; in the round itself a third
 * amended), in one province. Compiling the round's summary — reading (the round's versions and drafts and
 * the earlier rounds' current versions), aggregation, the trends, CSV attachments, HTML and text — against
 * its floor in the same run: the raw Query pages that read the same items, through the same client, all
 * at once (the summary reads them at once too). Paired repetitions, medians; dynalite in a child process.
 * A breakdown pass per repetition times the steps of compileSummary one by one.
 *
 * The versions carry the form's current definition revision, as submitForm stores them; a third argument
 * stores them as of an earlier revision (1: as before the published shares), which every read re-checks
 * field by field against today's definition (forms/revisions.ts).
 *
 *   npm run bench:summary              # 15 repetitions, 8 rounds
 *   npm run bench:summary -- 5 1       # 5 repetitions, the round alone (no earlier rounds)
 *   npm run bench:summary -- 5 8 1     # versions stored as of revision 1
 */
import './support/quiet.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { findForm } from '../forms/catalogue.js';
import { dynamoStore } from '../functions/adapters/dynamo-store.js';
import { ensureTable } from '../functions/adapters/table-definition.js';
import { compileSummary } from '../functions/core/compile-summaries.js';
import type { Round } from '../functions/core/model.js';
import { validVoortgangOpgaven } from '../test/support/pipeline.js';
import { writeBenchVersions } from './support/bench-versions.js';
import { municipalityCount, nationalRegistry, startDynaliteProcess } from './support/national.js';
import { queryToTheEnd } from './support/raw-query.js';
import { machine, markdownTable, median, ms, ratio } from './support/stats.js';
import { summarySteps } from './support/summary-steps.js';

const repetitions = Number(process.argv[2] ?? 15);
const roundCount = Math.min(8, Math.max(1, Number(process.argv[3] ?? 8)));
const revision = Number(process.argv[4] ?? findForm('voortgang-opgaven')!.revision);
process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

const dynamo = await startDynaliteProcess();
const client = new DynamoDBClient({ endpoint: dynamo.url });
const documents = DynamoDBDocumentClient.from(client);
const tableName = 'bench';
await ensureTable(client, tableName);
const store = dynamoStore(tableName, client);

// Every region in one province: a single summary covers the whole country.
const national = nationalRegistry();
const province = national.provinces[0]!;
const registry = {
  ...national,
  provinces: [province],
  regions: national.regions.map((region) => ({ ...region, province: province.id })),
};
await store.putRegistry(registry);

/** Monthly rounds, the oldest first; the last is the one summarised. */
const rounds: Round[] = Array.from({ length: roundCount }, (_, index) => {
  const month = 12 - roundCount + index; // …, 10 (November) for the last
  const date = (day: number, time: string) =>
    `2026-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}.000Z`;
  const last = index === roundCount - 1;
  return {
    id: last ? 'voortgang-landelijk' : `voortgang-landelijk-${index + 1}`,
    formId: 'voortgang-opgaven',
    title: `Landelijke bench-ronde ${index + 1}`,
    referenceDate: date(1, '00:00:00').slice(0, 10),
    opensAt: date(2, '08:00:00'),
    deadline: last ? '2026-12-18T16:00:00.000Z' : date(20, '16:00:00'),
    regions: registry.regions.map((region) => region.id),
    acceptsLate: true,
  };
});
const round = rounds.at(-1)!;
const locations = Array.from({ length: 3 }, (_, i) => ({
  name: `Locatie ${i + 1}`,
  type: i % 2 === 0 ? 'azc' : 'amv',
  capacity: 120 + i,
  availableFrom: '2026-01-01',
  availableUntil: '2036-01-01',
  phase: 'besluit',
}));
for (const [r, each] of rounds.entries()) {
  await store.createRound(each);
  await writeBenchVersions(store, each, registry.municipalities, {
    versions: (i) => (each === round && i % 3 === 0 ? 2 : 1),
    submittedAt: (v) => `${each.opensAt.slice(0, 8)}${String(10 + v).padStart(2, '0')}T10:00:00.000Z`,
    answers: (i, v) =>
      validVoortgangOpgaven({ regularCommitted: 100 + i + v + 10 * r, asylumLocations: locations }),
    definitionRevision: revision,
  });
}

const query = (roundId: string, prefix: string) => queryToTheEnd(documents, tableName, roundId, prefix);

/** The floor: the Queries that read the items the summary is made of, all at once. */
async function rawQueries(): Promise<number> {
  const counts = await Promise.all([
    query(round.id, 'CURRENT#'),
    query(round.id, 'DRAFT#'),
    ...rounds.slice(0, -1).map((earlier) => query(earlier.id, 'CURRENT#')),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}

const deps = { store, clock: { now: () => new Date('2026-11-27T10:00:00Z') } };
const input = {
  round,
  registry,
  scope: { type: 'province' as const, id: province.id },
  dashboardUrl: 'https://formulieren.example.nl',
};
const compile = () => compileSummary(deps, input);

const timed = async <T>(run: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
};

const summaryMs: number[] = [];
const queryMs: number[] = [];
const ratios: number[] = [];
const steps = new Map<string, number[]>();
let sizes = { html: 0, text: 0, attachments: 0, items: 0, files: 0 };
try {
  await compile(); // warm-up
  for (let i = 0; i < repetitions; i++) {
    // Alternating which goes first, so drift in the machine's load hits both alike.
    const [query, items] = i % 2 === 0 ? await timed(rawQueries) : [0, 0];
    const [summary, compiled] = await timed(compile);
    const [queryAfter, itemsAfter] = i % 2 === 1 ? await timed(rawQueries) : [query, items];
    summaryMs.push(summary);
    queryMs.push(queryAfter);
    ratios.push(summary / queryAfter);
    for (const [step, time] of await summarySteps(deps, input))
      steps.set(step, [...(steps.get(step) ?? []), time]);
    sizes = {
      html: Buffer.byteLength(compiled.html),
      text: Buffer.byteLength(compiled.text),
      attachments: compiled.attachments.reduce((sum, attachment) => sum + attachment.content.length, 0),
      items: itemsAfter,
      files: compiled.attachments.length,
    };
  }
} finally {
  client.destroy();
  dynamo.stop();
}

console.log(
  `Summary of ${municipalityCount} municipalities × ${roundCount} rounds (${sizes.items} items read, stored as of form revision ${revision}), ${repetitions} paired repetitions (medians), ${await machine()}\n`,
);
const floor = median(queryMs);
console.log(
  markdownTable(
    ['', 'time', 'ratio to the floor', 'output'],
    [
      [`raw Queries of the same items, at once (floor)`, ms(floor), '1.00×', `${sizes.items} items`],
      [
        'compileSummary (read, aggregate, trends, CSV, HTML, text)',
        ms(median(summaryMs)),
        ratio(median(ratios)),
        `HTML ${(sizes.html / 1000).toFixed(0)} KB, text ${(sizes.text / 1000).toFixed(0)} KB, CSV ${(sizes.attachments / 1000).toFixed(0)} KB (${sizes.files} files)`,
      ],
      ...[...steps].map(([step, times]) => [
        `  of which ${step}`,
        ms(median(times)),
        ratio(median(times) / floor),
        '',
      ]),
    ],
  ),
);
