import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BuildAppOptions, type BuiltApp, buildApp } from '../../infra/build-app.js';
import { repoRoot } from '../../infra/route-function.js';

/** Settings the tests deploy with (a domain identity that is not the cdk.json example). */
export const testSettings = {
  sesIdentity: 'regietafel.test.nl',
  mailFrom: 'noreply@regietafel.test.nl',
  region: 'eu-central-1',
  alarmEmail: 'beheer@regietafel.test.nl',
} as const;

/**
 * The context block of cdk.json (feature flags, region, example defaults). `new App()` only sees it under
 * the CDK CLI, so the tests pass it themselves: the templates under test are the ones `cdk synth` makes.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

const outdirs: string[] = [];

/** Builds the app as `cdk synth` would, minus esbuild bundling, into a fresh temporary cloud assembly. */
export function buildTestApp(options: Omit<BuildAppOptions, 'outdir'> = {}): BuiltApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-cdk-'));
  outdirs.push(outdir);
  return buildApp({
    ...options,
    outdir,
    // No AWS_REGION/CDK_DEFAULT_* from the machine running the tests.
    env: options.env ?? {},
    context: {
      ...cdkJsonContext(),
      ...testSettings,
      'aws:cdk:bundling-stacks': [],
      ...options.context,
    },
  });
}

/** Removes the temporary cloud assemblies (call from afterAll). */
export function removeTestOutdirs(): void {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
