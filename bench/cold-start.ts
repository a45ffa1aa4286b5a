/**
 * Cold start of every Lambda (issue 14, item 1): each bundle exactly as `npm run synth` builds it, in a
 * fresh Node process that imports it and invokes its handler once with the event of its route's common
 * path (the form page of a municipality with its link, an amendment, a staff member's dashboard, …),
 * against the local emulators. Floors, bundled by the same RouteFunction and run the same way in the
 * same repetition: an empty handler, and a bundle of the DynamoDB client plus one GetItem.
 *
 * Every repetition runs every bundle once, in a new random order; a bundle's ratio is computed against the
 * floors of its own repetition, and the table shows the medians over the repetitions.
 *
 *   npm run bench:cold-start                              # 15 repetitions, every bundle
 *   npm run bench:cold-start -- 31                        # more
 *   npm run bench:cold-start -- 9 submit-form list-rounds # only these bundles (and the floors)
 */
import './support/quiet.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { routes } from '../functions/http/routes.js';
import { buildBundles } from './support/bundles.js';
import { coldStart, type ColdStartRun as Run } from './support/cold-start-run.js';
import { startScenario } from './support/scenario.js';
import { kb, machine, markdownTable, median, ms, ratio, shuffled } from './support/stats.js';

const repetitions = Number(process.argv[2] ?? 15);
const only = process.argv.slice(3);

/** Which target applies (issue 14): read routes ≤ 2.5× an empty handler, submit ≤ 3×. */
function target(id: string): number | undefined {
  if (id === 'submit-form') return 3;
  const route = routes.find((candidate) => candidate.id === id);
  return route?.method === 'GET' ? 2.5 : undefined;
}

const built = buildBundles();
const { outdir } = built;
const scenario = await startScenario();
// A route added after the scenario's events were written has none: named, not measured.
const bundles = built.bundles.filter(
  (bundle) =>
    scenario.hasEvent(bundle.id) &&
    (only.length === 0 || only.includes(bundle.id) || bundle.id.startsWith('floor:')),
);
const unmeasured = built.bundles
  .filter((bundle) => !scenario.hasEvent(bundle.id) && (only.length === 0 || only.includes(bundle.id)))
  .map((bundle) => bundle.id);
const eventDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-bench-events-'));
const runs = new Map<string, Run[]>(bundles.map((bundle) => [bundle.id, []]));
const ratios = new Map<string, { empty: number[]; getItem: number[]; cpu: number[] }>(
  bundles.map((bundle) => [bundle.id, { empty: [], getItem: [], cpu: [] }]),
);

try {
  // One warm-up pass (file-system caches, the emulators' first requests), not counted.
  for (const round of [-1, ...Array.from({ length: repetitions }, (_, i) => i)]) {
    const these = new Map<string, Run>();
    for (const bundle of shuffled(bundles)) {
      const eventFile = path.join(eventDir, `${bundle.id.replace(':', '-')}.json`);
      fs.writeFileSync(eventFile, JSON.stringify(await scenario.event(bundle.id)));
      // With the function's NODE_OPTIONS, as Lambda starts it.
      const run = await coldStart(bundle.id, bundle.file, eventFile, scenario.env, bundle.nodeOptions);
      const answersAnError = bundle.id === 'method-not-allowed' || bundle.id === 'not-found';
      if (run.status !== undefined && run.status >= 400 && !answersAnError) {
        throw new Error(`${bundle.id} answered ${run.status}: the benchmark event is wrong`);
      }
      these.set(bundle.id, run);
    }
    if (round < 0) continue;
    const empty = these.get('floor:empty')!.wallMs;
    const getItem = these.get('floor:get-item')!.wallMs;
    const emptyCpu = these.get('floor:empty')!.cpuMs;
    for (const [id, run] of these) {
      runs.get(id)!.push(run);
      ratios.get(id)!.empty.push(run.wallMs / empty);
      ratios.get(id)!.getItem.push(run.wallMs / getItem);
      ratios.get(id)!.cpu.push(run.cpuMs / emptyCpu);
    }
    process.stderr.write(`repetition ${round + 1}/${repetitions}\n`);
  }
} finally {
  await scenario.stop();
  fs.rmSync(eventDir, { recursive: true, force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
}

const rows = bundles.map((bundle) => {
  const these = runs.get(bundle.id)!;
  const { empty, getItem, cpu } = ratios.get(bundle.id)!;
  const goal = target(bundle.id);
  const vsEmpty = median(empty);
  return [
    bundle.id,
    kb(bundle.bytes),
    ms(median(these.map((run) => run.importMs))),
    ms(median(these.map((run) => run.invokeMs))),
    ms(median(these.map((run) => run.wallMs))),
    ratio(vsEmpty),
    ratio(median(getItem)),
    `${ms(median(these.map((run) => run.cpuMs)))} (${ratio(median(cpu))})`,
    goal === undefined ? '' : `≤ ${goal}× ${vsEmpty <= goal ? 'ok' : 'MISSED'}`,
  ];
});
console.log(`Cold start, ${repetitions} repetitions (medians), ${await machine()}\n`);
console.log(
  markdownTable(
    [
      'bundle',
      'size',
      'import',
      'first invoke',
      'process (spawn to exit)',
      '÷ empty',
      '÷ SDK + GetItem',
      'CPU (÷ empty)',
      'target (÷ empty)',
    ],
    rows,
  ),
);
if (unmeasured.length > 0) {
  console.log(`\nNot measured (no benchmark event in bench/support/scenario.ts): ${unmeasured.join(', ')}`);
  console.log(
    `Their bundle sizes: ${built.bundles
      .filter((bundle) => unmeasured.includes(bundle.id))
      .map((bundle) => `${bundle.id} ${kb(bundle.bytes)}`)
      .join(', ')}`,
  );
}
