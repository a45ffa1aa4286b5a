/**
 * Where a cold start goes: each named bundle (default: the form page and submit) exactly as `npm run
 * synth` builds it, run in a fresh Node process with `--cpu-prof` (import + first invoke with its route's
 * common request, as bench/cold-start.ts does), and the CPU samples attributed through the bundle's source
 * map to the source they came from (an npm package, or a file of this repository) and split by time into
 * the import and the first invoke. `(idle)` is the process waiting: on DynamoDB or SES in the first
 * invoke. Averages over a few runs per bundle. For finding what to move out of the cold path; the figures
 * the README quotes come from bench:cold-start.
 *
 *   npm run bench:cold-start-profile                          # show-form, submit-form
 *   npm run bench:cold-start-profile -- list-rounds places    # any bundle ids
 *   npm run bench:cold-start-profile -- --runs 5 submit-form  # more runs per bundle (default 3)
 *   npm run bench:cold-start-profile -- --keep list-rounds    # keep the .cpuprofile files and bundles
 *   PROFILE_PLACES=45 npm run bench:cold-start-profile        # more rows in the last table (default 12)
 */
import './support/quiet.js';
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../infra/route-function.js';
import { buildBundles } from './support/bundles.js';
import { type ColdStartRun, coldStart } from './support/cold-start-run.js';
import { startScenario } from './support/scenario.js';
import { markdownTable, median, ms } from './support/stats.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 && args.splice(keepAt, 1).length > 0;
const ids = args.length > 0 ? args : ['show-form', 'submit-form'];

/** `…/node_modules/@aws-sdk/core/dist-es/x.js` → `@aws-sdk/core`; `…/forms/format.ts` → `forms/format.ts`. */
function owner(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (match) return match[1]!;
  return source.startsWith(`${repoRoot}/`) ? source.slice(repoRoot.length + 1) : source;
}

/** The coarse bucket a source belongs to: the rows of the first table. */
function category(source: string): string {
  if (/^@(aws-sdk|smithy|aws-crypto)\//.test(source) || source === 'fast-xml-parser') return 'AWS SDK';
  if (source.startsWith('@middy/')) return 'middy';
  if (source.startsWith('@aws-lambda-powertools/')) return 'Powertools';
  if (['jose', 'zod', 'nodemailer'].includes(source)) return source;
  if (/^(forms|functions)\//.test(source)) return `this repository (${source.split('/')[0]}/)`;
  if (source === '(idle)') return '(idle: waiting on I/O)';
  if (source === '(program)' || source === '(garbage collector)' || source.startsWith('node'))
    return source.startsWith('node') ? 'Node built-ins' : source;
  if (source.startsWith('(')) return source;
  return 'other npm packages';
}

type Phase = 'import' | 'invoke';
/** Microseconds per key and phase, summed over the runs. */
class Tally {
  readonly counts = new Map<string, { import: number; invoke: number }>();
  add(key: string, phase: Phase, us: number): void {
    const entry = this.counts.get(key) ?? { import: 0, invoke: 0 };
    entry[phase] += us;
    this.counts.set(key, entry);
  }
  rows(n: number, per: number): string[][] {
    return [...this.counts]
      .sort((a, b) => b[1].import + b[1].invoke - (a[1].import + a[1].invoke))
      .slice(0, n)
      .map(([key, { import: imported, invoke }]) => [
        key,
        ms(imported / 1000 / per),
        ms(invoke / 1000 / per),
        ms((imported + invoke) / 1000 / per),
      ]);
  }
}

interface Frame {
  /** npm package, repository file, `node (built-in modules)` or a V8 pseudo-frame such as `(idle)`. */
  readonly source: string;
  /** `file:line` in the sources (through the source map), or the built-in's URL and function. */
  readonly place: string;
  readonly inBundle: boolean;
}

function frameOf(node: ProfileNode, map: SourceMap, bundleFile: string): Frame {
  const { callFrame } = node;
  const bundleUrl = `file://${bundleFile}`;
  const name = callFrame.functionName || '(anonymous)';
  if (callFrame.url === bundleUrl) {
    const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (!entry.originalSource) return { source: '(bundle)', place: '(bundle, unmapped)', inBundle: true };
    // Relative to the bundle, which sits in a temporary folder.
    const absolute = path.resolve(path.dirname(bundleFile), entry.originalSource);
    const file = owner(absolute) === absolute ? absolute : absolute.replace(/^.*node_modules\//, '');
    const line = (entry.originalLine ?? 0) + 1;
    return {
      source: owner(absolute),
      place: `${file.startsWith(`${repoRoot}/`) ? owner(file) : file}:${line}`,
      inBundle: true,
    };
  }
  if (callFrame.url) {
    const source = callFrame.url.startsWith('node:') ? 'node (built-in modules)' : callFrame.url;
    return { source, place: `${callFrame.url}:${callFrame.lineNumber + 1} ${name}`, inBundle: false };
  }
  const pseudo = `(${name.replace(/^\(|\)$/g, '')})`; // (program), (garbage collector), (idle), (root)
  return { source: pseudo, place: pseudo, inBundle: false };
}

/**
 * The samples of one run, each attributed to the phase it fell in and tallied three ways: by the kind of
 * its own (self) source; by package or file, where time in Node's built-ins and V8's natives (a socket
 * write, loading `node:http`, a GC inside a call) is charged to the nearest bundled frame above it, the
 * code that asked for it; and by the innermost function of this repository on the stack (inclusive time:
 * what a handler step costs with everything it calls).
 */
function attribute(
  profile: Profile,
  map: SourceMap,
  bundleFile: string,
  marks: ColdStartRun['marksUs'],
  tallies: { byKind: Tally; byCaller: Tally; byRepositoryFunction: Tally; byPlace: Tally },
): void {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map<number, Frame>();
  const frame = (id: number) => {
    let found = frames.get(id);
    if (!found) {
      found = frameOf(byNode.get(id)!, map, bundleFile);
      frames.set(id, found);
    }
    return found;
  };
  const nearest = (id: number, wanted: (frame: Frame) => boolean): Frame | undefined => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (wanted(frame(at))) return frame(at);
    }
    return undefined;
  };
  let at = profile.startTime;
  profile.samples.forEach((sample, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    // Node's own start and the child's event parsing before the import, its exit after the answer: not counted.
    if (at < marks.started || at > marks.done) return;
    const phase: Phase = at <= marks.imported ? 'import' : 'invoke';
    const self = frame(sample);
    tallies.byKind.add(category(self.source), phase, delta);
    tallies.byPlace.add(self.place, phase, delta);
    const caller = nearest(sample, (candidate) => candidate.inBundle);
    const compiling = self.place.includes('compileSourceTextModule');
    tallies.byCaller.add(
      caller ? caller.source : compiling ? 'V8: compiling the bundle' : self.source,
      phase,
      delta,
    );
    const ours = nearest(sample, (candidate) => /^(forms|functions)\//.test(candidate.source));
    tallies.byRepositoryFunction.add(
      ours ? ours.place : '(no repository function on the stack)',
      phase,
      delta,
    );
  });
}

const { bundles, outdir } = buildBundles({ floors: ids.some((id) => id.startsWith('floor:')) });
const scenario = await startScenario();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-profile-'));
const header = (what: string) => [what, 'import', 'first invoke', 'both'];
try {
  for (const id of ids) {
    const bundle = bundles.find((candidate) => candidate.id === id);
    if (!bundle) throw new Error(`Geen bundel ‘${id}’`);
    const map = new SourceMap(JSON.parse(fs.readFileSync(`${bundle.file}.map`, 'utf8')));
    const tallies = {
      byKind: new Tally(),
      byCaller: new Tally(),
      byRepositoryFunction: new Tally(),
      byPlace: new Tally(),
    };
    const measured: ColdStartRun[] = [];
    for (let run = 0; run < runs; run++) {
      const eventFile = path.join(work, `${id.replace(':', '-')}.json`);
      fs.writeFileSync(eventFile, JSON.stringify(await scenario.event(id)));
      const profileDir = path.join(work, `${id.replace(':', '-')}-${run}`);
      const result = await coldStart(id, bundle.file, eventFile, scenario.env, [
        ...bundle.nodeOptions,
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        '--cpu-prof-interval=100',
      ]);
      measured.push(result);
      const profile = JSON.parse(
        fs.readFileSync(path.join(profileDir, fs.readdirSync(profileDir)[0]!), 'utf8'),
      ) as Profile;
      attribute(profile, map, bundle.file, result.marksUs, tallies);
    }
    const importMs = median(measured.map((run) => run.importMs));
    const invokeMs = median(measured.map((run) => run.invokeMs));
    console.log(
      `\n## ${id}: import ${ms(importMs)}, first invoke ${ms(invokeMs)} (medians of ${runs} runs under --cpu-prof, which slows them; status ${measured[0]?.status})\n`,
    );
    console.log('Mean time per run, by kind of source (self time):\n');
    console.log(markdownTable(header('kind'), tallies.byKind.rows(12, runs)));
    console.log('\nBy package or file (Node built-ins charged to the bundled code that called them):\n');
    console.log(markdownTable(header('source'), tallies.byCaller.rows(20, runs)));
    console.log('\nBy the innermost function of this repository on the stack (inclusive):\n');
    console.log(markdownTable(header('function'), tallies.byRepositoryFunction.rows(15, runs)));
    console.log('\nBy place (self time):\n');
    console.log(
      markdownTable(header('place'), tallies.byPlace.rows(Number(process.env.PROFILE_PLACES ?? 12), runs)),
    );
  }
} finally {
  await scenario.stop();
  if (keep) {
    console.log(`\nProfiles kept in ${work}, the bundles and their source maps in ${outdir}`);
  } else {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
