/**
 * Summaries at national scale (issue 14, item 5): one round of the voortgang-opgaven form in which all
 * 342 municipalities submitted (three asylum locations each, a third amended), in one province. Compiling
 * its summary — reading, aggregation, CSV attachments, HTML and text — against its floor in the same run:
 * the raw Query pages that read the same items (current versions and drafts), through the same client.
 * Paired repetitions, medians; dynalite in a child process.
 *
 *   npm run bench:summary            # 15 repetitions
 */
import './support/quiet.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoStore } from '../functions/adapters/dynamo-store.js';
import { ensureTable } from '../functions/adapters/table-definition.js';
import { compileSummary } from '../functions/core/compile-summaries.js';
import type { Round, SubmissionVersion } from '../functions/core/model.js';
import { validVoortgangOpgaven } from '../test/support/pipeline.js';
import { municipalityCount, nationalRegistry, startDynaliteProcess } from './support/national.js';
import { machine, markdownTable, median, ms, ratio } from './support/stats.js';

const repetitions = Number(process.argv[2] ?? 15);
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
const round: Round = {
  id: 'voortgang-landelijk',
  formId: 'voortgang-opgaven',
  title: 'Landelijke bench-ronde',
  referenceDate: '2026-11-01',
  opensAt: '2026-11-02T08:00:00.000Z',
  deadline: '2026-12-18T16:00:00.000Z',
  regions: registry.regions.map((region) => region.id),
  acceptsLate: true,
};
await store.createRound(round);
const locations = Array.from({ length: 3 }, (_, i) => ({
  name: `Locatie ${i + 1}`,
  type: i % 2 === 0 ? 'azc' : 'amv',
  capacity: 120 + i,
  availableFrom: '2026-01-01',
  availableUntil: '2036-01-01',
  phase: 'besluit',
}));
const writes: Promise<unknown>[] = [];
for (const [i, municipality] of registry.municipalities.entries()) {
  for (let v = 1; v <= (i % 3 === 0 ? 2 : 1); v++) {
    const version: SubmissionVersion = {
      roundId: round.id,
      formId: round.formId,
      municipality: municipality.code,
      version: v,
      submissionId: `${municipality.code}-${v}`,
      submittedAt: `2026-11-${String(10 + v).padStart(2, '0')}T10:00:00.000Z`,
      submittedBy: { name: 'Bench', email: 'bench@bench.example' },
      late: false,
      answers: validVoortgangOpgaven({ regularCommitted: 100 + i + v, asylumLocations: locations }),
      warnings: [],
    };
    writes.push(store.putVersion(version).then(() => store.advanceCurrent(version)));
  }
  if (writes.length >= 50) await Promise.all(writes.splice(0));
}
await Promise.all(writes);

/** The floor: the Query pages that read the items the summary is made of. */
async function rawQuery(): Promise<number> {
  let items = 0;
  for (const prefix of ['CURRENT#', 'DRAFT#']) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `ROUND#${round.id}`, ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items += page.Items?.length ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return items;
}

const deps = { store, clock: { now: () => new Date('2026-11-27T10:00:00Z') } };
const compile = () =>
  compileSummary(deps, {
    round,
    registry,
    scope: { type: 'province', id: province.id },
    dashboardUrl: 'https://formulieren.example.nl',
  });

const timed = async <T>(run: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
};

const summaryMs: number[] = [];
const queryMs: number[] = [];
const ratios: number[] = [];
let sizes = { html: 0, text: 0, attachments: 0, items: 0 };
try {
  await compile(); // warm-up
  for (let i = 0; i < repetitions; i++) {
    const [query, items] = await timed(rawQuery);
    const [summary, compiled] = await timed(compile);
    summaryMs.push(summary);
    queryMs.push(query);
    ratios.push(summary / query);
    sizes = {
      html: Buffer.byteLength(compiled.html),
      text: Buffer.byteLength(compiled.text),
      attachments: compiled.attachments.reduce((sum, attachment) => sum + attachment.content.length, 0),
      items,
    };
  }
} finally {
  client.destroy();
  dynamo.stop();
}

console.log(
  `Summary of ${municipalityCount} municipalities (${sizes.items} items read), ${repetitions} paired repetitions (medians), ${await machine()}\n`,
);
console.log(
  markdownTable(
    ['', 'time', 'output'],
    [
      ['raw Query of the same items (floor)', ms(median(queryMs)), ''],
      [
        'compileSummary (read, aggregate, CSV, HTML, text)',
        ms(median(summaryMs)),
        `HTML ${(sizes.html / 1000).toFixed(0)} KB, text ${(sizes.text / 1000).toFixed(0)} KB, CSV ${(sizes.attachments / 1000).toFixed(0)} KB`,
      ],
      ['ratio', ratio(median(ratios)), ''],
    ],
  ),
);
