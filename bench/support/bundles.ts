import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { type RouteAccess, routes } from '../../functions/http/routes.js';
import { buildApp } from '../../infra/build-app.js';
import { mailEventsAccess, mailEventsEntry } from '../../infra/mail-events.js';
import { outboxSenderAccess, outboxSenderEntry } from '../../infra/outbox-sender.js';
import { RouteFunction, repoRoot } from '../../infra/route-function.js';
import { scheduleEntry } from '../../infra/stateless-stack.js';

/** One Lambda bundle exactly as `npm run synth` builds it. */
export interface Bundle {
  /**
   * Route id, `run-schedule`, `method-not-allowed`, a floor (`floor:empty`, `floor:get-item`), or with
   * `jobs` the outbox sender and the SES events' handler (`deliver-outbox`, `record-mail-events`).
   */
  readonly id: string;
  readonly entry: string;
  /** The bundled `index.mjs`. */
  readonly file: string;
  readonly bytes: number;
  /** What the route table declares (undefined for the floors). */
  readonly access?: RouteAccess;
}

export const floorEntries = {
  'floor:empty': 'bench/floors/empty-handler.ts',
  'floor:get-item': 'bench/floors/get-item.ts',
} as const;

function cdkJsonContext(): Record<string, unknown> {
  return (
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    }
  ).context;
}

/**
 * Synthesises the real CDK app (local esbuild, as `npm run synth`; no cdk-nag) plus the two floors, bundled
 * by the same RouteFunction, into a temporary cloud assembly, and returns every function's bundle: the
 * routes', the daily job's and the 405's, and with `jobs` the two functions no HTTP request reaches (the
 * outbox sender, the SES events), which have no benchmark event.
 */
export function buildBundles(options: { floors?: boolean; jobs?: boolean } = {}): {
  bundles: Bundle[];
  outdir: string;
} {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'regietafel-bench-bundles-'));
  const { app, stateless } = buildApp({ outdir, nag: false, env: {}, context: cdkJsonContext() });
  // An empty stack does not synthesise: the floors get one only when they are asked for.
  const floors =
    options.floors === false ? undefined : new Stack(app, 'BenchFloors', { env: { region: 'eu-central-1' } });
  const floorFunctions = Object.entries(floors ? floorEntries : {}).map(
    ([id, entry]) => [id, entry, new RouteFunction(floors!, id.replace(':', ''), { entry })] as const,
  );
  const assembly = app.synth();

  const located = (stack: Stack, fn: RouteFunction): string => {
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<string, { Properties: { Code: { S3Key: string } } }>;
    };
    const logicalId = stack.resolve((fn.node.defaultChild as CfnFunction).logicalId) as string;
    const hash = template.Resources[logicalId]!.Properties.Code.S3Key.replace(/\.zip$/, '');
    return path.join(outdir, `asset.${hash}`, 'index.mjs');
  };
  const bundle = (id: string, entry: string, file: string, access?: RouteAccess): Bundle => ({
    id,
    entry,
    file,
    bytes: fs.statSync(file).size,
    access,
  });

  const bundles: Bundle[] = [
    ...routes.map((route) =>
      bundle(
        route.id,
        route.entry,
        located(stateless, stateless.routeFunctions.get(route.id)!),
        route.access,
      ),
    ),
    bundle('run-schedule', scheduleEntry, located(stateless, stateless.scheduleFunction), {
      table: 'readWrite',
      sendsMail: true,
    }),
    bundle(
      'method-not-allowed',
      'functions/http/handlers/method-not-allowed.ts',
      located(stateless, stateless.methodNotAllowedFunction),
      { table: 'none', sendsMail: false },
    ),
    ...(options.jobs
      ? [
          bundle(
            'deliver-outbox',
            outboxSenderEntry,
            located(stateless, stateless.outboxSender.function),
            outboxSenderAccess,
          ),
          bundle(
            'record-mail-events',
            mailEventsEntry,
            located(stateless, stateless.mailEvents.handler),
            mailEventsAccess,
          ),
        ]
      : []),
    ...floorFunctions.map(([id, entry, fn]) => bundle(id, entry, located(floors!, fn))),
  ];
  return { bundles, outdir };
}
