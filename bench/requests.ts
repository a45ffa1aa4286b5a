/**
 * DynamoDB calls and write units per request (issue 14, items 2 and 3): the handlers run in this process
 * against dynalite through a logging proxy (support/dynamodb-meter.ts) that counts every call and bills
 * each write as DynamoDB would, table and indexes (dynalite itself reports table units only). Each request
 * is measured warm, as the second of its kind in the container (the first in a container also reads the
 * link signing key once); the write units are those of an amendment of about 1 KB of answers, whose
 * confirmation email goes out at once. The browser's path too: the invitation link opened, the form page
 * with the session cookie it sets (also once the round and registry items this process keeps for 30 s are
 * gone), and *Versturen* (the form posted with that cookie). And the staff dashboard and reminders page,
 * the slowest read routes' cold path. *Read* is the bytes of DynamoDB's answers (what the SDK unmarshals).
 *
 *   npm run bench:requests
 */
import './support/quiet.js';
import type { Context } from 'aws-lambda';
import { forgetReferences } from '../functions/adapters/dynamo/reference-cache.js';
import { type MeteredCall, totalWriteUnits } from './support/dynamodb-meter.js';
import { startScenario } from './support/scenario.js';
import { machine, markdownTable } from './support/stats.js';

const scenario = await startScenario({ meter: true });
const meter = scenario.meter!;
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

type Handler = (event: never, context: Context) => Promise<{ statusCode?: number }>;
const modules: Record<string, () => Promise<{ handler: Handler }>> = {
  'open-invitation': () => import('../functions/http/handlers/open-invitation.js') as never,
  'show-form': () => import('../functions/http/handlers/show-form.js') as never,
  'submit-form': () => import('../functions/http/handlers/submit-form.js') as never,
  'show-confirmation': () => import('../functions/http/handlers/show-confirmation.js') as never,
  'list-rounds': () => import('../functions/http/handlers/list-rounds.js') as never,
  reminders: () => import('../functions/http/handlers/reminders.js') as never,
};

interface Measured {
  readonly label: string;
  readonly handler: keyof typeof modules;
  readonly event: () => Promise<unknown>;
  /** Just before the measured request (after the one that warms the container up). */
  readonly before?: () => void;
  /** What the issue asks of it. */
  readonly target?: { calls: number; writeUnits?: number };
}

const measured: Measured[] = [
  {
    label: 'browser: open-invitation (the link)',
    handler: 'open-invitation',
    event: () => scenario.event('open-invitation'),
  },
  {
    label: 'browser: show-form (session cookie)',
    handler: 'show-form',
    event: () => scenario.event('show-form'),
    target: { calls: 3 },
  },
  {
    label: 'browser: show-form, round and registry not kept (after 30 s)',
    handler: 'show-form',
    event: () => scenario.event('show-form'),
    before: () => forgetReferences(scenario.env.TABLE_NAME!),
    target: { calls: 3 },
  },
  {
    label: 'browser: submit-form (Versturen, amendment)',
    handler: 'submit-form',
    event: () => scenario.browserSubmitEvent(),
    target: { calls: 7, writeUnits: 8 },
  },
  {
    label: 'browser: show-confirmation',
    handler: 'show-confirmation',
    event: () => scenario.event('show-confirmation'),
  },
  {
    label: 'JSON client: submit-form (amendment, 1 KB)',
    handler: 'submit-form',
    event: () => scenario.event('submit-form'),
    target: { calls: 7, writeUnits: 8 },
  },
  {
    label: 'staff: list-rounds (the dashboard, a province)',
    handler: 'list-rounds',
    event: () => scenario.event('list-rounds'),
  },
  {
    label: 'staff: reminders (a round, a province)',
    handler: 'reminders',
    event: () => scenario.event('reminders'),
  },
];

/** What dynalite reports for the table (ReturnConsumedCapacity), when the writes asked it: the check. */
function reported(calls: MeteredCall[], billed: number): string {
  const writes = calls.filter((call) => call.reportedTableUnits !== undefined);
  if (writes.length === 0) return '';
  const total = writes.reduce((sum, call) => sum + call.reportedTableUnits!, 0);
  return total === billed ? ', as dynalite reports' : `, dynalite reports ${total}: MISMATCH`;
}

const rows: string[][] = [];
try {
  for (const { label, handler: id, event: next, before, target } of measured) {
    const { handler } = await modules[id]!();
    for (const when of ['first', 'measured'] as const) {
      const event = await next();
      if (when === 'measured') before?.();
      meter.reset();
      // The first only warms the container up.
      const result = await handler(event as never, context);
      if ((result.statusCode ?? 200) >= 400) throw new Error(`${label} answered ${result.statusCode}`);
      if (when === 'first') continue;
      const calls = meter.calls();
      if (process.env.BENCH_VERBOSE) {
        for (const call of calls)
          console.log(
            `${label}: ${call.operation} ${call.target} (${call.bytes} B; ${call.tableUnits}${Object.entries(
              call.indexUnits,
            )
              .map(([index, n]) => ` + ${index} ${n}`)
              .join('')})`,
          );
      }
      const byOperation = new Map<string, number>();
      for (const call of calls) byOperation.set(call.operation, (byOperation.get(call.operation) ?? 0) + 1);
      const units = totalWriteUnits(calls);
      const verdict = target
        ? [
            `≤ ${target.calls} calls ${calls.length <= target.calls ? 'ok' : 'MISSED'}`,
            target.writeUnits === undefined
              ? ''
              : `≤ ${target.writeUnits} WCU ${units.total <= target.writeUnits ? 'ok' : 'MISSED'}`,
          ]
            .filter(Boolean)
            .join(', ')
        : '';
      rows.push([
        label,
        String(calls.length),
        `${(calls.reduce((sum, call) => sum + call.bytes, 0) / 1024).toFixed(1)} KB`,
        [...byOperation].map(([operation, n]) => `${n} ${operation}`).join(', '),
        `${units.total} (table ${units.table}${reported(calls, units.table)}${Object.entries(units.indexes)
          .map(([index, n]) => `, ${index} ${n}`)
          .join('')})`,
        verdict,
      ]);
    }
  }
} finally {
  await scenario.stop();
}

console.log(`DynamoDB calls and write units per request, ${await machine()}\n`);
console.log(markdownTable(['request', 'calls', 'read', 'by operation', 'write units', 'target'], rows));
