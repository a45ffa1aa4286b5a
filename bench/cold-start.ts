/**
 * Cold start of every Lambda (issue 14, item 1): each bundle exactly as `npm run synth` builds it, in a
 * fresh Node process that imports it and invokes its handler once with the event of its route's common
 * path (the form page of a municipality with its link, an amendment, a staff member's dashboard, …),
 * against the local emulators. Floors, bundled by the same RouteFunction and run the same way in the
 * same repetition: an empty handler, and a bundle of the DynamoDB client plus one GetItem.
 *
 * Every repetition runs every bundle once and each floor three times, in a new random order; a bundle's
 * ratio is computed against the floors of its own repetition (each the median of its three), and the table
 * shows the medians over the repetitions.
 *
 *   npm run bench:cold-start                              # 15 repetitions, every bundle
 *   npm run bench:cold-start -- 31                        # more
 *   npm run bench:cold-start -- 9 submit-form list-rounds # only these bundles (and the floors)
 *   npm run bench:cold-start -- --against ../old 9 show-form # and another checkout's, in the same runs
 *
 * With `--against <checkout>`, that checkout builds its own bundles (its code, its infra) and every
 * repetition runs them among these, in the same shuffled order, as `<id>@<its commit>`: a before/after
 * comparison in the same minutes of a shared machine, whose speed drifts from one run to the next. Ratios
 * are against this checkout's floors.
 */
import './support/quiet.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { routes } from '../functions/http/routes.js';
import { repoRoot } from '../infra/route-function.js';
import { type Bundle, buildBundles } from './support/bundles.js';
import { coldStart, type ColdStartRun as Run } from './support/cold-start-run.js';
import { startScenario } from './support/scenario.js';
import { kb, machine, markdownTable, median, ms, ratio, shuffled } from './support/stats.js';

const args = process.argv.slice(2);
const againstAt = args.indexOf('--against');
const against = againstAt >= 0 ? args.splice(againstAt, 2)[1] : undefined;
const repetitions = Number(args[0] ?? 15);
const only = args.slice(1);

/** Which target applies (issue 14): read routes ≤ 2.5× an empty handler, submit ≤ 3×. */
function target(bundleId: string): number | undefined {
  const id = baseId(bundleId);
  if (id === 'submit-form') return 3;
  const route = routes.find((candidate) => candidate.id === id);
  return route?.method === 'GET' ? 2.5 : undefined;
}

/** `show-form@1f35da1` → `show-form`: the route a bundle of the other checkout belongs to. */
function baseId(id: string): string {
  return id.replace(/@.*$/, '');
}

/** The other checkout's bundles, built by its own code, named `<id>@<its commit>`. */
function otherBundles(checkout: string): { bundles: Bundle[]; outdir: string } {
  const list = path.join(os.tmpdir(), `regietafel-bench-against-${process.pid}.json`);
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  execFileSync(tsx, [path.join(repoRoot, 'bench/support/bundles-of.ts'), checkout, list], {
    cwd: checkout,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const other = JSON.parse(fs.readFileSync(list, 'utf8')) as { bundles: Bundle[]; outdir: string };
  fs.rmSync(list);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: checkout,
    encoding: 'utf8',
  }).trim();
  return { ...other, bundles: other.bundles.map((bundle) => ({ ...bundle, id: `${bundle.id}@${commit}` })) };
}

const built = buildBundles();
const other = against ? otherBundles(against) : undefined;
const { outdir } = built;
const scenario = await startScenario();
// A route added after the scenario's events were written has none: named, not measured.
const bundles = [...built.bundles, ...(other?.bundles ?? [])]
  .filter(
    (bundle) =>
      scenario.hasEvent(baseId(bundle.id)) &&
      (only.length === 0 || only.includes(baseId(bundle.id)) || bundle.id.startsWith('floor:')),
  )
  // Each route next to its other version in the table.
  .sort((a, b) => order(a.id) - order(b.id));

function order(id: string): number {
  const at = built.bundles.findIndex((bundle) => bundle.id === baseId(id));
  return at * 2 + (id.includes('@') ? 1 : 0);
}
const unmeasured = built.bundles
  .filter((bundle) => !scenario.hasEvent(bundle.id) && (only.length === 0 || only.includes(bundle.id)))
  .map((bundle) => bundle.id);
/** The floors every ratio divides by (the other checkout's, if any, are measured like any bundle). */
const floorIds = ['floor:empty', 'floor:get-item'];
const eventDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-bench-events-'));
const runs = new Map<string, Run[]>(bundles.map((bundle) => [bundle.id, []]));
const ratios = new Map<string, { empty: number[]; getItem: number[]; cpu: number[] }>(
  bundles.map((bundle) => [bundle.id, { empty: [], getItem: [], cpu: [] }]),
);

try {
  // One warm-up pass (file-system caches, the emulators' first requests), not counted.
  for (const round of [-1, ...Array.from({ length: repetitions }, (_, i) => i)]) {
    const these = new Map<string, Run>();
    const floorRuns = new Map<string, Run[]>();
    // The floors three times each, at random places among the others: the empty handler's own time swings
    // most from process to process (±15 % for the same file), and every ratio of the repetition divides by it.
    const floors = bundles.filter((bundle) => floorIds.includes(bundle.id));
    for (const bundle of shuffled([...bundles, ...floors, ...floors])) {
      const eventFile = path.join(eventDir, `${bundle.id.replace(':', '-')}.json`);
      fs.writeFileSync(eventFile, JSON.stringify(await scenario.event(baseId(bundle.id))));
      // With the function's NODE_OPTIONS, as Lambda starts it.
      const run = await coldStart(bundle.id, bundle.file, eventFile, scenario.env, bundle.nodeOptions);
      const answersAnError = ['method-not-allowed', 'not-found'].includes(baseId(bundle.id));
      if (run.status !== undefined && run.status >= 400 && !answersAnError) {
        throw new Error(`${bundle.id} answered ${run.status}: the benchmark event is wrong`);
      }
      if (floorIds.includes(bundle.id)) floorRuns.set(bundle.id, [...(floorRuns.get(bundle.id) ?? []), run]);
      else these.set(bundle.id, run);
    }
    if (round < 0) continue;
    // A floor's run of this repetition: the median of its three (the one with the median wall time).
    for (const [id, three] of floorRuns) these.set(id, [...three].sort((a, b) => a.wallMs - b.wallMs)[1]!);
    const empty = these.get('floor:empty')!.wallMs;
    const getItem = these.get('floor:get-item')!.wallMs;
    const emptyCpu = median(floorRuns.get('floor:empty')!.map((run) => run.cpuMs));
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
  if (other) fs.rmSync(other.outdir, { recursive: true, force: true });
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
