/**
 * Benchmark of the staff exports (issue: "an export covering all 342 municipalities and many rounds neither
 * times out nor holds everything in memory"). Seeds dynalite (in this process, in memory) with a registry of
 * 342 municipalities and N rounds of the voortgang-opgaven form, every municipality submitted with the
 * most asylum locations the form allows (30), a third of them amended, then runs the exports exactly as the export route does (csvExport → deliverExport into
 * the local export files store) and reports time, file size and the export's own memory, and the time against
 * its floor in the same run: the raw Query pages that read the same items, round after round as the export
 * reads them (the current versions and the drafts, or every version), through the same client (issue 14).
 *
 * DynamoDB (dynalite) runs in a child process, so this process holds only what the export holds. Each
 * export runs twice: once for the time, once for the memory — the live heap (heapUsed right after a forced
 * GC, every 20 ms) at its highest during the export, minus the live heap before it. Garbage is not counted:
 * what remains is what the export keeps at once, which must stay flat however big the file grows. The time
 * is the median of three runs, each right after a run of its floor.
 *
 *   npm run bench:export               # 1, 4 and 12 rounds
 *   npm run bench:export -- 24         # other round counts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoStore } from '../functions/adapters/dynamo-store.js';
import { LocalExportFiles } from '../functions/adapters/local-export-files.js';
import { ensureTable } from '../functions/adapters/table-definition.js';
import { defaultInlineBytes, deliverExport } from '../functions/core/export-delivery.js';
import type { ExportVersions } from '../functions/core/export-tables.js';
import { csvExport, exportScope } from '../functions/core/exports.js';
import type { Registry, Round } from '../functions/core/model.js';
import { systemPrincipal } from '../functions/core/policy.js';
import type { Store } from '../functions/core/ports.js';
import { xlsxExport } from '../functions/core/xlsx-export.js';
import { validVoortgangOpgaven } from '../test/support/pipeline.js';
import { writeBenchVersions } from './support/bench-versions.js';
import { municipalityCount, nationalRegistry as registry, startDynaliteProcess } from './support/national.js';
import { queryToTheEnd } from './support/raw-query.js';
import { median, ratio } from './support/stats.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run bench:export does).');

process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

const roundCounts = process.argv.slice(2).map(Number).filter(Boolean);
const counts = roundCounts.length > 0 ? roundCounts : [1, 4, 12];
const maxRounds = Math.max(...counts);

/** The most a municipality may list (30): the biggest files the form allows. */
const locations = Array.from({ length: 30 }, (_, i) => ({
  name: `Locatie ${i + 1}, Voorbeeldstraat ${i + 1}`,
  type: i % 2 === 0 ? 'azc' : 'amv',
  capacity: 100 + i,
  availableFrom: '2026-01-01',
  availableUntil: '2036-01-01',
  phase: 'realisatie',
}));

async function seed(store: Store, rounds: number): Promise<{ versions: number; registry: Registry }> {
  const reg = registry();
  await store.putRegistry(reg);
  let versions = 0;
  for (let r = 0; r < rounds; r++) {
    const round: Round = {
      id: `voortgang-bench-${String(r + 1).padStart(2, '0')}`,
      formId: 'voortgang-opgaven',
      title: `Bench-ronde ${r + 1}`,
      referenceDate: '2026-11-01',
      opensAt: '2026-11-02T08:00:00.000Z',
      deadline: `2026-12-${String((r % 28) + 1).padStart(2, '0')}T16:00:00.000Z`,
      regions: reg.regions.map((region) => region.id),
      acceptsLate: true,
    };
    await store.createRound(round);
    versions += await writeBenchVersions(store, round, reg.municipalities, {
      versions: (i) => (i % 3 === 0 ? 2 : 1),
      submittedAt: (v) => `2026-11-${String(10 + v).padStart(2, '0')}T10:00:00.000Z`,
      answers: (i, v) => validVoortgangOpgaven({ regularCommitted: 500 + i + v, asylumLocations: locations }),
    });
  }
  return { versions, registry: reg };
}

interface Measurement {
  readonly label: string;
  readonly seconds: number;
  readonly floorSeconds: number;
  readonly megabytes: number;
  readonly liveHeapMb: number;
  readonly delivered: string;
}

type Run = () => Promise<{ bytes: number; kind: string }>;

/** Time runs of the export, each right after a run of its floor (alternating, so both see the same machine). */
const timedRuns = 3;

async function seconds(run: () => Promise<unknown>): Promise<number> {
  gc!();
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

async function measure(label: string, run: Run, floor: () => Promise<unknown>): Promise<Measurement> {
  const times: number[] = [];
  const floors: number[] = [];
  let result: Awaited<ReturnType<Run>> | undefined;
  for (let i = 0; i < timedRuns; i++) {
    floors.push(await seconds(floor));
    times.push(
      await seconds(async () => {
        result = await run();
      }),
    );
  }

  gc!();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const timer = setInterval(() => {
    gc!();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  await run();
  clearInterval(timer);
  return {
    label,
    seconds: median(times),
    floorSeconds: median(floors),
    megabytes: result!.bytes / 1024 / 1024,
    liveHeapMb: (peak - baseline) / 1024 / 1024,
    delivered: result!.kind,
  };
}

async function main(): Promise<void> {
  const dynamo = await startDynaliteProcess();
  const client = new DynamoDBClient({ endpoint: dynamo.url });
  const directory = await mkdtemp(path.join(tmpdir(), 'regietafel-bench-'));
  try {
    await ensureTable(client, 'bench');
    const store = dynamoStore('bench', client);
    const documents = DynamoDBDocumentClient.from(client);
    /** The floor of an export: the Queries of the items it reads, round after round, as it reads them. */
    const rawReads = async (roundIds: readonly string[], versions: ExportVersions) => {
      for (const id of roundIds) {
        if (versions === 'alle') await queryToTheEnd(documents, 'bench', id, 'VERSION#voortgang-opgaven#');
        else {
          await queryToTheEnd(documents, 'bench', id, 'CURRENT#voortgang-opgaven#');
          await queryToTheEnd(documents, 'bench', id, 'DRAFT#');
        }
      }
    };
    const seedStart = performance.now();
    const { versions, registry: reg } = await seed(store, maxRounds);
    console.log(
      `Geseed: ${municipalityCount} gemeenten × ${maxRounds} rondes, ${versions} versies in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    const clock = { now: () => new Date('2026-11-27T10:00:00Z') };
    const deps = { store, clock };
    const files = new LocalExportFiles(directory, 'http://localhost:3000', 'bench-secret-0123456789', clock);
    const principal = systemPrincipal(reg, 'bench');
    const rounds = (await store.listRounds()).map((round) => round.id).sort();
    const results: Measurement[] = [];
    let n = 0;
    const deliver = async (file: Parameters<typeof deliverExport>[1]) =>
      deliverExport(files, file, {
        inlineLimit: defaultInlineBytes,
        key: `exports/bench/${++n}/${file.filename}`,
      });

    for (const count of counts) {
      // A scope of `count` rounds: the export of all rounds of the form when those are all there are.
      const scope = await exportScope(deps, { principal, formId: 'voortgang-opgaven' });
      const limited = {
        ...scope,
        rounds: scope.rounds.filter((entry) => rounds.indexOf(entry.round.id) < count),
      };
      for (const versionsMode of ['huidige', 'alle'] as ExportVersions[]) {
        for (const table of ['gemeenten', 'asylumLocations']) {
          results.push(
            await measure(
              `${count} ronde(s), ${table}, ${versionsMode}`,
              () => deliver(csvExport(deps, limited, { table, versions: versionsMode, dialect: 'excel-nl' })),
              () =>
                rawReads(
                  limited.rounds.map((entry) => entry.round.id),
                  versionsMode,
                ),
            ),
          );
        }
      }
    }
    const one = await exportScope(deps, { principal, formId: 'voortgang-opgaven', roundId: rounds[0] });
    results.push(
      await measure(
        '1 ronde, XLSX (alle tabellen), huidige',
        async () => deliver(await xlsxExport(deps, one, { versions: 'huidige' })),
        () => rawReads([rounds[0]!], 'huidige'),
      ),
    );

    console.log(
      '\n| export (342 gemeenten) | tijd | vloer: dezelfde Queries | ÷ vloer | bestand | live heap (piek) | geleverd |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---|');
    for (const r of results) {
      console.log(
        `| ${r.label} | ${r.seconds.toFixed(2)} s | ${r.floorSeconds.toFixed(2)} s | ${ratio(r.seconds / r.floorSeconds)} | ${r.megabytes.toFixed(1)} MB | ${r.liveHeapMb.toFixed(1)} MB | ${r.delivered === 'link' ? 'ondertekende link' : 'direct'} |`,
      );
    }
  } finally {
    client.destroy();
    dynamo.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
