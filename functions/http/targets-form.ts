import { spreidingswetCycles } from '../../forms/data/spreidingswet-cycles.js';
import type { FieldError } from '../../forms/definition.js';
import { readDutchDate } from '../../forms/dutch-date.js';
import { Forbidden } from '../core/errors.js';
import type { TargetsImportInput } from '../core/targets/check-targets.js';
import { asylumTargetsOn, type PublishedTargets } from '../core/targets/model.js';
import { importProvinces } from '../core/targets/publish-targets.js';
import { parseCount } from '../core/targets/targets-csv.js';
import { halfYearChoices, renderTargetsForm } from '../pages/staff/targets-form-page.js';
import { type TargetsInput, targetsInputNames } from '../pages/staff/targets-input.js';
import { fileNameField } from './multipart-form.js';
import type { HttpResponse } from './responses.js';
import { formToken, type StaffContext, staffHtml } from './staff-actions.js';

/** Reading the targets import form (functions/pages/staff/targets-form-page.ts) into the use case's input. */

export const importRefusal =
  'Alleen de provincie leest taakstellingen in. U kunt ze wel bekijken op de pagina Taakstellingen.';

/** Provincial staff only: anyone else gets a 403 before any form. */
export function assertMayImportTargets(ctx: StaffContext): void {
  if (importProvinces(ctx.principal, ctx.registry).length === 0) throw new Forbidden(importRefusal);
}

/** Posted fields as typed (bounded), the uploaded file before the pasted text. */
export function readTargetsInput(fields: URLSearchParams): TargetsInput {
  const names = targetsInputNames;
  const field = (name: string, max = 200) => (fields.get(name) ?? '').slice(0, max);
  const file = (fields.get('bestand') ?? '').replace(/^\uFEFF/, '');
  // A new file brings its own name; else the name carried from the form it was first read on.
  const uploaded = file.trim() ? fields.get(fileNameField('bestand')) : undefined;
  return {
    kind: field(names.kind, 20),
    province: field(names.province, 60),
    cycle: field(names.cycle, 20).trim(),
    effectiveFrom: field(names.effectiveFrom, 20).trim(),
    taskPlaces: field(names.taskPlaces, 20).trim(),
    taskAmvPlaces: field(names.taskAmvPlaces, 20).trim(),
    taskStatus: field(names.taskStatus, 20),
    period: field(names.period, 20),
    source: field(names.source, 300).trim(),
    content: (file.trim() ? file : field(names.content, 64 * 1024)).slice(0, 64 * 1024),
    filename: uploaded ?? field(names.filename, 120),
  };
}

/** `2024-02-01` → `1-2-2024`, as the form shows a date. */
const dutchDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}-${m}-${y}`;
};

/** A new form: the kind asked for, and what the current cycle already has (task, date) filled in. */
export function defaultTargetsInput(
  ctx: StaffContext,
  kind: string,
  published: PublishedTargets,
): TargetsInput {
  const province = importProvinces(ctx.principal, ctx.registry)[0]?.id ?? '';
  const today = ctx.deps.clock.now();
  const current = asylumTargetsOn(published, province, today.toISOString().slice(0, 10));
  const cycle =
    spreidingswetCycles.find((candidate) => candidate.cycle === current?.cycle) ?? spreidingswetCycles.at(-1);
  const periods = halfYearChoices(today);
  return {
    kind: kind === 'huisvesting' ? 'huisvesting' : 'spreiding',
    province,
    cycle: current?.cycle ?? cycle?.cycle ?? '',
    effectiveFrom: dutchDate(current?.effectiveFrom ?? cycle?.effectiveFrom ?? ''),
    taskPlaces: current ? String(current.task.places) : '',
    taskAmvPlaces: current ? String(current.task.amvPlaces) : '',
    taskStatus: current?.task.status === 'te-bevestigen' ? 'te-bevestigen' : 'vastgesteld',
    period: periods[1]!.value,
    source: '',
    content: '',
    filename: '',
  };
}

/**
 * The form's fields judged one by one (each error names its field, in Dutch); the file itself is judged by
 * the use case. Only the fields of the chosen kind count.
 */
export function importFromInput(input: TargetsInput): {
  import?: TargetsImportInput;
  errors: FieldError[];
} {
  const names = targetsInputNames;
  const errors: FieldError[] = [];
  const kind = input.kind === 'spreiding' || input.kind === 'huisvesting' ? input.kind : undefined;
  if (!kind) errors.push({ path: names.kind, message: 'Kies welke cijfers u inleest.' });
  let effectiveFrom: string | undefined;
  let taskPlaces: number | undefined;
  let taskAmvPlaces: number | undefined;
  if (kind === 'spreiding') {
    const cycle = /^(\d{4})-(\d{4})$/.exec(input.cycle);
    if (!cycle || Number(cycle[2]) <= Number(cycle[1]))
      errors.push({
        path: names.cycle,
        message: 'Vul de cyclus in als twee jaartallen, bijvoorbeeld 2024-2026.',
      });
    const from = readDutchDate(input.effectiveFrom, 'Geldt vanaf');
    if ('iso' in from) effectiveFrom = from.iso;
    else errors.push({ path: names.effectiveFrom, message: from.error });
    taskPlaces = parseCount(input.taskPlaces);
    if (taskPlaces === undefined || taskPlaces === 0)
      errors.push({
        path: names.taskPlaces,
        message: 'Vul de provinciale taak in als heel getal, bijvoorbeeld 6325.',
      });
    taskAmvPlaces = parseCount(input.taskAmvPlaces);
    if (taskAmvPlaces === undefined)
      errors.push({
        path: names.taskAmvPlaces,
        message: 'Vul het aantal AMV-plaatsen van de provinciale taak in als heel getal (0 mag).',
      });
    else if (taskPlaces !== undefined && taskAmvPlaces > taskPlaces)
      errors.push({
        path: names.taskAmvPlaces,
        message: 'Het aantal AMV-plaatsen kan niet meer zijn dan de hele provinciale taak.',
      });
    if (input.taskStatus !== 'vastgesteld' && input.taskStatus !== 'te-bevestigen')
      errors.push({ path: names.taskStatus, message: 'Kies of de provinciale taak is vastgesteld.' });
  }
  if (kind === 'huisvesting' && !/^\d{4}-H[12]$/.test(input.period))
    errors.push({ path: names.period, message: 'Kies het halfjaar van de taakstelling.' });
  if (input.source === '')
    errors.push({
      path: names.source,
      message: 'Vul bij ‘Bron’ in waar de cijfers vandaan komen, bijvoorbeeld de Staatscourant.',
    });
  if (input.content.trim() === '')
    errors.push({ path: names.content, message: 'Kies een bestand of plak de regels van het bestand.' });
  if (errors.length > 0 || !kind) return { errors };
  return {
    errors,
    import: {
      kind,
      province: input.province,
      source: input.source,
      content: input.content,
      ...(input.filename && { filename: input.filename }),
      ...(kind === 'spreiding'
        ? {
            cycle: input.cycle,
            effectiveFrom,
            taskPlaces,
            taskAmvPlaces,
            taskStatus: input.taskStatus === 'te-bevestigen' ? 'te-bevestigen' : 'vastgesteld',
          }
        : { period: input.period }),
    },
  };
}

/** The import form, with what was typed and what is wrong with it. */
export function targetsFormPage(
  ctx: StaffContext,
  input: TargetsInput,
  errors: readonly FieldError[],
): HttpResponse {
  assertMayImportTargets(ctx);
  return staffHtml(
    errors.length > 0 ? 422 : 200,
    renderTargetsForm({
      staff: ctx.staff,
      input,
      provinces: importProvinces(ctx.principal, ctx.registry).map((province) => ({
        value: province.id,
        label: province.name,
      })),
      periods: halfYearChoices(ctx.deps.clock.now()),
      errors,
      token: formToken(ctx.pageToken, 'taakstellingen'),
    }),
  );
}
