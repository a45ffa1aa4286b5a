import {
  type compileSummary,
  readSummaryInputs,
  summaryModelOf,
} from '../../functions/core/compile-summaries.js';
import type { Registry } from '../../functions/core/model.js';
import { summaryAttachments } from '../../functions/core/summary-csv.js';
import { figureAttachments } from '../../functions/core/summary-figures-csv.js';
import { renderSummaryEmail } from '../../functions/emails/summary-email.js';

type Deps = Parameters<typeof compileSummary>[0];
type Input = Parameters<typeof compileSummary>[1] & { registry: Registry };

/**
 * bench:summary's breakdown: the steps of compileSummary (compile-summaries.ts) one after the other, each
 * timed — the reads (at once, as there), the model (aggregation of the round, its regions and the earlier
 * rounds, the trends), the CSV attachments, the HTML and text. The same calls as compileSummary makes.
 */
export async function summarySteps(deps: Deps, input: Input): Promise<[string, number][]> {
  const times: [string, number][] = [];
  const step = <T>(name: string, run: () => T): T => {
    const started = performance.now();
    const result = run();
    times.push([name, performance.now() - started]);
    return result;
  };
  const started = performance.now();
  const read = await readSummaryInputs(deps.store, input);
  times.push(['reading (all at once)', performance.now() - started]);
  const model = step('the model: aggregation, regions, earlier rounds, trends', () =>
    summaryModelOf(input, read, deps.clock.now()),
  );
  const attachments = step('CSV attachments', () => [
    ...summaryAttachments(
      model.aggregate,
      read.current.filter((version) => version.formId === input.round.formId),
    ),
    ...figureAttachments(model.aggregate, model.trends),
  ]);
  step('HTML and text', () =>
    renderSummaryEmail(model, {
      recipientLabel: 'Provincie',
      contact: undefined,
      dashboardUrl: input.dashboardUrl,
      attachments,
    }),
  );
  return times;
}
