import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNotAllowedEntry, routes } from '../../functions/http/routes.js';
import { RouteFunction } from '../../infra/route-function.js';
import { cdkJsonContext, testSettings } from './helpers.js';

/**
 * The other infra tests skip bundling; this one runs the real local esbuild on two handlers (the 405
 * function and the first route that reads the table, so the AWS SDK is in it) and imports the result.
 */
const tableRoute = routes.find((route) => route.access.table !== 'none')!;
const entries = { MethodNotAllowed: methodNotAllowedEntry, TableRoute: tableRoute.entry } as const;

let outdir: string;
let bundles: Record<keyof typeof entries, string>;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-bundle-'));
  const app = new App({ outdir, context: cdkJsonContext() });
  const stack = new Stack(app, 'BundleTest', { env: { region: testSettings.region } });
  const functions = Object.fromEntries(
    Object.entries(entries).map(([id, entry]) => [id, new RouteFunction(stack, id, { entry })]),
  ) as Record<keyof typeof entries, RouteFunction>;
  const template = Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Properties: { Code: { S3Key: string } } }>;
  };
  bundles = Object.fromEntries(
    Object.entries(functions).map(([id, fn]) => {
      const logicalId = stack.resolve(
        (fn.node.defaultChild as unknown as { logicalId: string }).logicalId,
      ) as string;
      // The staged bundle lives in `asset.<hash>`; the function's S3 key is `<hash>.zip`.
      const hash = template.Resources[logicalId]!.Properties.Code.S3Key.replace(/\.zip$/, '');
      return [id, path.join(outdir, `asset.${hash}`)];
    }),
  ) as Record<keyof typeof entries, string>;
}, 120_000);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('RouteFunction bundling (local esbuild, no Docker)', () => {
  it('emits one minified ESM file with a linked source map and nothing else', () => {
    for (const dir of Object.values(bundles)) {
      expect(fs.readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const code = fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      // Compare slices: a failing toMatch would print the whole bundle.
      expect(code.slice(0, 140)).toMatch(
        /^import \{ createRequire as \w+ \} from 'node:module';const require = \w+\(import\.meta\.url\);/,
      );
      expect(code.slice(-40)).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      expect(code, 'UTF-8 output, not \\u escapes').not.toMatch(/\\u00e9|\\xE9/i);
      const map = JSON.parse(fs.readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')) as {
        sourcesContent?: unknown;
      };
      expect(map.sourcesContent).toBeUndefined();
    }
  });

  it('bundles the pinned AWS SDK instead of importing the runtime copy', () => {
    const code = fs.readFileSync(path.join(bundles.TableRoute, 'index.mjs'), 'utf8');
    expect(code).not.toMatch(/from\s*"@aws-sdk\//);
    expect(code).not.toMatch(/from\s*"@smithy\//);
    expect(code).toContain('DynamoDB');
  });

  it('produces modules plain Node can import, exporting `handler`', () => {
    for (const dir of Object.values(bundles)) {
      const url = pathToFileURL(path.join(dir, 'index.mjs')).href;
      // A separate process: no vitest transform, no test environment, like a cold start.
      const result = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(url)}); console.log(typeof m.handler);`,
        ],
        { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', AWS_REGION: testSettings.region } },
      );
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe('function');
    }
  });
});
