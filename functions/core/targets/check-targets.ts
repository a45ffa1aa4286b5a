import { formatInteger } from '../../../forms/format.js';
import { dutchOrder, sameLetters } from '../../../forms/order.js';
import type { Registry } from '../model.js';
import type { AsylumShare, FigureStatus, HousingTask, Targets, TargetsCandidate } from './model.js';
import { type ParsedRow, type Problem, parseTargetsFile, type TargetsKind } from './targets-csv.js';

/**
 * Judging a targets import before it is published (the check page, and again when publishing): the file
 * parsed, every municipality known and in the province, none twice, and the sum of the shares against the
 * provincial task with any difference named. Blocking problems are `errors`; what staff should look at but
 * may publish anyway (a municipality of the province without a figure, a name that differs from the
 * registry, shares that do not add up to the task) are `warnings`. Pure: no store, no clock.
 */

export interface TargetsImportInput {
  readonly kind: TargetsKind;
  readonly province: string;
  /** spreiding: `2024-2026`. */
  readonly cycle?: string;
  /** spreiding: ISO date from which the cycle applies. */
  readonly effectiveFrom?: string;
  /** spreiding: the provincial task. */
  readonly taskPlaces?: number;
  readonly taskAmvPlaces?: number;
  readonly taskStatus?: FigureStatus;
  /** huisvesting: `2026-H1`. */
  readonly period?: string;
  readonly source: string;
  readonly filename?: string;
  /** The file's text. */
  readonly content: string;
}

/** One municipality whose figure changes against the current revision. */
export interface TargetChange {
  readonly code: string;
  readonly name: string;
  readonly before: string;
  readonly after: string;
}

export interface TargetsCheck {
  readonly ok: boolean;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Columns of the file that were not read. */
  readonly ignoredColumns: readonly string[];
  /** What would be published (without revision, who and when), when there are no errors. */
  readonly candidate?: TargetsCandidate;
  /** Rows read, sums and, for shares, the comparison with the provincial task. */
  readonly summary?: {
    readonly municipalities: number;
    readonly provinceMunicipalities: number;
    readonly regular?: number;
    readonly amv?: number;
    readonly places?: number;
    readonly task?: number;
    /** Dutch sentence: the sum against the task, naming any difference. */
    readonly comparison?: string;
    readonly demo: number;
    readonly toConfirm: number;
  };
  /** The revision it would replace, and what changes against it. */
  readonly current?: Targets;
  readonly changes: readonly TargetChange[];
}

const cyclePattern = /^(\d{4})-(\d{4})$/;
const periodPattern = /^(\d{4})-H([12])$/;

/** `2026-H1` → `1e helft 2026`. */
export function periodLabel(period: string): string {
  const match = periodPattern.exec(period);
  return match ? `${match[2]}e helft ${match[1]}` : period;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** The sum of the shares against the provincial task, naming the difference (in places and in AMV). */
export function compareWithTask(
  shares: { regular: number; amv: number },
  task: { places: number; amvPlaces: number },
): string {
  const places = shares.regular + shares.amv;
  const difference = places - task.places;
  const amvDifference = shares.amv - task.amvPlaces;
  const sum = `De aandelen tellen op tot ${plural(places, 'plaats', 'plaatsen')} (waarvan ${formatInteger(shares.amv)} AMV)`;
  const taskText = `de provinciale taak is ${formatInteger(task.places)} (waarvan ${formatInteger(task.amvPlaces)} AMV)`;
  if (difference === 0 && amvDifference === 0) return `${sum}: precies de provinciale taak.`;
  const placesPart =
    difference === 0
      ? 'in totaal evenveel plaatsen als de taak'
      : `${plural(Math.abs(difference), 'plaats', 'plaatsen')} ${difference > 0 ? 'meer' : 'minder'} dan de taak`;
  const amvPart =
    amvDifference === 0
      ? 'evenveel AMV-plaatsen'
      : `${plural(Math.abs(amvDifference), 'AMV-plaats', 'AMV-plaatsen')} ${amvDifference > 0 ? 'meer' : 'minder'}`;
  return `${sum}; ${taskText}. Verschil: ${placesPart}, ${amvPart}.`;
}

function describeFigure(targets: Targets, code: string): string {
  if (targets.kind === 'spreiding') {
    const share = targets.shares.find((candidate) => candidate.municipality === code);
    return share
      ? `${formatInteger(share.regular + share.amv)} (waarvan ${formatInteger(share.amv)} AMV)`
      : 'geen';
  }
  const task = targets.tasks.find((candidate) => candidate.municipality === code);
  return task ? formatInteger(task.task) : 'geen';
}

/** Checks an import against the registry and the current revision of the same cycle or half year. */
export function checkTargets(
  input: TargetsImportInput,
  registry: Registry,
  current: Targets | undefined,
): TargetsCheck {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const province = registry.provinces.find((candidate) => candidate.id === input.province);
  if (!province) errors.push({ message: `Er is geen provincie ‘${input.province}’.` });
  if (input.kind === 'spreiding') {
    const cycle = cyclePattern.exec(input.cycle ?? '');
    if (!cycle || Number(cycle[2]) <= Number(cycle[1]))
      errors.push({ message: 'Cyclus: vul de cyclus in als twee jaartallen, bijvoorbeeld 2024-2026.' });
    if (!input.effectiveFrom || !isIsoDate(input.effectiveFrom))
      errors.push({ message: 'Ingangsdatum: vul een bestaande datum in, bijvoorbeeld 1-2-2024.' });
    if (input.taskPlaces === undefined)
      errors.push({ message: 'Provinciale taak: vul het aantal plaatsen in (regulier en AMV samen).' });
    if (input.taskAmvPlaces === undefined)
      errors.push({ message: 'Waarvan AMV: vul het aantal AMV-plaatsen van de provinciale taak in.' });
    if (
      input.taskPlaces !== undefined &&
      input.taskAmvPlaces !== undefined &&
      input.taskAmvPlaces > input.taskPlaces
    )
      errors.push({ message: 'Waarvan AMV: dat kan niet meer zijn dan de hele provinciale taak.' });
  } else if (!periodPattern.test(input.period ?? '')) {
    errors.push({ message: 'Halfjaar: kies het halfjaar van de taakstelling, bijvoorbeeld 1e helft 2026.' });
  }
  if (input.source.trim() === '')
    errors.push({ message: 'Bron: vermeld waar de cijfers vandaan komen, bijvoorbeeld de Staatscourant.' });

  const parsed = parseTargetsFile(input.kind, input.content);
  errors.push(...parsed.errors);
  const provinceRegions = new Set(
    registry.regions.filter((region) => region.province === input.province).map((region) => region.id),
  );
  const inProvince = registry.municipalities.filter((municipality) =>
    provinceRegions.has(municipality.region),
  );
  const seen = new Map<string, number>();
  const accepted: ParsedRow[] = [];
  for (const row of parsed.rows) {
    const known = registry.municipalities.find((municipality) => municipality.code === row.code);
    if (!known) {
      errors.push({ line: row.line, message: `${row.code}: deze gemeentecode staat niet in het register.` });
      continue;
    }
    if (!provinceRegions.has(known.region)) {
      errors.push({
        line: row.line,
        message: `${row.code} (${known.name}) hoort niet bij provincie ${province?.name ?? input.province}.`,
      });
      continue;
    }
    const earlier = seen.get(row.code);
    if (earlier !== undefined) {
      errors.push({
        line: row.line,
        message: `${row.code} (${known.name}) staat er twee keer in: ook op regel ${earlier}.`,
      });
      continue;
    }
    seen.set(row.code, row.line);
    if (row.name && !sameLetters(row.name, known.name)) {
      warnings.push({
        line: row.line,
        message: `${row.code} heet in het register ${known.name}, in het bestand ‘${row.name}’. Klopt de code?`,
      });
    }
    accepted.push(row);
  }
  const missing = inProvince.filter((municipality) => !seen.has(municipality.code));
  if (parsed.rows.length > 0 && missing.length > 0) {
    warnings.push({
      message: `Geen ${input.kind === 'spreiding' ? 'aandeel' : 'taakstelling'} voor ${plural(missing.length, 'gemeente', 'gemeenten')} van de provincie: ${missing.map((m) => m.name).join(', ')}. Zij krijgen er dan geen.`,
    });
  }
  if (parsed.ignoredColumns.length > 0) {
    warnings.push({
      line: 1,
      message: `Niet gelezen (onbekende kolommen): ${parsed.ignoredColumns.map((column) => `‘${column}’`).join(', ')}.`,
    });
  }

  const byCode = (a: { municipality: string }, b: { municipality: string }) =>
    dutchOrder(a.municipality, b.municipality);
  const demo = accepted.filter((row) => row.status === 'demo').length;
  const toConfirm = accepted.filter((row) => row.status === 'te-bevestigen').length;
  let candidate: TargetsCheck['candidate'];
  let summary: TargetsCheck['summary'];
  const common = {
    province: input.province,
    source: input.source.trim(),
    ...(input.filename ? { filename: input.filename } : {}),
  };
  if (input.kind === 'spreiding') {
    const shares: AsylumShare[] = accepted
      .map((row) => ({ municipality: row.code, regular: row.regular!, amv: row.amv!, status: row.status }))
      .sort(byCode);
    const regular = shares.reduce((total, share) => total + share.regular, 0);
    const amv = shares.reduce((total, share) => total + share.amv, 0);
    const task =
      input.taskPlaces !== undefined && input.taskAmvPlaces !== undefined
        ? { places: input.taskPlaces, amvPlaces: input.taskAmvPlaces }
        : undefined;
    const comparison = task && shares.length > 0 ? compareWithTask({ regular, amv }, task) : undefined;
    if (comparison && regular + amv !== task!.places) warnings.push({ message: comparison });
    else if (comparison && amv !== task!.amvPlaces) warnings.push({ message: comparison });
    summary = {
      municipalities: shares.length,
      provinceMunicipalities: inProvince.length,
      regular,
      amv,
      places: regular + amv,
      task: task?.places,
      comparison,
      demo,
      toConfirm,
    };
    if (task) {
      candidate = {
        kind: 'spreiding',
        ...common,
        cycle: input.cycle ?? '',
        effectiveFrom: input.effectiveFrom ?? '',
        task: { ...task, status: input.taskStatus ?? 'vastgesteld' },
        shares,
      };
    }
  } else {
    const tasks: HousingTask[] = accepted
      .map((row) => ({ municipality: row.code, task: row.task!, status: row.status }))
      .sort(byCode);
    summary = {
      municipalities: tasks.length,
      provinceMunicipalities: inProvince.length,
      task: tasks.reduce((total, task) => total + task.task, 0),
      demo,
      toConfirm,
    };
    candidate = {
      kind: 'huisvesting',
      ...common,
      period: input.period ?? '',
      tasks,
    };
  }

  const changes: TargetChange[] = [];
  if (current && candidate && errors.length === 0) {
    const next = { ...candidate, revision: 0, publishedAt: '', publishedBy: '', importId: '' } as Targets;
    for (const municipality of inProvince) {
      const [before, after] = [
        describeFigure(current, municipality.code),
        describeFigure(next, municipality.code),
      ];
      if (before !== after) changes.push({ code: municipality.code, name: municipality.name, before, after });
    }
    if (current.kind === 'spreiding' && next.kind === 'spreiding') {
      const [before, after] = [
        `${formatInteger(current.task.places)} (waarvan ${formatInteger(current.task.amvPlaces)} AMV)`,
        `${formatInteger(next.task.places)} (waarvan ${formatInteger(next.task.amvPlaces)} AMV)`,
      ];
      if (before !== after) changes.unshift({ code: '', name: 'Provinciale taak', before, after });
    }
  }
  const ok = errors.length === 0 && candidate !== undefined;
  return {
    ok,
    errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    warnings,
    ignoredColumns: parsed.ignoredColumns,
    candidate: ok ? candidate : undefined,
    summary,
    current,
    changes,
  };
}
