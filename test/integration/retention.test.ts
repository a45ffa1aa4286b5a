import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  anonymisedAuditLine,
  applyRetention,
  defaultRetention,
  parseRetention,
} from '../../functions/core/retention.js';
import { randomIds } from '../../functions/http/dependencies.js';
import {
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validVoortgangOpgaven,
} from '../support/pipeline.js';

const day = 24 * 3600 * 1000;
const started = Date.now();
let pipeline: TestPipeline;
let older: Round;
let newer: Round;

type Item = Record<string, unknown> & { PK: string; SK: string };

/** Every item of the table (a test may scan; the product never does). */
async function table(): Promise<Map<string, Item>> {
  const items = new Map<string, Item>();
  let start: Record<string, never> | undefined;
  do {
    const page = await pipeline.dynamoClient.send(
      new ScanCommand({ TableName: pipeline.tableName, ExclusiveStartKey: start }),
    );
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw) as Item;
      items.set(`${item.PK}|${item.SK}`, item);
    }
    start = page.LastEvaluatedKey as never;
  } while (start);
  return items;
}

function retentionAt(offsetDays: number) {
  return applyRetention(
    {
      store: pipeline.store,
      clock: { now: () => new Date(started + offsetDays * day) },
      ids: randomIds,
    },
    defaultRetention,
  );
}

/** What became of each item: kept as it was, changed, or gone; and which items are new. */
function compare(before: Map<string, Item>, after: Map<string, Item>) {
  const kept: string[] = [];
  const changed: string[] = [];
  const gone: string[] = [];
  for (const [key, item] of before) {
    const now = after.get(key);
    if (!now) gone.push(key);
    else if (JSON.stringify(now) === JSON.stringify(item)) kept.push(key);
    else changed.push(key);
  }
  const added = [...after.keys()].filter((key) => !before.has(key));
  return { kept, changed, gone, added };
}

/** The round of an outbox email's key: `MAIL#confirmation#<round>#…`. */
const roundOfMailKey = (key: string): string | undefined => key.split('|')[0]!.split('#')[2];

beforeAll(async () => {
  pipeline = await startTestPipeline();
  // The demo rounds still run ten years from now: nothing of theirs may ever be touched.
  for (const demo of Object.values(pipeline.rounds)) {
    await pipeline.store.updateRound({ ...demo, deadline: new Date(started + 4100 * day).toISOString() });
  }
  const base = pipeline.rounds['voortgang-opgaven']!;
  older = {
    ...base,
    id: 'bewaar-oud',
    title: 'Oude ronde',
    opensAt: new Date(started - day).toISOString(),
    deadline: new Date(started + day).toISOString(),
  };
  newer = {
    ...older,
    id: 'bewaar-nieuw',
    title: 'Nieuwere ronde',
    deadline: new Date(started + 2 * day).toISOString(),
  };
  for (const round of [older, newer]) await pipeline.store.createRound(round);

  for (const round of [older, newer, base]) {
    const url = `${pipeline.baseUrl}/formulieren/voortgang-opgaven/${round.id}/GM0193`;
    expect((await postJson(url, { answers: validVoortgangOpgaven(), baseVersion: 0 })).status).toBe(201);
    const amended = { answers: validVoortgangOpgaven({ regularRealised: 360 }), baseVersion: 1 };
    expect((await postJson(url, amended)).status).toBe(201);
    const draft = await postForm(`${pipeline.baseUrl}/formulieren/voortgang-opgaven/${round.id}/GM0150`, [
      ['_action', 'save-draft'],
      ['_baseVersion', '0'],
      ['_draftRevision', '0'],
      ['regularCommitted', '480'],
    ]);
    expect(draft.status).toBe(303);
  }
  await pipeline.store.audit({
    at: new Date(started).toISOString(),
    id: 'globale-regel',
    action: 'mail-resent',
    actor: 'admin:beheerder',
    details: { mailId: 'x', to: ['iemand@gemeente.example'] },
  });
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
});

describe('retention over the whole table', () => {
  it('changes nothing today: everything is still current', async () => {
    const before = await table();
    const run = await retentionAt(0);
    expect(Object.values(run).every((count) => count === 0)).toBe(true);
    expect(compare(before, await table())).toMatchObject({ changed: [], gone: [], added: [] });
  });

  it('after 40 days: drafts of finished rounds are gone, sent mail of finished rounds loses its content, nothing else changes', async () => {
    const before = await table();
    const run = await retentionAt(40);
    const { changed, gone, added } = compare(before, await table());
    expect(run.draftsDeleted).toBe(2);
    // The confirmations store no content (they render it from their version): nothing else is gone.
    expect(gone.sort()).toEqual(
      [
        `ROUND#${older.id}|DRAFT#voortgang-opgaven#GM0150`,
        `ROUND#${newer.id}|DRAFT#voortgang-opgaven#GM0150`,
      ].sort(),
    );
    // Their records are kept, marked as without content (and without what would render it again).
    expect(changed.sort()).toEqual(
      [older.id, newer.id]
        .flatMap((id) => [1, 2].map((n) => `MAIL#confirmation#${id}#voortgang-opgaven#GM0193#v${n}|MAIL`))
        .sort(),
    );
    for (const key of changed) {
      const mail = (await table()).get(key)!;
      expect(mail.content).toBeUndefined();
      expect(mail.contentItem).toBeUndefined();
      expect(mail.renderFrom).toBeUndefined();
      expect(mail.contentRemovedAt).toBe(new Date(started + 40 * day).toISOString());
      expect(mail.status).toBe('sent');
    }
    expect(run.mailContentRemoved).toBe(4);
    // One audit line per round that had something removed, and one for the mail.
    expect(added.every((key) => key.startsWith('AUDIT#'))).toBe(true);
    expect(added).toHaveLength(3);
    // The running demo round lost nothing, not even its draft.
    const demo = pipeline.rounds['voortgang-opgaven']!.id;
    expect((await table()).has(`ROUND#${demo}|DRAFT#voortgang-opgaven#GM0150`)).toBe(true);
  });

  it('after eleven years: the older round loses its submissions, the latest finished one keeps them, a running round keeps everything', async () => {
    const before = await table();
    const run = await retentionAt(4000);
    const after = await table();
    const { kept, changed, gone, added } = compare(before, after);

    for (const key of gone) {
      const round = roundOfMailKey(key);
      const [pk, sk] = key.split('|') as [string, string];
      const allowed =
        (pk === `ROUND#${older.id}` && /^(VERSION|CURRENT|SUMMARY)#/.test(sk)) ||
        pk === `AUDIT#${older.id}` ||
        (pk.startsWith('MAIL#confirmation#') && (round === older.id || round === newer.id)) ||
        (pk.startsWith('INVITATION#') && [older.id, newer.id].includes(String(before.get(key)!.roundId)));
      expect(allowed, `gone: ${key}`).toBe(true);
    }
    for (const key of changed) {
      const [pk] = key.split('|') as [string];
      expect([`AUDIT#${newer.id}`, 'AUDIT#global'], `changed: ${key}`).toContain(pk);
      expect(after.get(key)!.anonymisedAt).toBeDefined();
      expect(JSON.stringify(after.get(key))).not.toMatch(/@[a-z-]+\.example/);
    }
    // Nothing of a running round, nothing of the registry, keys or targets, is touched.
    for (const key of [...before.keys()].filter((k) => !kept.includes(k))) {
      const pk = key.split('|')[0]!;
      expect(
        Object.values(pipeline.rounds).some((demo) => pk.endsWith(`#${demo.id}`)),
        key,
      ).toBe(false);
    }
    expect(gone.filter((key) => key.startsWith(`ROUND#${older.id}|VERSION#`))).toHaveLength(2);
    expect(after.has(`ROUND#${older.id}|ROUND`)).toBe(true);
    expect(after.has(`ROUND#${newer.id}|VERSION#voortgang-opgaven#GM0193#000002`)).toBe(true);
    expect(after.has(`ROUND#${newer.id}|CURRENT#voortgang-opgaven#GM0193`)).toBe(true);
    expect(run).toMatchObject({ versionsDeleted: 2, mailDeleted: 4 });
    expect(run.invitationsDeleted).toBeGreaterThan(0);
    // The older round's trail keeps one line: what the retention removed, in counts.
    const trail = await pipeline.store.listAudit(older.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: 'retention',
      actor: 'planning',
      details: { versionsDeleted: 2 },
    });
    expect(added.every((key) => key.startsWith('AUDIT#'))).toBe(true);

    // A second run the same day finds nothing more.
    const again = await retentionAt(4000);
    expect(Object.values(again).every((count) => count === 0)).toBe(true);
  });
});

describe('retention settings and anonymisation', () => {
  it('reads the periods from JSON over the defaults, and names a wrong key', () => {
    expect(parseRetention(undefined)).toEqual(defaultRetention);
    expect(parseRetention('{"draftDays":14}')).toEqual({ ...defaultRetention, draftDays: 14 });
    expect(() => parseRetention('{"draftdays":14}')).toThrow(/draftdays/);
    expect(() => parseRetention('{"draftDays":-1}')).toThrow(/draftDays/);
    expect(() => parseRetention('geen json')).toThrow('RETENTION is geen JSON');
  });

  it('takes addresses and personal actors out of an audit line, keeping what happened', () => {
    const line = anonymisedAuditLine(
      {
        at: '2026-01-01T10:00:00.000Z',
        id: '1',
        action: 'invitation',
        actor: 'admin:jan',
        roundId: 'r',
        municipality: 'GM0193',
        details: { sentTo: ['a@zwolle.example', 'Naam <b@zwolle.example>'], invitationId: 'i' },
      },
      '2028-01-01T00:00:00.000Z',
    );
    expect(line).toEqual({
      at: '2026-01-01T10:00:00.000Z',
      id: '1',
      action: 'invitation',
      actor: 'admin',
      roundId: 'r',
      municipality: 'GM0193',
      details: { sentTo: ['[verwijderd]', 'Naam <[verwijderd]>'], invitationId: 'i' },
      anonymisedAt: '2028-01-01T00:00:00.000Z',
    });
    expect(anonymisedAuditLine({ ...line, actor: 'staf@provincie.example' }, 'x').actor).toBe('staf');
  });
});
