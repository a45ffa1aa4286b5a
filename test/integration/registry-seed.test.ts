import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { seed } from '../../functions/local/seed.js';
import { startTestPipeline } from '../support/pipeline.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'regietafel-registry-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the registry lives in the table', () => {
  it('is seeded on the first start only: a restart never overwrites an edit', async () => {
    const first = await startTestPipeline({ dataDir });
    const zwolle = await first.store.getMunicipality('GM0193');
    expect(zwolle).toMatchObject({ name: 'Zwolle', revision: 1 });
    expect(
      await first.store.putRegistryItem(
        { kind: 'municipality', value: { ...zwolle!, contacts: ['nieuw@zwolle.example'] } },
        1,
      ),
    ).toBe(true);
    const seededLines = (await first.store.listAudit()).filter((line) => line.action === 'registry-seeded');
    expect(seededLines).toHaveLength(1);
    await first.stop();

    const second = await startTestPipeline({
      dataDir,
      port: first.http.port,
      dynamoPort: first.dynamo.port,
      sesPort: first.ses.port,
    });
    try {
      expect(await second.store.getMunicipality('GM0193')).toMatchObject({
        contacts: ['nieuw@zwolle.example'],
        revision: 2,
      });
      // Seeding again (what every start does) reports that it left the table alone.
      expect((await seed(second.store, new Date())).seeded).toBe(false);
      expect((await second.store.getMunicipality('GM0193'))?.contacts).toEqual(['nieuw@zwolle.example']);
      expect(
        (await second.store.listAudit()).filter((line) => line.action === 'registry-seeded'),
      ).toHaveLength(1);
      // Everything else is the seed data, unchanged.
      const registry = await second.store.getRegistry();
      expect(registry.municipalities).toHaveLength(overijssel.municipalities.length);
      expect(registry.regions.find((region) => region.id === 'twente')?.secretariat).toEqual(
        overijssel.regions.find((region) => region.id === 'twente')?.secretariat,
      );
    } finally {
      await second.stop();
    }
  });

  it('refuses a change from someone who saw an older revision, and writes nothing then', async () => {
    const pipeline = await startTestPipeline();
    try {
      const deventer = (await pipeline.store.getMunicipality('GM0150'))!;
      const change = (contacts: string[]) =>
        pipeline.store.putRegistryItem({ kind: 'municipality', value: { ...deventer, contacts } }, 1);
      expect(await change(['eerste@deventer.example'])).toBe(true);
      expect(await change(['tweede@deventer.example'])).toBe(false);
      expect((await pipeline.store.getMunicipality('GM0150'))?.contacts).toEqual(['eerste@deventer.example']);
      // A new item must not exist yet.
      expect(await pipeline.store.putRegistryItem({ kind: 'municipality', value: deventer }, 0)).toBe(false);
    } finally {
      await pipeline.stop();
    }
  });
});
