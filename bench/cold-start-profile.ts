/**
 * Where a cold start goes: each named bundle (default: the form page and submit) exactly as `npm run
 * synth` builds it, run once in a fresh Node process with `--cpu-prof` (import + first invoke with its
 * route's common request, as bench/cold-start.ts does), and the CPU samples attributed through the
 * bundle's source map to the source they came from: an npm package, or a file of this repository.
 * For finding what to move out of the cold path; the figures the README quotes come from bench:cold-start.
 *
 *   npm run bench:cold-start-profile                  # show-form, submit-form
 *   npm run bench:cold-start-profile -- list-rounds   # any bundle id
 */
import './support/quiet.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundles } from './support/bundles.js';
import { startScenario } from './support/scenario.js';
import { markdownTable, ms } from './support/stats.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const ids = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['show-form', 'submit-form'];
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'cold-start-child.mjs');

/** `node_modules/@aws-sdk/core/dist-es/x.js` → `@aws-sdk/core`; a repository file stays itself. */
function owner(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (match) return match[1]!;
  return source.replace(/^(\.\.\/)+/, '');
}

const { bundles, outdir } = buildBundles({ floors: false });
const scenario = await startScenario();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-profile-'));
try {
  for (const id of ids) {
    const bundle = bundles.find((candidate) => candidate.id === id);
    if (!bundle) throw new Error(`Geen bundel ‘${id}’`);
    const eventFile = path.join(work, `${id}.json`);
    fs.writeFileSync(eventFile, JSON.stringify(await scenario.event(id)));
    const profileDir = path.join(work, id);
    const run = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        '--cpu-prof-interval=100',
        child,
        bundle.file,
        eventFile,
      ],
      { env: scenario.env, encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`${id}: ${run.stderr}`);
    const profile = JSON.parse(
      fs.readFileSync(path.join(profileDir, fs.readdirSync(profileDir)[0]!), 'utf8'),
    ) as Profile;
    const map = new SourceMap(JSON.parse(fs.readFileSync(`${bundle.file}.map`, 'utf8')));
    const bundleUrl = `file://${bundle.file}`;
    const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfUs = new Map<number, number>();
    profile.samples.forEach((sample, i) => {
      selfUs.set(sample, (selfUs.get(sample) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const bySource = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let total = 0;
    for (const [nodeId, us] of selfUs) {
      const { callFrame } = byNode.get(nodeId)!;
      total += us;
      let source: string;
      let name = callFrame.functionName || '(anonymous)';
      if (callFrame.url === bundleUrl) {
        const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber) as {
          originalSource?: string;
          originalLine?: number;
          name?: string;
        };
        source = entry.originalSource ? owner(entry.originalSource) : '(bundle)';
        name = `${source}:${(entry.originalLine ?? 0) + 1}`;
      } else if (callFrame.url) {
        source = callFrame.url.startsWith('node:') ? 'node (built-in modules)' : callFrame.url;
      } else {
        source = `(${name})`; // (program), (garbage collector), (idle), (root)
      }
      bySource.set(source, (bySource.get(source) ?? 0) + us);
      byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    }
    const top = (counts: Map<string, number>, n: number) =>
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([what, us]) => [what, ms(us / 1000), `${((100 * us) / total).toFixed(1)} %`]);
    console.log(`\n${id}: ${ms(total / 1000)} of CPU samples (import + first invoke)\n`);
    console.log(markdownTable(['source', 'self time', 'share'], top(bySource, 20)));
    console.log();
    console.log(markdownTable(['place', 'self time', 'share'], top(byFunction, 15)));
  }
} finally {
  await scenario.stop();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
}
