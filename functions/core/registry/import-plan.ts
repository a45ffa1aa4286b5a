import { readExistingDate } from '../../../forms/dutch-date.js';
import { formatDate } from '../../../forms/format.js';
import { dutchOrder } from '../../../forms/order.js';
import { slug } from '../csv-format.js';
import type { Municipality, Province, Region, Registry, RegistryItem, Round } from '../model.js';
import { dutchDate, roundMunicipalities } from './membership.js';
import type { ListedMunicipality } from './municipality-list.js';

/**
 * What a municipality list would change in the registry (`planImport`, pure): the check page shows it,
 * and applying writes exactly these items. The file is the complete list of each province it names, as
 * from its effective date (*ingangsdatum*):
 *
 * - a province or region the registry does not know is added (a regietafel gets its board name; its
 *   addresses and secretariat are filled in on the contacts page afterwards);
 * - a municipality the registry does not know is added — in a province that already existed it is new
 *   from the effective date (a merger forms it), in a new province it simply exists;
 * - a known municipality gets the name, region and (when the file has them) addresses of the file;
 * - a municipality of such a province that the file leaves out has ceased to exist (merged): it keeps
 *   everything and gets the day before the effective date as its last day, so every round that ran while
 *   it existed keeps listing it, with its submissions and working links (see membership.ts).
 *
 * One rule guards "nothing hidden": no change may take a municipality out of a round that has opened.
 * A plan that would is refused with the line to fix (for example a merger dated before a running round
 * opened, or moving a municipality that already took part in rounds to another region).
 */

export type RegistryChange =
  | { readonly type: 'province-added'; readonly province: Province }
  | { readonly type: 'region-added'; readonly region: Region }
  | { readonly type: 'municipality-added'; readonly municipality: Municipality; readonly line: number }
  | {
      readonly type: 'municipality-renamed';
      readonly code: string;
      readonly before: string;
      readonly after: string;
      readonly line: number;
    }
  | {
      readonly type: 'municipality-moved';
      readonly code: string;
      readonly name: string;
      readonly before: string;
      readonly after: string;
      readonly line: number;
    }
  | {
      readonly type: 'contacts-changed';
      readonly code: string;
      readonly name: string;
      readonly before: readonly string[];
      readonly after: readonly string[];
      readonly line: number;
    }
  | {
      readonly type: 'municipality-ended';
      readonly code: string;
      readonly name: string;
      readonly lastDay: string;
    }
  | {
      readonly type: 'municipality-restored';
      readonly code: string;
      readonly name: string;
      readonly line: number;
    };

/** One item to write: what it becomes, and the revision it must still have (0: new). */
export interface RegistryWrite {
  readonly item: RegistryItem;
  readonly expectedRevision: number;
  readonly before?: RegistryItem['value'];
}

/** How the registry's membership of a round changes. */
export interface RoundEffect {
  readonly round: Round;
  readonly joined: readonly Municipality[];
  readonly left: readonly Municipality[];
}

export interface ImportPlan {
  readonly effectiveDate: string;
  /** The provinces the file covers (ids, after the plan). */
  readonly provinces: readonly string[];
  readonly changes: readonly RegistryChange[];
  readonly writes: readonly RegistryWrite[];
  /** Nothing is applied while there is one. */
  readonly errors: readonly string[];
  /** Worth knowing before applying; never blocking. */
  readonly warnings: readonly string[];
  readonly rounds: readonly RoundEffect[];
  /** The registry as it would be. */
  readonly after: Registry;
}

export interface PlanInput {
  readonly registry: Registry;
  readonly rows: readonly ListedMunicipality[];
  readonly effectiveDate: string;
  readonly rounds: readonly Round[];
  readonly now: Date;
  /** The provinces the person may change; `all` (the admin CLI) may also add a province. */
  readonly allowedProvinces: 'all' | ReadonlySet<string>;
}

const normalise = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** The day before an ISO date. */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const key = (item: RegistryItem) =>
  `${item.kind}:${item.kind === 'municipality' ? item.value.code : item.value.id}`;

/** Whether two registry values say the same (revision aside). */
export function sameValue(
  a: RegistryItem['value'] | undefined,
  b: RegistryItem['value'] | undefined,
): boolean {
  const canonical = (value: RegistryItem['value'] | undefined) => {
    if (!value) return '';
    const { revision: _revision, ...rest } = value as RegistryItem['value'] & { revision?: number };
    return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([x], [y]) => dutchOrder(x, y))));
  };
  return canonical(a) === canonical(b);
}

export function planImport(input: PlanInput): ImportPlan {
  const { registry, rows, effectiveDate } = input;
  const errors: string[] = [];
  const warnings: string[] = [];
  const changes: RegistryChange[] = [];
  const allowed = (province: string) =>
    input.allowedProvinces === 'all' || input.allowedProvinces.has(province);
  const allowedNames = () =>
    input.allowedProvinces === 'all'
      ? ''
      : [...input.allowedProvinces]
          .map((id) => `provincie ${registry.provinces.find((p) => p.id === id)?.name ?? id}`)
          .join(', ');

  const provinces = new Map(registry.provinces.map((province) => [province.id, province]));
  const regions = new Map(registry.regions.map((region) => [region.id, region]));
  const municipalities = new Map(registry.municipalities.map((m) => [m.code, m]));
  const newProvinces = new Set<string>();

  const findProvince = (name: string, line: number): Province | undefined => {
    const wanted = normalise(name);
    const known = [...provinces.values()].find(
      (province) => normalise(province.name) === wanted || province.id === slug(name),
    );
    if (known) return known;
    const id = slug(name);
    if (!id) {
      errors.push(`Regel ${line}: ‘${name}’ is geen bruikbare naam voor een provincie.`);
      return undefined;
    }
    const province: Province = { id, name: name.trim(), addresses: [] };
    provinces.set(id, province);
    newProvinces.add(id);
    changes.push({ type: 'province-added', province });
    return province;
  };

  const findRegion = (name: string, province: Province, line: number): Region | undefined => {
    const wanted = normalise(name);
    const known = [...regions.values()].find(
      (region) => normalise(region.name) === wanted || region.id === slug(name),
    );
    if (known) {
      if (known.province === province.id) return known;
      const other = provinces.get(known.province)?.name ?? known.province;
      errors.push(
        `Regel ${line}: regio ${known.name} hoort bij provincie ${other}, niet bij ${province.name}. Gebruik een andere regionaam.`,
      );
      return undefined;
    }
    const id = slug(name);
    if (!id) {
      errors.push(`Regel ${line}: ‘${name}’ is geen bruikbare naam voor een regio.`);
      return undefined;
    }
    const region: Region = {
      id,
      name: name.trim(),
      province: province.id,
      boardName: `Regionale Regietafel Vluchtelingen ${name.trim()}`,
      addresses: [],
    };
    regions.set(id, region);
    changes.push({ type: 'region-added', region });
    return region;
  };

  const covered = new Set<string>();
  const listed = new Set<string>();
  for (const row of rows) {
    const province = findProvince(row.province, row.line);
    if (!province) continue;
    if (newProvinces.has(province.id) && input.allowedProvinces !== 'all') {
      errors.push(
        `Regel ${row.line} (${row.name}): provincie ${province.name} staat nog niet in het register. Een nieuwe provincie voegt de beheerder toe (npm run admin -- import-registry), omdat er ook aanmeldgroepen voor de staf bij horen.`,
      );
      continue;
    }
    if (!allowed(province.id)) {
      errors.push(
        `Regel ${row.line} (${row.name}): provincie ${province.name} valt buiten uw bereik; u kunt alleen gemeenten van ${allowedNames()} wijzigen.`,
      );
      continue;
    }
    const region = findRegion(row.region, province, row.line);
    if (!region) continue;
    covered.add(province.id);
    listed.add(row.code);
    const existing = municipalities.get(row.code);
    if (!existing) {
      const municipality: Municipality = {
        code: row.code,
        name: row.name,
        region: region.id,
        contacts: row.contacts ?? [],
        ...(newProvinces.has(province.id) ? {} : { activeFrom: effectiveDate }),
      };
      municipalities.set(row.code, municipality);
      changes.push({ type: 'municipality-added', municipality, line: row.line });
      if (municipality.contacts.length === 0)
        warnings.push(
          `${row.name} (${row.code}) heeft nog geen e-mailadres voor uitnodigingen en herinneringen; vul het daarna in op de contactenpagina.`,
        );
      continue;
    }
    const existingProvince = regions.get(existing.region)?.province;
    if (existingProvince && !allowed(existingProvince)) {
      errors.push(
        `Regel ${row.line} (${row.name}): ${row.code} hoort nu bij provincie ${provinces.get(existingProvince)?.name ?? existingProvince}, die buiten uw bereik valt.`,
      );
      continue;
    }
    let next: Municipality = existing;
    if (existing.name !== row.name) {
      changes.push({
        type: 'municipality-renamed',
        code: row.code,
        before: existing.name,
        after: row.name,
        line: row.line,
      });
      next = { ...next, name: row.name };
    }
    if (existing.region !== region.id) {
      changes.push({
        type: 'municipality-moved',
        code: row.code,
        name: row.name,
        before: existing.region,
        after: region.id,
        line: row.line,
      });
      next = { ...next, region: region.id };
    }
    if (row.contacts && row.contacts.join(',') !== existing.contacts.join(',')) {
      changes.push({
        type: 'contacts-changed',
        code: row.code,
        name: row.name,
        before: existing.contacts,
        after: row.contacts,
        line: row.line,
      });
      next = { ...next, contacts: row.contacts };
    }
    if (existing.activeUntil !== undefined && existing.activeUntil < effectiveDate) {
      changes.push({ type: 'municipality-restored', code: row.code, name: row.name, line: row.line });
      const { activeUntil: _ended, ...rest } = next;
      next = rest;
    }
    municipalities.set(row.code, next);
  }

  // What the file leaves out of a province it covers has ceased to exist from the effective date.
  const lastDay = dayBefore(effectiveDate);
  for (const municipality of registry.municipalities) {
    const province = regions.get(municipality.region)?.province;
    if (!province || !covered.has(province) || listed.has(municipality.code)) continue;
    if (municipality.activeUntil !== undefined && municipality.activeUntil <= lastDay) continue;
    if (municipality.activeFrom !== undefined && municipality.activeFrom > lastDay) {
      errors.push(
        `${municipality.name} (${municipality.code}) bestaat pas vanaf ${formatDate(municipality.activeFrom)} en kan niet al op ${formatDate(lastDay)} ophouden te bestaan. Neem de gemeente op in het bestand of kies een latere ingangsdatum.`,
      );
      continue;
    }
    municipalities.set(municipality.code, { ...municipality, activeUntil: lastDay });
    changes.push({ type: 'municipality-ended', code: municipality.code, name: municipality.name, lastDay });
  }

  const after: Registry = {
    provinces: [...provinces.values()],
    regions: [...regions.values()],
    municipalities: [...municipalities.values()],
  };
  const writes = diffWrites(registry, after);
  const roundEffects = effectsOnRounds(registry, after, input.rounds);
  const now = input.now.toISOString();
  for (const effect of roundEffects) {
    const opened = effect.round.opensAt <= now;
    for (const municipality of effect.left) {
      if (!opened) continue;
      const line = rows.find((row) => row.code === municipality.code)?.line;
      errors.push(
        `${line ? `Regel ${line} (${municipality.name})` : `${municipality.name} (${municipality.code})`}: de gemeente zou verdwijnen uit de ronde ‘${effect.round.title}’, die op ${formatDate(dutchDate(effect.round.opensAt))} is geopend; haar gegevens in die ronde zouden dan niet meer te zien zijn. ${line ? 'Laat de regio ongewijzigd' : `Kies een ingangsdatum na ${formatDate(dutchDate(effect.round.opensAt))}`}.`,
      );
    }
    const closed = effect.round.deadline < now && !effect.round.acceptsLate;
    for (const municipality of effect.joined) {
      if (closed)
        warnings.push(
          `${municipality.name} komt ook in de gesloten ronde ‘${effect.round.title}’ te staan, zonder inzending. Kies een latere ingangsdatum als dat niet klopt.`,
        );
    }
  }
  for (const region of after.regions.filter((r) => !registry.regions.some((known) => known.id === r.id))) {
    warnings.push(
      `Regio ${region.name} is nieuw: vul op de contactenpagina het secretariaat en de adressen voor het overzicht in.`,
    );
  }
  for (const province of after.provinces.filter((p) => newProvinces.has(p.id))) {
    warnings.push(
      `Provincie ${province.name} is nieuw: maak in Cognito de aanmeldgroepen aan (npm run admin -- staff-groups --aws) en vul het secretariaat in.`,
    );
  }
  return {
    effectiveDate,
    provinces: [...covered],
    changes,
    writes,
    errors,
    warnings,
    rounds: roundEffects.filter((effect) => effect.joined.length > 0 || effect.left.length > 0),
    after,
  };
}

function itemsOf(registry: Registry): Map<string, RegistryItem> {
  const items: RegistryItem[] = [
    ...registry.provinces.map((value) => ({ kind: 'province' as const, value })),
    ...registry.regions.map((value) => ({ kind: 'region' as const, value })),
    ...registry.municipalities.map((value) => ({ kind: 'municipality' as const, value })),
  ];
  return new Map(items.map((item) => [key(item), item]));
}

/** The items that differ between two registries, each with the revision it must still have. */
export function diffWrites(before: Registry, after: Registry): RegistryWrite[] {
  const old = itemsOf(before);
  const writes: RegistryWrite[] = [];
  for (const [itemKey, item] of itemsOf(after)) {
    const previous = old.get(itemKey);
    if (previous && sameValue(previous.value, item.value)) continue;
    writes.push({
      item,
      expectedRevision: previous ? (previous.value.revision ?? 0) : 0,
      before: previous?.value,
    });
  }
  return writes;
}

/** Per round, which municipalities would join or leave it. */
export function effectsOnRounds(before: Registry, after: Registry, rounds: readonly Round[]): RoundEffect[] {
  return rounds.map((round) => {
    const was = new Map(roundMunicipalities(before, round).map((m) => [m.code, m]));
    const will = new Map(roundMunicipalities(after, round).map((m) => [m.code, m]));
    return {
      round,
      joined: [...will.values()].filter((m) => !was.has(m.code)),
      left: [...was.values()].filter((m) => !will.has(m.code)),
    };
  });
}

/**
 * The effective date as typed (`1-1-2027`, `01-01-2027`, `2027-01-01`, `1 januari 2027`, `1 jan. 2027`:
 * every format forms/dutch-date.ts reads) → `2027-01-01`; undefined when no date that exists in 1900–2200.
 */
export function readEffectiveDate(text: string): string | undefined {
  return readExistingDate(text, { years: { from: 1900, to: 2200 } });
}
