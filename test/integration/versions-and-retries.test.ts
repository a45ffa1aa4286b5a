import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postJson, startTestPipeline, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * Versions are contiguous and an amendment is accepted only from the latest version; a submission id
 * produces one version, whatever the retry says about its base version.
 */

let pipeline: TestPipeline;

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

beforeEach(async () => {
  await pipeline.clearMailbox();
});

const versionsOf = async (municipality: string) =>
  (await pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${municipality}#`)).map((item) => ({
    version: item.version,
    adultsFull: (item.answers as { adultsFull: number }).adultsFull,
  }));
const currentOf = async (municipality: string) =>
  (await pipeline.items(pipeline.round.id, `CURRENT#eigen-bijdrage#${municipality}`))[0]?.version;

describe('amendments only from the latest version', () => {
  it('refuses a skipped base version (409) and keeps the next amendment from the real latest', async () => {
    const url = pipeline.formUrl('GM0180');
    for (const baseVersion of [0, 1]) {
      const stored = await postJson(url, {
        answers: validEigenBijdrage({ adultsFull: 10 + baseVersion }),
        baseVersion,
      });
      expect(stored.status).toBe(201);
    }
    // The latest is 2: an amendment "of version 3" is not an amendment of what is stored.
    const skipped = await postJson(url, { answers: validEigenBijdrage({ adultsFull: 99 }), baseVersion: 3 });
    expect(skipped.status).toBe(409);
    expect(skipped.json()).toMatchObject({ error: 'conflict' });
    expect(skipped.json().message).toMatch(
      /^Dit formulier is intussen gewijzigd: versie 2 is op .+ ingezonden door Anna de Vries\. Uw wijziging is niet opgeslagen, er is niets overschreven\.$/,
    );
    // The client at the real latest is not lost behind a phantom version.
    const fromLatest = await postJson(url, {
      answers: validEigenBijdrage({ adultsFull: 30 }),
      baseVersion: 2,
    });
    expect(fromLatest.status).toBe(201);
    expect(fromLatest.json()).toMatchObject({ version: 3 });
    expect(await versionsOf('GM0180')).toEqual([
      { version: 1, adultsFull: 10 },
      { version: 2, adultsFull: 11 },
      { version: 3, adultsFull: 30 },
    ]);
    expect(await currentOf('GM0180')).toBe(3);
    expect(await pipeline.mailbox()).toHaveLength(3);
  });

  it('refuses a stale base version and base versions far beyond the latest, storing nothing', async () => {
    const url = pipeline.formUrl('GM0183');
    expect((await postJson(url, { answers: validEigenBijdrage(), baseVersion: 0 })).status).toBe(201);
    expect((await postJson(url, { answers: validEigenBijdrage(), baseVersion: 1 })).status).toBe(201);
    for (const baseVersion of [1, 0, 5, 999_999, 1_000_000, 2_147_483_648, Number.MAX_SAFE_INTEGER]) {
      const refused = await postJson(url, { answers: validEigenBijdrage({ adultsFull: 7 }), baseVersion });
      expect(refused.status, `baseVersion ${baseVersion}`).toBe(409);
    }
    expect((await versionsOf('GM0183')).map((item) => item.version)).toEqual([1, 2]);
    expect(await currentOf('GM0183')).toBe(2);
  });

  it('refuses base versions that are not whole numbers (422), storing nothing', async () => {
    const url = pipeline.formUrl('GM0183');
    for (const baseVersion of [-1, 1.5, '1', null, 1e300]) {
      const refused = await postJson(url, { answers: validEigenBijdrage(), baseVersion });
      expect(refused.status, String(baseVersion)).toBe(422);
      expect(refused.json().fieldErrors).toEqual([{ path: 'baseVersion', message: expect.any(String) }]);
    }
    expect((await versionsOf('GM0183')).map((item) => item.version)).toEqual([1, 2]);
  });
});

describe('a submission id produces one version', () => {
  it('answers a retry with a later base version with the stored version (200, replayed), storing and sending nothing', async () => {
    const url = pipeline.formUrl('GM0189');
    const body = { answers: validEigenBijdrage(), submissionId: 'stored-once-0001', baseVersion: 0 };
    const first = await postJson(url, body);
    expect(first.status).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, replayed: false, confirmationEmail: 'verstuurd' });
    for (const baseVersion of [1, 2, 0, 40]) {
      const retry = await postJson(url, { ...body, baseVersion });
      expect(retry.status, `baseVersion ${baseVersion}`).toBe(200);
      expect(retry.json()).toMatchObject({
        version: 1,
        replayed: true,
        submittedAt: first.json().submittedAt,
      });
    }
    expect(await versionsOf('GM0189')).toEqual([{ version: 1, adultsFull: 41 }]);
    expect(await pipeline.mailbox()).toHaveLength(1);
    expect(await pipeline.items(pipeline.round.id, 'SUBMISSION#eigen-bijdrage#GM0189#')).toEqual([
      expect.objectContaining({ submissionId: 'stored-once-0001', version: 1 }),
    ]);
  });

  it('answers a retry that arrives after the round closed with its stored version (200), and refuses anything else then (403)', async () => {
    const round = { ...pipeline.round, id: 'sluit-na-inzending', deadline: '2099-01-01T16:00:00.000Z' };
    expect(await pipeline.store.createRound(round)).toBe(true);
    const url = pipeline.formUrl('GM0189', round);
    const body = { answers: validEigenBijdrage(), submissionId: 'voor-de-sluiting-01', baseVersion: 0 };
    const auth = { authorization: `Bearer ${await pipeline.tokenFor('GM0189', round.id)}` };
    expect((await postJson(url, body, auth)).status).toBe(201);
    // Closed now, as the console's "Ronde sluiten" does (no late submissions).
    const stored = (await pipeline.store.getRound(round.id))!;
    const closed = { ...stored, deadline: new Date(Date.now() - 1000).toISOString(), acceptsLate: false };
    expect(await pipeline.store.updateRound(closed, stored.deadline)).toBe(true);
    const before = await pipeline.items(round.id, '');
    const mails = (await pipeline.mailbox()).length;

    // The answer to the first was lost: the client sends it again, after the deadline.
    const retry = await postJson(url, body, auth);
    expect(retry.status).toBe(200);
    expect(retry.json()).toMatchObject({ version: 1, replayed: true });
    // The same id with other answers, a new id, another base: the round's own refusal, nothing stored.
    for (const other of [
      { ...body, answers: validEigenBijdrage({ adultsFull: 7 }) },
      { ...body, submissionId: 'na-de-sluiting-0001' },
      { answers: validEigenBijdrage(), baseVersion: 1 },
    ]) {
      const refused = await postJson(url, other, auth);
      expect(refused.status).toBe(403);
      expect(refused.json().message).toBe(
        'De sluitingsdatum van deze ronde is verstreken. Inzenden of wijzigen kan niet meer.',
      );
    }
    expect(await pipeline.items(round.id, '')).toEqual(before);
    expect(await pipeline.mailbox()).toHaveLength(mails);
  });

  it('refuses the same submission id with other answers (409), storing nothing', async () => {
    const url = pipeline.formUrl('GM0164');
    const body = { answers: validEigenBijdrage(), submissionId: 'stored-once-0002', baseVersion: 0 };
    expect((await postJson(url, body)).status).toBe(201);
    for (const baseVersion of [0, 1]) {
      const other = await postJson(url, {
        ...body,
        baseVersion,
        answers: validEigenBijdrage({ adultsFull: 3 }),
      });
      expect(other.status).toBe(409);
      expect(other.json().message).toContain('al opgeslagen als versie 1, met andere antwoorden');
    }
    expect(await versionsOf('GM0164')).toEqual([{ version: 1, adultsFull: 41 }]);
    expect(await pipeline.mailbox()).toHaveLength(1);
  });

  it('lets a submission id that lost its race be used again from the new latest version', async () => {
    const url = pipeline.formUrl('GM0177');
    const winner = await postJson(url, {
      answers: validEigenBijdrage(),
      submissionId: 'race-winner-01',
      baseVersion: 0,
    });
    expect(winner.status).toBe(201);
    const loser = { answers: validEigenBijdrage({ adultsFull: 5 }), submissionId: 'race-loser-001' };
    expect((await postJson(url, { ...loser, baseVersion: 0 })).status).toBe(409);
    // It produced nothing, so after looking at version 1 the official may send it again from there.
    const again = await postJson(url, { ...loser, baseVersion: 1 });
    expect(again.status).toBe(201);
    expect(again.json()).toMatchObject({ version: 2 });
    expect((await postJson(url, { ...loser, baseVersion: 1 })).status).toBe(200);
    expect(await versionsOf('GM0177')).toEqual([
      { version: 1, adultsFull: 41 },
      { version: 2, adultsFull: 5 },
    ]);
  });

  it('refuses submission ids that are not 8–100 visible characters (422), storing nothing', async () => {
    const url = pipeline.formUrl('GM0168');
    for (const submissionId of [
      '\u0000'.repeat(8),
      ' '.repeat(8),
      'kort',
      'x'.repeat(101),
      'met spatie 01',
      'tab\tin-id',
      'é-accent-01',
      42,
    ]) {
      const refused = await postJson(url, { answers: validEigenBijdrage(), submissionId });
      expect(refused.status, JSON.stringify(submissionId)).toBe(422);
      expect(refused.json().fieldErrors).toEqual([{ path: 'submissionId', message: expect.any(String) }]);
    }
    expect(await versionsOf('GM0168')).toEqual([]);
    expect(await pipeline.mailbox()).toEqual([]);
  });
});
