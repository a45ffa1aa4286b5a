import { type KnownAsylumTargets, knownAsylumTargets } from '../../forms/data/known-targets.js';
import { dutchOrder } from '../../forms/order.js';
import type { Registry } from '../core/model.js';
import type { Store } from '../core/ports.js';
import type { AsylumTargets, HousingTargets, Targets } from '../core/targets/model.js';
import { targetsKey } from '../core/targets/model.js';

/**
 * The targets a local run starts with: the known figures (forms/data/known-targets.ts) and, for every other
 * municipality of the province, DEMO shares generated so that all shares add up exactly to the provincial
 * task (and the AMV shares to its AMV places); plus DEMO statushouders tasks for the current and the previous
 * half year. Every generated figure has status `demo`, and the pages, the summary and the exports say so.
 * The real shares are in the Staatscourant of 31 January 2024: provincial staff import them on
 * /staf/taakstellingen, which makes a new revision.
 */

/**
 * How the demo figures are spread: roughly each municipality's population in thousands, the way the
 * Spreidingswet spreads places (by population and socio-economic status). Only weights for demo data.
 */
const demoWeights: Readonly<Record<string, number>> = {
  GM0141: 74, // Almelo
  GM0147: 24, // Borne
  GM0148: 29, // Dalfsen
  GM0150: 102, // Deventer
  GM0153: 161, // Enschede
  GM0158: 24, // Haaksbergen
  GM0160: 62, // Hardenberg
  GM0163: 36, // Hellendoorn
  GM0164: 82, // Hengelo
  GM0166: 55, // Kampen
  GM0168: 23, // Losser
  GM0173: 32, // Oldenzaal
  GM0175: 18, // Ommen
  GM0177: 38, // Raalte
  GM0180: 17, // Staphorst
  GM0183: 21, // Tubbergen
  GM0189: 25, // Wierden
  GM0193: 130, // Zwolle
  GM1700: 34, // Twenterand
  GM1708: 44, // Steenwijkerland
  GM1735: 35, // Hof van Twente
  GM1742: 39, // Rijssen-Holten
  GM1773: 18, // Olst-Wijhe
  GM1774: 26, // Dinkelland
  GM1896: 23, // Zwartewaterland
};

/** Splits a whole number over weights so the parts add up to it exactly (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left-- <= 0) break;
    parts[index]! += 1;
  }
  return parts;
}

const weightOf = (code: string) => demoWeights[code] ?? 20;

/** The known shares and DEMO shares for the rest of the province, adding up to the task exactly. */
export function demoAsylumTargets(known: KnownAsylumTargets, registry: Registry, now: Date): AsylumTargets {
  const regions = new Set(registry.regions.filter((r) => r.province === known.province).map((r) => r.id));
  const municipalities = registry.municipalities.filter((m) => regions.has(m.region));
  const knownShares = known.shares.filter((share) =>
    municipalities.some((m) => m.code === share.municipality),
  );
  // The AMV part of a known share is not known: the provincial ratio (about 8.5 %), like the other shares.
  const amvRatio = known.task.amvPlaces / known.task.places;
  const fixed = knownShares.map((share) => {
    const amv = Math.round(share.places * amvRatio);
    return { municipality: share.municipality, regular: share.places - amv, amv, status: share.status };
  });
  const rest = municipalities.filter((m) => !knownShares.some((share) => share.municipality === m.code));
  const weights = rest.map((m) => weightOf(m.code));
  const places = apportion(known.task.places - fixed.reduce((t, s) => t + s.regular + s.amv, 0), weights);
  const amv = apportion(known.task.amvPlaces - fixed.reduce((t, s) => t + s.amv, 0), weights);
  const generated = rest.map((m, index) => ({
    municipality: m.code,
    regular: places[index]! - amv[index]!,
    amv: amv[index]!,
    status: 'demo' as const,
  }));
  return {
    kind: 'spreiding',
    province: known.province,
    cycle: known.cycle,
    effectiveFrom: known.effectiveFrom,
    revision: 1,
    task: known.task,
    shares: [...fixed, ...generated].sort((a, b) => dutchOrder(a.municipality, b.municipality)),
    source: `${known.source}. DEMO: de aandelen van de overige gemeenten zijn verzonnen (naar inwonertal verdeeld zodat ze optellen tot de provinciale taak); de echte staan in de Staatscourant van 31 januari 2024`,
    publishedAt: now.toISOString(),
    publishedBy: 'seed',
    importId: `seed-spreiding-${known.province}-${known.cycle}`,
  };
}

/** `2026-H2` for a date in July–December 2026. */
export function halfYearOf(date: Date): string {
  return `${date.getUTCFullYear()}-H${date.getUTCMonth() < 6 ? 1 : 2}`;
}

export function previousHalfYear(period: string): string {
  const [year, half] = [Number(period.slice(0, 4)), period.slice(-1)];
  return half === '2' ? `${year}-H1` : `${year - 1}-H2`;
}

/** DEMO statushouders tasks of a province for a half year: about 1,300 persons spread by the weights. */
export function demoHousingTargets(
  province: string,
  period: string,
  registry: Registry,
  now: Date,
): HousingTargets {
  const regions = new Set(registry.regions.filter((r) => r.province === province).map((r) => r.id));
  const municipalities = registry.municipalities.filter((m) => regions.has(m.region));
  const tasks = apportion(
    1300,
    municipalities.map((m) => weightOf(m.code)),
  );
  return {
    kind: 'huisvesting',
    province,
    period,
    revision: 1,
    tasks: municipalities
      .map((m, index) => ({ municipality: m.code, task: tasks[index]!, status: 'demo' as const }))
      .sort((a, b) => dutchOrder(a.municipality, b.municipality)),
    source: 'DEMO: verzonnen taakstellingen (naar inwonertal verdeeld), niet de echte van de provincie',
    publishedAt: now.toISOString(),
    publishedBy: 'seed',
    importId: `seed-huisvesting-${province}-${period}`,
  };
}

/**
 * Publishes the seed targets as revision 1 where a province has nothing yet for that cycle or half year
 * (a conditional write: restarts and concurrent starts change nothing, and an import is never overwritten).
 */
export async function seedTargets(store: Store, registry: Registry, now: Date): Promise<void> {
  const seeds: Targets[] = [];
  for (const known of knownAsylumTargets) {
    if (registry.provinces.some((province) => province.id === known.province))
      seeds.push(demoAsylumTargets(known, registry, now));
  }
  const period = halfYearOf(now);
  for (const province of registry.provinces) {
    for (const half of [previousHalfYear(period), period])
      seeds.push(demoHousingTargets(province.id, half, registry, now));
  }
  const nonEmpty = seeds.filter((targets) =>
    targets.kind === 'spreiding' ? targets.shares.length > 0 : targets.tasks.length > 0,
  );
  for (const province of new Set(nonEmpty.map((targets) => targets.province))) {
    const existing = await store.listTargets(province);
    for (const targets of nonEmpty.filter((candidate) => candidate.province === province)) {
      const taken = existing.some(
        (candidate) => candidate.kind === targets.kind && targetsKey(candidate) === targetsKey(targets),
      );
      if (!taken) await store.putTargets(targets);
    }
  }
}
