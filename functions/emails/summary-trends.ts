import { formatDate, formatInteger } from '../../forms/format.js';
import { html } from '../../forms/render/html.js';
import type { AreaTrend, RoundTrends, TrendPoint } from '../core/aggregation/trends.js';
import { h2, link, list, type Part, p, part, textTitle } from './summary-blocks.js';

/**
 * The trend block of a summary, right after the headline: the rounds of the form up to this one, named
 * once, and per region (and for the province) one line with committed, realised, the task and how many
 * reported in each round. One line per area, never per municipality — what changed per municipality is in
 * the attachment and on the round page — so a province's summary grows with its regions. Null for a
 * first round (nothing to compare with) or a form without places against a task.
 */

/** `650 → 640 → 910`; a round the area did not take part in is `—`; the same figure throughout once. */
function sequence(points: readonly (TrendPoint | null)[], pick: (point: TrendPoint) => number): string {
  const figures = points.map((point) => (point ? formatInteger(pick(point)) : '—'));
  return figures.every((figure) => figure === figures[0]) ? figures[0]! : figures.join(' → ');
}

/**
 * The task changes only with a new cycle (or a corrected publication): `3.140` when it held throughout,
 * else each value from the round it started in, `2.887, vanaf Stand juni 2026 3.140`.
 */
function taskRuns(points: readonly (TrendPoint | null)[], rounds: RoundTrends['rounds']): string {
  const figures = points.map((point) => (point ? formatInteger(point.task) : '—'));
  return figures
    .flatMap((figure, index) =>
      index === 0
        ? [figure]
        : figure === figures[index - 1]
          ? []
          : [`vanaf ${rounds[index]!.title} ${figure}`],
    )
    .join(', ');
}

function areaLine(area: AreaTrend, rounds: RoundTrends['rounds']): { label: string; figures: string } {
  const label = area.type === 'province' ? `Provincie ${area.name}` : area.name;
  const last = area.points.at(-1);
  const reported = `ingezonden ${sequence(area.points, (point) => point.reported)}${last ? ` van ${formatInteger(last.municipalities)}` : ''}`;
  // Who reported comes first: a sum that falls because fewer municipalities reported is no decline.
  return {
    label: `${label} (${reported})`,
    figures: `toegezegd ${sequence(area.points, (point) => point.committed)}; gerealiseerd ${sequence(area.points, (point) => point.realised)}; taak ${taskRuns(area.points, rounds)}`,
  };
}

/** `Stand juni 2026 (1 juni 2026)`; a title that names its reference date already stays as it is. */
export function roundName(round: RoundTrends['rounds'][number]): string {
  const date = formatDate(round.referenceDate);
  return round.title.includes(date) ? round.title : `${round.title} (${date})`;
}

export function trendPart(trends: RoundTrends | null, roundUrl?: string): Part | null {
  if (!trends || trends.rounds.length < 2) return null;
  const title = 'Verloop over de rondes';
  const rounds = `Rondes: ${trends.rounds.map(roundName).join(' → ')}.`;
  const lines = trends.areas.map((area) => areaLine(area, trends.rounds));
  const note =
    'Regulier en AMV samen; per ronde de laatst ingezonden versie van elke gemeente, tegen de taak van die ronde (de aandelen van de cyclus op de peildatum; voor de provincie de provinciale taak).';
  const detail = roundUrl ? `${roundUrl}#verloop` : undefined;
  const where = 'De verschillen per gemeente staan in de bijlage (verloop) en op het overzicht van de ronde';
  return part(
    html`${h2(title)}${p(rounds)}${list(lines.map((line) => html`<strong>${line.label}</strong>: ${line.figures}`))}${p(
      html`${note} ${where}${detail ? html`: ${link(detail, 'verloop per gemeente')}` : ''}.`,
      'small',
    )}`,
    [
      ...textTitle(title),
      rounds,
      ...lines.map((line) => `- ${line.label}: ${line.figures}`),
      `${note} ${where}${detail ? `: ${detail}` : ''}.`,
    ],
  );
}
