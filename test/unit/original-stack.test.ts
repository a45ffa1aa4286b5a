import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originalStack, withOriginalStack } from '../../functions/http/original-stack.js';

/**
 * A logged error names our sources although the Lambdas run without `--enable-source-maps` (issue 14):
 * a small module bundled and minified as the functions are, with its map next to it, throws; its stack
 * is mapped through that map when it is logged.
 */
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-stack-'));
  const source = path.join(dir, 'functions', 'thrower.ts');
  fs.mkdirSync(path.dirname(source));
  fs.writeFileSync(
    source,
    [
      'export function check(amount: number): number {',
      '  if (amount < 0) {',
      "    throw new Error('negatief', { cause: new Error('oorzaak') });",
      '  }',
      '  return amount;',
      '}',
      '',
    ].join('\n'),
  );
  bundle = path.join(dir, 'out', 'index.mjs');
  await build({
    entryPoints: [source],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
  });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * The stack as a Lambda logs it: thrown in a plain Node process without source maps (vitest maps stacks
 * itself), with its cause's stack.
 */
function thrownStacks(): { stack: string; cause: string } {
  const script = `import { check } from ${JSON.stringify(pathToFileURL(bundle).href)};
try { check(-1); } catch (error) { console.log(JSON.stringify({ stack: error.stack, cause: error.cause.stack })); }`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as { stack: string; cause: string };
}

describe('stack traces of a bundle, mapped when logged', () => {
  it('maps a frame in the minified bundle to the source file and line that threw', () => {
    const { stack } = thrownStacks();
    expect(stack).toContain(`${pathToFileURL(bundle).href}:1:`);
    const mapped = originalStack(stack);
    expect(mapped.split('\n')[0]).toBe('Error: negatief');
    expect(mapped).toMatch(/at \S+ \(functions\/thrower\.ts:3:\d+\)/);
    expect(mapped).not.toContain(pathToFileURL(bundle).href);
  });

  it('maps the causes too, and leaves frames of files without a map as they are', () => {
    const { stack, cause } = thrownStacks();
    const error = Object.assign(
      new Error('negatief', { cause: Object.assign(new Error('oorzaak'), { stack: cause }) }),
      {
        stack: `${stack}\n    at runner (${pathToFileURL(path.join(dir, 'zonder-map.mjs')).href}:4:2)`,
      },
    );
    expect(withOriginalStack(error)).toBe(error);
    expect(error.stack).toMatch(/functions\/thrower\.ts:3:\d+/);
    expect((error.cause as Error).stack).toMatch(/functions\/thrower\.ts:3:\d+/);
    expect(error.stack).toContain(`${pathToFileURL(path.join(dir, 'zonder-map.mjs')).href}:4:2`);
  });

  it('leaves a stack alone when the map is missing or unreadable', () => {
    const other = path.join(dir, 'elsewhere.mjs');
    fs.writeFileSync(`${path.join(dir, 'broken.mjs')}.map`, '{ niet json');
    const stack = `Error: x\n    at a (${pathToFileURL(other).href}:1:5)\n    at b (${pathToFileURL(path.join(dir, 'broken.mjs')).href}:1:7)`;
    expect(originalStack(stack)).toBe(stack);
    expect(withOriginalStack('geen Error')).toBe('geen Error');
  });
});
