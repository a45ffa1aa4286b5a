import { formatDecimal, formatInteger } from '../../forms/format.js';
import type { MunicipalityTrend } from '../core/aggregation/trends.js';
import type { MunicipalityRef, RoundAggregate } from '../core/aggregation/types.js';
import { dutchDate } from '../core/registry/membership.js';

/** Dutch wording shared by the summary email, its CSV files and the dashboard. */

/** The calendar day of an ISO timestamp in Dutch time, as an ISO date (`2026-11-27`). */
export function summaryDate(isoTimestamp: string): string {
  return dutchDate(isoTimestamp);
}

/** `61.1` → `61,1 %`; null (nothing to compare with) → `—`. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${formatDecimal(value, 1)} %`;
}

/** `regio IJsselland` or `provincie Overijssel`. */
export function scopeLabel(aggregate: Pick<RoundAggregate, 'scope'>): string {
  return `${aggregate.scope.type === 'region' ? 'regio' : 'provincie'} ${aggregate.scope.name}`;
}

/** `1 gemeente`, `3 gemeenten`. */
export function count(n: number, one: string, many: string): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** `Ommen` in a region summary, `Ommen (IJsselland)` in a province summary. */
export function nameIn(aggregate: Pick<RoundAggregate, 'scope'>, municipality: MunicipalityRef): string {
  if (aggregate.scope.type === 'region') return municipality.name;
  const region = aggregate.scope.regions.find((candidate) => candidate.id === municipality.region);
  return region ? `${municipality.name} (${region.name})` : municipality.name;
}

/**
 * A long answer cut to about `max` characters at a word boundary, with an ellipsis: the summary quotes,
 * the CSV attachment and the dashboard have the whole text.
 */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')} …`;
}

/** Names in a sentence: `Dalfsen, Ommen en Raalte`. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} en ${names.at(-1)}`;
}

/** A change between two rounds: `+50`, `−20` (a real minus sign), `0`; null (not known) → `—`. */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  if (change === 0) return '0';
  return `${change > 0 ? '+' : '−'}${formatInteger(Math.abs(change))}`;
}

/** What a municipality's change is measured against, in words (see trends.ts `ChangeKind`). */
export function trendComparison(municipality: Pick<MunicipalityTrend, 'kind' | 'comparedWith'>): string {
  const earlier = municipality.comparedWith ? `‘${municipality.comparedWith.title}’` : undefined;
  switch (municipality.kind) {
    case 'vergeleken':
      return `vorige ronde ${earlier}`;
    case 'eerste-ronde':
      return 'eerste ronde';
    case 'niet-ingezonden-vorige':
      return earlier
        ? `niet ingezonden in vorige ronde; vergeleken met ${earlier}`
        : 'niet ingezonden in vorige ronde';
    case 'niet-ingezonden':
      return earlier ? `nog niet ingezonden in deze ronde; laatst ${earlier}` : 'nog niet ingezonden';
  }
}
