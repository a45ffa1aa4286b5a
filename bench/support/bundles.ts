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
  /**
   * The flags of the function's NODE_OPTIONS, as Lambda starts Node with them: a cold start measured
   * without them would not be the function's (`--enable-source-maps` alone cost 7–17 ms).
   */
  readonly nodeOptions: readonly string[];
  readonly bytes: number;
  /** What the route table declares (undefined for the floors). */
  readonly access?: RouteAccess;
}

export const floorEntries = {
  'floor:empty': 'bench/floors/empty-handler.ts',
  'floor:get-item': 'bench/floors/get-item.ts',
} as const;

/** As a read route's: the floors are bundled with the same aliases as the functions they are the floor of. */
const floorAccess: RouteAccess = { table: 'read', sendsMail: false };

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
    ([id, entry]) =>
      [id, entry, new RouteFunction(floors!, id.replace(':', ''), { entry, access: floorAccess })] as const,
  );
  const assembly = app.synth();

  const located = (stack: Stack, fn: RouteFunction): Pick<Bundle, 'file' | 'nodeOptions'> => {
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<
        string,
        { Properties: { Code: { S3Key: string }; Environment?: { Variables?: Record<string, unknown> } } }
      >;
    };
    const logicalId = stack.resolve((fn.node.defaultChild as CfnFunction).logicalId) as string;
    const { Code, Environment } = template.Resources[logicalId]!.Properties;
    const hash = Code.S3Key.replace(/\.zip$/, '');
    const nodeOptions = Environment?.Variables?.['NODE_OPTIONS'];
    return {
      file: path.join(outdir, `asset.${hash}`, 'index.mjs'),
      nodeOptions: typeof nodeOptions === 'string' ? nodeOptions.split(/\s+/).filter(Boolean) : [],
    };
  };
  const bundle = (
    id: string,
    entry: string,
    where: Pick<Bundle, 'file' | 'nodeOptions'>,
    access?: RouteAccess,
  ): Bundle => ({ id, entry, ...where, bytes: fs.statSync(where.file).size, access });

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
