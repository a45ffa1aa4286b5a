import { stringify } from 'csv-stringify/sync';
import { trendComparison } from '../emails/summary-format.js';
import type { RoundTrends } from './aggregation/trends.js';
import type { MunicipalityRef, RoundAggregate, VoortgangAggregate } from './aggregation/types.js';
import {
  blankIfNull,
  type Cell,
  type CsvColumnDescription,
  type CsvDialect,
  csvOptions,
  dialects,
} from './csv-format.js';
import { shareFigureCells, sharesColumns, sharesTable } from './export-shares.js';
import type { SummaryAttachment } from './summary-csv.js';
import { summaryFilename } from './summary-csv.js';

/**
 * The figure attachments of a voortgang summary, next to the answers (summary-csv.ts): ONE ROW PER
 * MUNICIPALITY in scope each, in the dialect and with the formula-safe cells of the other attachments.
 *
 * - `aandelen`: its published indicative share against what it committed and realised, and what is still
 *   to realise — the columns of the export's `tabel=aandelen` (export-shares.ts), from the same aggregate
 *   the email's figures come from;
 * - `verloop` (from the second round of the form on): what it committed and realised now, in the round it is
 *   compared with (its previous round, or the last one it submitted in), and the difference
 *   (core/aggregation/trends.ts) — what the email leaves out to stay one line per region.
 */

const leading: readonly CsvColumnDescription[] = [
  { key: 'gemeente_code', header: 'Gemeentecode' },
  { key: 'gemeente', header: 'Gemeente' },
  { key: 'regio', header: 'Regio' },
];

export const sharesAttachmentColumns: readonly CsvColumnDescription[] = [
  ...leading,
  { key: 'ingezonden', header: 'Ingezonden' },
  ...sharesColumns.map(({ key, header }) => ({ key, header })),
];

export const trendAttachmentColumns: readonly CsvColumnDescription[] = [
  ...leading,
  { key: 'vergeleken_met', header: 'Vergeleken met' },
  { key: 'vorige_ronde', header: 'Ronde vergeleken' },
  { key: 'aandeel_vorige', header: 'Aandeel vorige ronde' },
  { key: 'aandeel_nu', header: 'Aandeel nu' },
  { key: 'toegezegd_vorige', header: 'Toegezegd toen' },
  { key: 'toegezegd_nu', header: 'Toegezegd nu' },
  { key: 'toegezegd_verschil', header: 'Verschil toegezegd' },
  { key: 'gerealiseerd_vorige', header: 'Gerealiseerd toen' },
  { key: 'gerealiseerd_nu', header: 'Gerealiseerd nu' },
  { key: 'gerealiseerd_verschil', header: 'Verschil gerealiseerd' },
];

function write(dialect: CsvDialect, columns: readonly CsvColumnDescription[], rows: readonly Cell[][]) {
  return stringify(
    [columns.map((column) => column.header), ...rows],
    csvOptions(
      dialects[dialect],
      columns.map(() => false),
    ),
  );
}

/** Gemeentecode, Gemeente, Regio (by name) for each municipality. */
function leadingCells(aggregate: RoundAggregate): (m: MunicipalityRef) => Cell[] {
  const region = new Map(aggregate.scope.regions.map((entry) => [entry.id, entry.name]));
  return (m) => [m.code, m.name, region.get(m.region) ?? m.region];
}

function sharesRows(aggregate: RoundAggregate, form: VoortgangAggregate): Cell[][] {
  const lead = leadingCells(aggregate);
  return form.municipalities.map((m) => [
    ...lead(m),
    m.reported ? 'ja' : 'nee',
    ...shareFigureCells({
      targets: form.targets,
      status: m.shareStatus,
      regular: m.regular,
      amv: m.amv,
      total: m.total,
    }),
  ]);
}

function trendRows(aggregate: RoundAggregate, trends: RoundTrends): Cell[][] {
  const lead = leadingCells(aggregate);
  return trends.municipalities.map((m) => [
    ...lead(m),
    trendComparison(m),
    m.comparedWith?.id ?? '',
    blankIfNull(m.share.before),
    blankIfNull(m.share.now),
    blankIfNull(m.committed.before),
    blankIfNull(m.committed.now),
    blankIfNull(m.committed.change),
    blankIfNull(m.realised.before),
    blankIfNull(m.realised.now),
    blankIfNull(m.realised.change),
  ]);
}

/** The figure attachments of a summary (none for a form without places against a task). */
export function figureAttachments(
  aggregate: RoundAggregate,
  trends: RoundTrends | null,
  options: { dialect?: CsvDialect } = {},
): SummaryAttachment[] {
  const form = aggregate.form;
  if (form?.kind !== 'voortgang-opgaven') return [];
  const dialect = options.dialect ?? 'excel-nl';
  const contentType = 'text/csv; charset=utf-8';
  const attachments: SummaryAttachment[] = [
    {
      filename: summaryFilename(aggregate, sharesTable),
      contentType,
      content: write(dialect, sharesAttachmentColumns, sharesRows(aggregate, form)),
    },
  ];
  if (trends && trends.rounds.length > 1) {
    attachments.push({
      filename: summaryFilename(aggregate, 'verloop'),
      contentType,
      content: write(dialect, trendAttachmentColumns, trendRows(aggregate, trends)),
    });
  }
  return attachments;
}
