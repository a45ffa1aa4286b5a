import { amsterdamDate } from '../dutch-time.js';
import type { Municipality, Registry, Round } from '../model.js';

/**
 * Which municipalities a round is for. A round covers some regions; of their municipalities it includes
 * every one that existed at some moment between the round's opening and its deadline (Dutch dates).
 *
 * That is what keeps a municipal merger from losing or hiding anything: the merged municipalities stay in
 * the registry with their last day (`activeUntil`), so every round that ran while they existed still
 * lists them with their submissions, drafts and working links; the new municipality (`activeFrom`) joins
 * the rounds that are still open on its first day and every later one. A round that spans the merger date
 * lists both, and nobody's answers disappear from it.
 */

/** An ISO timestamp → the date it is in the Netherlands, `2026-12-31`. */
export function dutchDate(isoTimestamp: string): string {
  const parsed = new Date(isoTimestamp);
  return Number.isNaN(parsed.getTime()) ? isoTimestamp.slice(0, 10) : amsterdamDate(parsed);
}

/** Whether the municipality exists on a (Dutch) date. */
export function existsOn(municipality: Municipality, date: string): boolean {
  return (
    (municipality.activeFrom === undefined || municipality.activeFrom <= date) &&
    (municipality.activeUntil === undefined || municipality.activeUntil >= date)
  );
}

/** Whether a municipality is one of the round's: in one of its regions, and existing while it ran. */
export function takesPart(
  municipality: Municipality,
  round: Pick<Round, 'regions' | 'opensAt' | 'deadline'>,
) {
  return (
    round.regions.includes(municipality.region) &&
    (municipality.activeFrom === undefined || municipality.activeFrom <= dutchDate(round.deadline)) &&
    (municipality.activeUntil === undefined || municipality.activeUntil >= dutchDate(round.opensAt))
  );
}

/** The round's municipalities, in registry order. */
export function roundMunicipalities(
  registry: Pick<Registry, 'municipalities'>,
  round: Pick<Round, 'regions' | 'opensAt' | 'deadline'>,
): Municipality[] {
  return registry.municipalities.filter((municipality) => takesPart(municipality, round));
}
