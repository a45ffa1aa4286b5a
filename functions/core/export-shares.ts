import type { FormDefinition } from '../../forms/definition.js';
import type { Field } from '../../forms/field-types.js';
import { readStored, revisionOf, usableAnswers } from '../../forms/revisions.js';
import { fieldOf, numberOf } from './aggregation/read.js';
import type { PlacesFigures } from './aggregation/types.js';
import { places } from './aggregation/voortgang.js';
import { blankIfNull, type Cell } from './csv-format.js';
import type { ColumnDescription } from './export-columns.js';
import type { Municipality, Round, SubmissionVersion } from './model.js';
import {
  asylumTargetsOn,
  type FigureStatus,
  figureStatusLabels,
  noTargets,
  type PublishedTargets,
} from './targets/model.js';

/** The published targets and how to find a municipality's province, for the share cells. */
export interface ShareContext {
  readonly targets: PublishedTargets;
  readonly provinceOf: (region: string) => string;
}

/**
 * The `aandelen` table of an export of a form whose places are measured against the published shares (the
 * voortgang form): one row per municipality and round with its indicative share as published for the
 * round's reference date (cycle, revision, status), what it committed and realised, and what is still to
 * realise — the figures of the dashboard and the summary (aggregation/voortgang.ts), so a spreadsheet
 * shows the task next to the answers. A municipality without a submission has its share and empty figures.
 */

export const sharesTable = 'aandelen';

/** The forms whose aggregation compares places with the published shares. */
const formsWithShares = new Set(['voortgang-opgaven']);

export function usesShares(definition: FormDefinition): boolean {
  return formsWithShares.has(definition.id);
}

export const sharesColumns: readonly ColumnDescription[] = [
  { key: 'cyclus', header: 'Cyclus Spreidingswet', type: 'text' },
  { key: 'aandelen_versie', header: 'Versie aandelen', type: 'number' },
  { key: 'aandeel_status', header: 'Status aandeel', type: 'text' },
  { key: 'aandeel_regulier', header: 'Aandeel regulier', type: 'number' },
  { key: 'aandeel_amv', header: 'Aandeel AMV', type: 'number' },
  { key: 'aandeel_totaal', header: 'Aandeel totaal', type: 'number' },
  { key: 'toegezegd_totaal', header: 'Toegezegd totaal', type: 'number' },
  { key: 'gerealiseerd_totaal', header: 'Gerealiseerd totaal', type: 'number' },
  { key: 'nog_te_realiseren_regulier', header: 'Nog te realiseren regulier', type: 'number' },
  { key: 'nog_te_realiseren_amv', header: 'Nog te realiseren AMV', type: 'number' },
  { key: 'nog_te_realiseren_totaal', header: 'Nog te realiseren totaal', type: 'number' },
];

/** What one row of the {@link sharesColumns} says, whether from an export's version or a summary's aggregate. */
export interface ShareFigures {
  /** The published targets the share comes from (none: no share published for the reference date). */
  readonly targets: { readonly cycle: string; readonly revision: number } | null | undefined;
  /** Where the municipality's share comes from (null: no share published). */
  readonly status: FigureStatus | null;
  readonly regular: PlacesFigures;
  readonly amv: PlacesFigures;
  readonly total: PlacesFigures;
}

/** The cells of the {@link sharesColumns}, in their order: one builder for the export and the summary. */
export function shareFigureCells({ targets, status, regular, amv, total }: ShareFigures): Cell[] {
  return [
    targets?.cycle ?? '',
    targets ? targets.revision : '',
    status ? figureStatusLabels[status] : 'geen aandeel gepubliceerd',
    blankIfNull(regular.share),
    blankIfNull(amv.share),
    blankIfNull(total.share),
    blankIfNull(total.committed),
    blankIfNull(total.realised),
    blankIfNull(regular.remaining),
    blankIfNull(amv.remaining),
    blankIfNull(total.remaining),
  ];
}

/** The share cells of one municipality in one round (the version, if any, read with today's form). */
export function shareCells(
  definition: FormDefinition,
  context: ShareContext | undefined,
  entry: { readonly round: Round; readonly municipality: Municipality; readonly version?: SubmissionVersion },
): Cell[] {
  const asylum = asylumTargetsOn(
    context?.targets ?? noTargets,
    context?.provinceOf(entry.municipality.region) ?? '',
    entry.round.referenceDate,
  );
  const share = asylum?.shares.find((candidate) => candidate.municipality === entry.municipality.code);
  const answers = entry.version
    ? usableAnswers(readStored(definition, entry.version.answers, revisionOf(entry.version)))
    : undefined;
  const n = (key: string) => {
    const field: Field = fieldOf(definition, key);
    return answers ? (numberOf(field, answers) ?? 0) : null;
  };
  const regular = places(share?.regular ?? null, n('regularCommitted'), n('regularRealised'));
  const amv = places(share?.amv ?? null, n('amvCommitted'), n('amvRealised'));
  const both = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  const total = places(
    share ? share.regular + share.amv : null,
    both(regular.committed, amv.committed),
    both(regular.realised, amv.realised),
  );
  return shareFigureCells({ targets: asylum, status: share?.status ?? null, regular, amv, total });
}
