import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoStore } from '../../functions/adapters/dynamo-store.js';
import { aggregateRound } from '../../functions/core/aggregation/aggregate-round.js';
import {
  postJson,
  startTestPipeline,
  type TestPipeline,
  validVoortgangOpgaven,
} from '../support/pipeline.js';

let pipeline: TestPipeline;
const codes = ['GM0148', 'GM0150', 'GM0160', 'GM0166', 'GM1773', 'GM0175', 'GM0177'];

beforeAll(async () => {
  pipeline = await startTestPipeline();
  const round = pipeline.rounds['voortgang-opgaven']!;
  for (const code of codes) {
    const url = `${pipeline.baseUrl}/formulieren/voortgang-opgaven/${round.id}/${code}`;
    expect((await postJson(url, { answers: validVoortgangOpgaven() })).status).toBe(201);
  }
});

afterAll(async () => {
  await pipeline?.stop();
});

describe('listings follow LastEvaluatedKey to the end', () => {
  it('reads every current version (also without its answers), registry entry and round when each page holds two items', async () => {
    const paged = dynamoStore(pipeline.tableName, pipeline.dynamoClient, 2);
    const round = pipeline.rounds['voortgang-opgaven']!;
    const current = await paged.listCurrent(round.id);
    expect(current.map((version) => version.municipality).sort()).toEqual([...codes].sort());
    const responses = await paged.roundResponses(round.id);
    expect(responses.current.map((version) => version.municipality).sort()).toEqual([...codes].sort());
    const registry = await paged.getRegistry();
    expect(registry.municipalities).toHaveLength(25);
    expect((await paged.listRounds()).length).toBeGreaterThanOrEqual(3);
    const aggregate = aggregateRound({
      round,
      registry,
      scope: { type: 'region', id: 'ijsselland' },
      current,
      drafts: await paged.listDrafts(round.id),
      now: new Date(),
    });
    expect(aggregate.response.totals.ingezonden).toBe(codes.length);
  });
});

describe('batch reads take any number of keys', () => {
  it('reads 250 rounds by id (100 per BatchGetItem, each key once) in the order asked, leaving out the ones that do not exist', async () => {
    const store = dynamoStore(pipeline.tableName, pipeline.dynamoClient);
    const known = pipeline.rounds['voortgang-opgaven']!.id;
    // The known one three times, twice within the same hundred (DynamoDB refuses a batch naming a key twice).
    const ids = Array.from({ length: 250 }, (_, i) => (i % 100 === 7 || i === 8 ? known : `geen-ronde-${i}`));
    const rounds = await store.getRounds(ids);
    expect(rounds.map((round) => round.id)).toEqual([known, known, known, known]);
    const envelopes = await store.mailEnvelopes([...ids, 'x'.repeat(2100)]);
    expect(envelopes.size).toBe(0);
  });
});
