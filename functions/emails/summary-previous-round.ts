import { labelled } from '../../forms/format.js';
import { html } from '../../forms/render/html.js';
import type { RoundAggregate } from '../core/aggregation/types.js';
import { h2, list, type Part, p, part, textTitle } from './summary-blocks.js';
import { count, listNames, shorten } from './summary-format.js';

/** Changes named per municipality in a region's summary; the rest are counted. */
const shownChanges = 3;

/**
 * What changed since the previous round of the form (the round is one of a cycle): in a region's summary
 * per municipality how many answers changed and the first few (was → is now); in a province's summary per
 * region how many municipalities changed something — never a row per municipality there. Null when there
 * is no previous round.
 */
export function previousRoundPart(aggregate: RoundAggregate): Part | null {
  const since = aggregate.sincePreviousRound;
  if (!since) return null;
  const title = `Wat is er veranderd sinds de vorige ronde (${since.round.title})`;
  const changed = since.municipalities.filter((m) => m.changes.length > 0);
  const unchanged = since.municipalities.filter((m) => m.changes.length === 0);
  if (since.municipalities.length === 0 && since.newSince.length === 0) {
    const none = 'Nog geen gemeente heeft in beide rondes ingezonden.';
    return part(html`${h2(title)}${p(none)}`, [...textTitle(title), none]);
  }
  const lines: string[] = [];
  if (aggregate.scope.type === 'region') {
    for (const m of changed) {
      const first = m.changes
        .slice(0, shownChanges)
        .map((change) => shorten(labelled(change.label, `${change.before} → ${change.after}`), 120));
      const more = m.changes.length > shownChanges ? `; en ${m.changes.length - shownChanges} meer` : '';
      lines.push(
        `${m.name}: ${count(m.changes.length, 'antwoord', 'antwoorden')} gewijzigd — ${first.join('; ')}${more}`,
      );
    }
    if (unchanged.length > 0) lines.push(`Ongewijzigd: ${listNames(unchanged.map((m) => m.name))}`);
    if (since.newSince.length > 0)
      lines.push(`Niet ingezonden in de vorige ronde: ${listNames(since.newSince.map((m) => m.name))}`);
  } else {
    for (const region of aggregate.scope.regions) {
      const both = since.municipalities.filter((m) => m.region === region.id);
      if (both.length === 0) continue;
      const regionChanged = both.filter((m) => m.changes.length > 0).length;
      lines.push(
        `${region.name}: ${regionChanged} gewijzigd, ${both.length - regionChanged} ongewijzigd (in beide rondes ingezonden: ${count(both.length, 'gemeente', 'gemeenten')})`,
      );
    }
    if (since.newSince.length > 0)
      lines.push(
        `${count(since.newSince.length, 'gemeente zond', 'gemeenten zonden')} in de vorige ronde niets in.`,
      );
  }
  const intro =
    'Vergeleken met de laatst ingezonden versie van iedere gemeente in de vorige ronde; wie invulde en het halfjaar tellen niet als wijziging.';
  return part(html`${h2(title)}${p(intro, 'small')}${list(lines)}`, [
    ...textTitle(title),
    intro,
    ...lines.map((line) => `- ${line}`),
  ]);
}
