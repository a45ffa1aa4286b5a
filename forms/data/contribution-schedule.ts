import { codePointOrder } from '../order.js';
/**
 * The national own-contribution schedule for displaced persons from Ukraine in municipal reception
 * (Regeling opvang ontheemden Oekraïne / Tijdelijke wet opvang ontheemden Oekraïne), per adult per month.
 * Data, not code: a new schedule is one more row. Sources in ../shared/DOMAIN.md.
 */
export interface ContributionRate {
  /** ISO date from which the amounts apply. */
  readonly effectiveFrom: string;
  /** Operating costs and utilities (exploitatie, nutsvoorzieningen), euro per adult per month. */
  readonly operatingCosts: number;
  /** Catering, euro per adult per month, only where the location provides catering. */
  readonly catering: number;
  /** Maximum per household per month, where the schedule sets one. */
  readonly householdMaximum?: number;
  /** True where the date comes from a single secondary source. */
  readonly toConfirm?: boolean;
}

export const contributionSchedule: readonly ContributionRate[] = [
  { effectiveFrom: '2024-07-01', operatingCosts: 105.0, catering: 242.48 },
  { effectiveFrom: '2025-01-01', operatingCosts: 105.0, catering: 252.18, toConfirm: true },
  { effectiveFrom: '2025-10-01', operatingCosts: 244.22, catering: 252.18, householdMaximum: 992.8 },
];

/** The schedule in force on a date, or undefined before the first one. */
export function rateOn(isoDate: string, schedule: readonly ContributionRate[] = contributionSchedule) {
  return [...schedule]
    .sort((a, b) => codePointOrder(a.effectiveFrom, b.effectiveFrom))
    .filter((rate) => rate.effectiveFrom <= isoDate)
    .at(-1);
}
