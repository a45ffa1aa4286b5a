/**
 * DynamoDB calls and write units per request (issue 14, items 2 and 3): the handlers run in this process
 * against dynalite through a logging proxy (support/dynamodb-meter.ts) that counts every call and bills
 * each write as DynamoDB would, table and indexes (dynalite itself reports table units only). Each request
 * is measured warm, as the second of its kind in the container (the first in a container also reads the
 * link signing key once); the write units are those of an amendment of about 1 KB of answers, whose
 * confirmation email goes out at once.
 *
 *   npm run bench:requests
 */
import './support/quiet.js';
import type { Context } from 'aws-lambda';
import { totalWriteUnits } from './support/dynamodb-meter.js';
import { startScenario } from './support/scenario.js';
import { machine, markdownTable } from './support/stats.js';

const scenario = await startScenario({ meter: true });
const meter = scenario.meter!;
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

type Handler = (event: never, context: Context) => Promise<{ statusCode?: number }>;
const handlers: Record<string, () => Promise<{ handler: Handler }>> = {
  'show-form': () => import('../functions/http/handlers/show-form.js') as never,
  'submit-form': () => import('../functions/http/handlers/submit-form.js') as never,
  'show-confirmation': () => import('../functions/http/handlers/show-confirmation.js') as never,
};

/** What the issue asks of a warm request. */
const targets: Record<string, { calls: number; writeUnits?: number }> = {
  'show-form': { calls: 3 },
  'submit-form': { calls: 7, writeUnits: 8 },
};

const rows: string[][] = [];
try {
  for (const [id, load] of Object.entries(handlers)) {
    const { handler } = await load();
    for (const when of ['first', 'warm'] as const) {
      const event = await scenario.event(id);
      meter.reset();
      // The first only warms the container up.
      const result = await handler(event as never, context);
      if ((result.statusCode ?? 200) >= 400) throw new Error(`${id} answered ${result.statusCode}`);
      if (when === 'first') continue;
      const calls = meter.calls();
      if (process.env.BENCH_VERBOSE) {
        for (const call of calls)
          console.log(
            `${id}: ${call.operation} ${call.target} (${call.tableUnits}${Object.entries(call.indexUnits)
              .map(([index, n]) => ` + ${index} ${n}`)
              .join('')})`,
          );
      }
      const byOperation = new Map<string, number>();
      for (const call of calls) byOperation.set(call.operation, (byOperation.get(call.operation) ?? 0) + 1);
      const units = totalWriteUnits(calls);
      const target = targets[id];
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
        id,
        String(calls.length),
        [...byOperation].map(([operation, n]) => `${n} ${operation}`).join(', '),
        `${units.total} (table ${units.table}${Object.entries(units.indexes)
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
console.log(markdownTable(['request', 'calls', 'by operation', 'write units', 'target'], rows));
