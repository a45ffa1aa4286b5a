import { type ContributionRate, rateOn } from '../../../forms/data/contribution-schedule.js';
import type { FormDefinition } from '../../../forms/definition.js';
import { formatDate, formatMoney } from '../../../forms/format.js';
import { dutchOrder } from '../../../forms/order.js';
import {
  booleanOf,
  cents,
  fieldOf,
  groupOf,
  numberOf,
  percent,
  rowFieldOf,
  rowsOf,
  stringOf,
  sum,
} from './read.js';
import type {
  AdultCounts,
  Deviation,
  EigenBijdrageAggregate,
  EigenBijdrageMunicipality,
  Submitted,
} from './types.js';

/** Revenue more than this fraction above or below the expected revenue is flagged. */
export const defaultRevenueTolerance = 0.25;

/** Adults with a partial contribution are expected to pay this fraction of the full amount. */
export const partialContributionFraction = 0.5;

/**
 * The monthly revenue a municipality's adults lead one to expect, from the national amounts in force on the
 * reference date (never from the amounts the municipality reports, which may deviate):
 *
 *   per adult = operating costs + catering (catering only if any of the municipality's locations has it)
 *   expected  = full adults × per adult + partial adults × 50 % × per adult
 *
 * A partial contribution lies between nothing and the full amount (income between the thresholds), so half
 * is the middle estimate. Adults with maatwerk are left out: their amount is decided case by case. Catering
 * is counted for every adult as soon as one location has catering, so with mixed locations the expectation
 * is on the high side; the tolerance (25 %) absorbs part of that and the flag is a question, not a verdict.
 */
export function expectedRevenue(
  rate: ContributionRate,
  adults: { full: number; partial: number },
  hasCatering: boolean,
): number {
  const perAdult = rate.operatingCosts + (hasCatering ? rate.catering : 0);
  return cents(adults.full * perAdult + adults.partial * partialContributionFraction * perAdult);
}

/** 38.6 → `38,6 %`. */
const percentText = (value: number) => `${String(value).replace('.', ',')} %`;

function deviations(
  rate: ContributionRate | undefined,
  row: Pick<
    EigenBijdrageMunicipality,
    'collects' | 'amountOperatingCosts' | 'amountCatering' | 'scheduleApplied' | 'monthlyRevenue'
  >,
  expected: number | null,
  tolerance: number,
): Deviation[] {
  if (!rate || !row.collects) return [];
  const found: Deviation[] = [];
  const amount = (
    kind: 'operating-costs' | 'catering',
    field: string,
    reported: number | null,
    national: number,
    what: string,
  ) => {
    if (reported === null || Math.abs(reported - national) <= 0.005) return;
    found.push({
      kind,
      field,
      reported,
      expected: national,
      message: `Het bedrag voor ${what} (${formatMoney(reported)}) wijkt af van het landelijke bedrag op de peildatum (${formatMoney(national)}).`,
    });
  };
  amount(
    'operating-costs',
    'amountOperatingCosts',
    row.amountOperatingCosts,
    rate.operatingCosts,
    'exploitatie en nutsvoorzieningen',
  );
  amount('catering', 'amountCatering', row.amountCatering, rate.catering, 'catering');
  if (row.scheduleApplied !== null && row.scheduleApplied !== rate.effectiveFrom) {
    found.push({
      kind: 'schedule',
      field: 'scheduleApplied',
      reported: row.scheduleApplied,
      expected: rate.effectiveFrom,
      message: `Past de bedragen vanaf ${formatDate(row.scheduleApplied)} toe; op de peildatum gelden die vanaf ${formatDate(rate.effectiveFrom)}.`,
    });
  }
  const revenue = row.monthlyRevenue;
  if (revenue !== null && expected !== null) {
    // Compared in cents, so a figure exactly on the edge of the tolerance is not flagged by rounding noise.
    const far =
      expected === 0 ? revenue > 0 : cents(Math.abs(revenue - expected)) > cents(tolerance * expected);
    if (far) {
      found.push({
        kind: 'revenue',
        field: 'monthlyRevenue',
        reported: revenue,
        expected,
        message:
          expected === 0
            ? `Er is een opbrengst gemeld (${formatMoney(revenue)} per maand), maar geen volwassenen die een volledige of gedeeltelijke bijdrage betalen.`
            : `De opbrengst (${formatMoney(revenue)} per maand) is ${percentText(percent(revenue, expected)!)} van de verwachte opbrengst (${formatMoney(expected)}).`,
      });
    }
  }
  return found;
}

function addAdults(counts: readonly AdultCounts[]): AdultCounts {
  const full = sum(counts.map((c) => c.full));
  const partial = sum(counts.map((c) => c.partial));
  const custom = sum(counts.map((c) => c.custom));
  return { full, partial, custom, charged: full + partial + custom };
}

/**
 * Eigen bijdrage: who collects since when and under which schedule, the adults charged (full, partial,
 * maatwerk), revenue against the expected revenue, and deviations from the national schedule in force on
 * the round's reference date.
 */
export function aggregateEigenBijdrage(
  definition: FormDefinition,
  submitted: readonly Submitted[],
  referenceDate: string,
  options: { revenueTolerance?: number; schedule?: readonly ContributionRate[] } = {},
): EigenBijdrageAggregate {
  const tolerance = options.revenueTolerance ?? defaultRevenueTolerance;
  const rate = options.schedule ? rateOn(referenceDate, options.schedule) : rateOn(referenceDate);
  const field = (key: string) => fieldOf(definition, key);
  const collects = field('collects');
  const collectingSince = field('collectingSince');
  const scheduleApplied = field('scheduleApplied');
  const amountOperatingCosts = field('amountOperatingCosts');
  const amountCatering = field('amountCatering');
  const incomeVerification = field('incomeVerification');
  const executedBy = field('executedBy');
  const executorName = field('executorName');
  const adultsFull = field('adultsFull');
  const adultsPartial = field('adultsPartial');
  const adultsCustom = field('adultsCustom');
  const monthlyRevenue = field('monthlyRevenue');
  const locations = groupOf(definition, 'locations');
  const capacity = rowFieldOf(locations, 'capacity');
  const catering = rowFieldOf(locations, 'catering');
  const residents = rowFieldOf(locations, 'residents');

  const municipalities = submitted.map(({ municipality, version }): EigenBijdrageMunicipality => {
    const answers = version.answers;
    const rows = rowsOf(answers, locations);
    const isCollecting = booleanOf(collects, answers) === true;
    const full = numberOf(adultsFull, answers) ?? 0;
    const partial = numberOf(adultsPartial, answers) ?? 0;
    const custom = numberOf(adultsCustom, answers) ?? 0;
    const hasCatering = rows.some((row) => booleanOf(catering, row) === true);
    const revenue = numberOf(monthlyRevenue, answers) ?? null;
    const expected = isCollecting && rate ? expectedRevenue(rate, { full, partial }, hasCatering) : null;
    const row = {
      collects: isCollecting,
      scheduleApplied: stringOf(scheduleApplied, answers) ?? null,
      amountOperatingCosts: numberOf(amountOperatingCosts, answers) ?? null,
      amountCatering: numberOf(amountCatering, answers) ?? null,
      monthlyRevenue: revenue,
    };
    return {
      ...municipality,
      version: version.version,
      ...row,
      collectingSince: stringOf(collectingSince, answers) ?? null,
      incomeVerification: stringOf(incomeVerification, answers) ?? null,
      executedBy: stringOf(executedBy, answers) ?? null,
      executorName: stringOf(executorName, answers) ?? null,
      locations: rows.length,
      capacity: sum(rows.map((r) => numberOf(capacity, r) ?? 0)),
      residents: sum(rows.map((r) => numberOf(residents, r) ?? 0)),
      hasCatering,
      adults: { full, partial, custom, charged: full + partial + custom },
      expectedRevenue: expected,
      revenuePercentOfExpected: revenue !== null && expected !== null ? percent(revenue, expected) : null,
      deviations: deviations(rate, row, expected, tolerance),
    };
  });

  const collecting = municipalities.filter((m) => m.collects);
  const withRevenue = collecting.filter((m) => m.monthlyRevenue !== null && m.expectedRevenue !== null);
  const revenue = cents(sum(withRevenue.map((m) => m.monthlyRevenue!)));
  const expected = cents(sum(withRevenue.map((m) => m.expectedRevenue!)));
  const schedules = [...new Set(collecting.map((m) => m.scheduleApplied))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : dutchOrder(a, b),
  );

  return {
    kind: 'eigen-bijdrage',
    scheduleInForce: rate ?? null,
    revenueTolerance: tolerance,
    municipalities,
    bySchedule: schedules.map((schedule) => ({
      scheduleApplied: schedule,
      municipalities: collecting.filter((m) => m.scheduleApplied === schedule).length,
    })),
    totals: {
      collecting: collecting.length,
      notCollecting: municipalities.length - collecting.length,
      adults: addAdults(municipalities.map((m) => m.adults)),
      locations: sum(municipalities.map((m) => m.locations)),
      capacity: sum(municipalities.map((m) => m.capacity)),
      residents: sum(municipalities.map((m) => m.residents)),
      monthlyRevenue: revenue,
      expectedRevenue: expected,
      revenuePercentOfExpected: percent(revenue, expected),
      revenueReported: withRevenue.length,
      withDeviations: municipalities.filter((m) => m.deviations.length > 0).length,
    },
  };
}
