/**
 * The bundles of another checkout of this repository (`npm run bench:cold-start -- --against ../old`),
 * built by that checkout's own code, as its `npm run synth` builds them: run with tsx from the other
 * checkout, so its infra, its esbuild settings and its node_modules are used. Writes the list to the file
 * named by the second argument; the bundles stay until the caller removes their folder.
 *
 *   tsx bench/support/bundles-of.ts <checkout> <out.json>
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [checkout, out] = process.argv.slice(2);
if (!checkout || !out) throw new Error('usage: tsx bench/support/bundles-of.ts <checkout> <out.json>');
const { buildBundles } = (await import(
  pathToFileURL(path.resolve(checkout, 'bench/support/bundles.ts')).href
)) as typeof import('./bundles.js');
fs.writeFileSync(out, JSON.stringify(buildBundles()));
