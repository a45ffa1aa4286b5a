import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spreidingswetCycles } from '../../forms/data/spreidingswet-cycles.js';
import { readExistingDate } from '../../forms/dutch-date.js';
import { formatDate, formatDateTime, formatInteger } from '../../forms/format.js';
import type { Principal } from '../core/policy.js';
import type { Clock, Ids, Store } from '../core/ports.js';
import { periodLabel, type TargetsImportInput } from '../core/targets/check-targets.js';
import { asylumTargetsOn, figureStatusLabels, type Targets } from '../core/targets/model.js';
import {
  checkTargetsImport,
  problemText,
  publishTargets,
  viewTargets,
} from '../core/targets/publish-targets.js';
import { parseCount } from '../core/targets/targets-csv.js';

/**
 * `targets` and `import-targets`: the published targets on the command line, through the same use cases
 * as the page /staf/taakstellingen (checked the same way, a new revision, audited).
 */

type Values = Record<string, string | boolean | undefined>;

export const targetsUsage = `  targets [--province overijssel]          de gepubliceerde taakstellingen: aandelen per cyclus (som tegenover
                                           de provinciale taak), taakstelling statushouders per halfjaar, versies
  import-targets --kind aandelen|statushouders --file <bestand.csv> --source <bron> [--publish]
             aandelen: [--cycle 2024-2026] [--effective-from 2024-02-01] [--task 6325] [--task-amv 538]
                       [--task-to-confirm]  (standaard: wat de huidige versie van de cyclus heeft)
             statushouders: --period 2026-H1
             [--province overijssel]       zonder --publish alleen controleren (niets opgeslagen); met
                                           --publish een nieuwe versie, in het logboek`;

export const targetsOptions = {
  kind: { type: 'string' },
  source: { type: 'string' },
  cycle: { type: 'string' },
  'effective-from': { type: 'string' },
  task: { type: 'string' },
  'task-amv': { type: 'string' },
  'task-to-confirm': { type: 'boolean' },
  period: { type: 'string' },
  province: { type: 'string' },
  publish: { type: 'boolean' },
} as const;

interface Context {
  readonly deps: { store: Store; clock: Clock; ids: Ids };
  readonly principal: Principal;
  readonly values: Values;
  readonly print: (line: string) => void;
  /** A command-line mistake, printed without a stack trace. */
  readonly fail: (message: string) => Error;
}

const total = (targets: Targets) =>
  targets.kind === 'spreiding'
    ? targets.shares.reduce((sum, share) => sum + share.regular + share.amv, 0)
    : targets.tasks.reduce((sum, task) => sum + task.task, 0);

/** `targets`: the latest revision of every cycle and half year, and how many revisions each has. */
export async function printTargets(ctx: Context): Promise<void> {
  const registry = await ctx.deps.store.getRegistry();
  const provinces = (await viewTargets(ctx.deps, { principal: ctx.principal, registry })).filter(
    (entry) => typeof ctx.values.province !== 'string' || entry.province.id === ctx.values.province,
  );
  if (provinces.length === 0) throw ctx.fail(`Er is geen provincie ‘${ctx.values.province}’.`);
  for (const { province, published, all } of provinces) {
    ctx.print(`Provincie ${province.name}`);
    if (all.length === 0) ctx.print('  Nog niets gepubliceerd. Lees cijfers in met: import-targets');
    for (const targets of [...published.asylum, ...published.housing]) {
      const revisions = all.filter(
        (candidate) =>
          candidate.kind === targets.kind &&
          (candidate.kind === 'spreiding' ? candidate.cycle : candidate.period) ===
            (targets.kind === 'spreiding' ? targets.cycle : targets.period),
      ).length;
      const figures = targets.kind === 'spreiding' ? targets.shares : targets.tasks;
      const demo = figures.filter((figure) => figure.status === 'demo').length;
      ctx.print(
        targets.kind === 'spreiding'
          ? `  Aandelen cyclus ${targets.cycle} (vanaf ${formatDate(targets.effectiveFrom)}), versie ${targets.revision} van ${revisions}: ${figures.length} gemeenten, ${formatInteger(total(targets))} plaatsen; provinciale taak ${formatInteger(targets.task.places)} (waarvan ${formatInteger(targets.task.amvPlaces)} AMV, ${figureStatusLabels[targets.task.status]})`
          : `  Statushouders ${periodLabel(targets.period)}, versie ${targets.revision} van ${revisions}: ${figures.length} gemeenten, ${formatInteger(total(targets))} personen`,
      );
      ctx.print(
        `      gepubliceerd ${formatDateTime(targets.publishedAt)} door ${targets.publishedBy}; bron: ${targets.source}${demo > 0 ? `; ${demo} demogegevens` : ''}`,
      );
    }
  }
}

function count(ctx: Context, name: string): number | undefined {
  const value = ctx.values[name];
  if (value === undefined) return undefined;
  const parsed = parseCount(String(value));
  if (parsed === undefined) throw ctx.fail(`--${name} moet een heel getal zijn, bijvoorbeeld 6325.`);
  return parsed;
}

/** The command line as the use case's input; what is not given for shares comes from the current cycle. */
async function importInput(ctx: Context): Promise<TargetsImportInput> {
  const { values } = ctx;
  const kind: TargetsImportInput['kind'] | undefined =
    values.kind === 'aandelen' || values.kind === 'spreiding'
      ? 'spreiding'
      : values.kind === 'statushouders' || values.kind === 'huisvesting'
        ? 'huisvesting'
        : undefined;
  if (!kind) throw ctx.fail('--kind moet aandelen of statushouders zijn.');
  if (typeof values.file !== 'string') throw ctx.fail('--file <bestand.csv> ontbreekt.');
  if (typeof values.source !== 'string' || values.source.trim() === '')
    throw ctx.fail('--source ontbreekt: waar komen de cijfers vandaan (bijvoorbeeld de Staatscourant)?');
  let content: string;
  try {
    content = readFileSync(values.file, 'utf8');
  } catch {
    throw ctx.fail(`Het bestand ‘${values.file}’ is niet te lezen.`);
  }
  const registry = await ctx.deps.store.getRegistry();
  const province = typeof values.province === 'string' ? values.province : (registry.provinces[0]?.id ?? '');
  const common = { kind, province, source: values.source, filename: path.basename(values.file), content };
  if (kind === 'huisvesting') {
    if (typeof values.period !== 'string' || !/^\d{4}-H[12]$/.test(values.period))
      throw ctx.fail('--period moet een halfjaar zijn, bijvoorbeeld 2026-H1.');
    return { ...common, period: values.period };
  }
  const published = (await viewTargets(ctx.deps, { principal: ctx.principal, registry })).find(
    (entry) => entry.province.id === province,
  )?.published;
  const cycleName = typeof values.cycle === 'string' ? values.cycle : undefined;
  const current = published
    ? cycleName
      ? published.asylum.find((targets) => targets.province === province && targets.cycle === cycleName)
      : asylumTargetsOn(published, province, ctx.deps.clock.now().toISOString().slice(0, 10))
    : undefined;
  const cycle = cycleName ?? current?.cycle ?? spreidingswetCycles.at(-1)?.cycle;
  const effectiveFrom =
    typeof values['effective-from'] === 'string'
      ? readExistingDate(values['effective-from'])
      : (current?.effectiveFrom ??
        spreidingswetCycles.find((candidate) => candidate.cycle === cycle)?.effectiveFrom);
  if (!effectiveFrom) throw ctx.fail('--effective-from moet een datum zijn, bijvoorbeeld 2024-02-01.');
  return {
    ...common,
    cycle,
    effectiveFrom,
    taskPlaces: count(ctx, 'task') ?? current?.task.places,
    taskAmvPlaces: count(ctx, 'task-amv') ?? current?.task.amvPlaces,
    taskStatus:
      values['task-to-confirm'] === true
        ? 'te-bevestigen'
        : values.task !== undefined
          ? 'vastgesteld'
          : (current?.task.status ?? 'vastgesteld'),
  };
}

/** `import-targets`: check (always), publish with --publish. The same command twice publishes once. */
export async function importTargets(ctx: Context): Promise<void> {
  const input = await importInput(ctx);
  const registry = await ctx.deps.store.getRegistry();
  const check = await checkTargetsImport(ctx.deps, { principal: ctx.principal, registry, import: input });
  const what =
    input.kind === 'spreiding'
      ? `aandelen cyclus ${input.cycle}`
      : `statushouders ${periodLabel(input.period!)}`;
  ctx.print(
    `${what}: ${check.summary?.municipalities ?? 0} van ${check.summary?.provinceMunicipalities ?? 0} gemeenten gelezen uit ${input.filename}.`,
  );
  if (check.summary?.comparison) ctx.print(check.summary.comparison);
  else if (input.kind === 'huisvesting' && check.summary)
    ctx.print(`In totaal ${formatInteger(check.summary.task ?? 0)} personen.`);
  for (const problem of check.errors) ctx.print(`FOUT ${problemText(problem)}`);
  for (const problem of check.warnings) ctx.print(`LET OP ${problemText(problem)}`);
  if (check.current) {
    ctx.print(
      check.changes.length === 0
        ? `Geen cijfer verandert tegenover versie ${check.current.revision}.`
        : `Tegenover versie ${check.current.revision} (${formatDateTime(check.current.publishedAt)}, ${check.current.publishedBy}):`,
    );
    for (const change of check.changes)
      ctx.print(
        `  ${change.code ? `${change.code} ${change.name}` : change.name}: ${change.before} → ${change.after}`,
      );
  }
  if (!check.ok) throw ctx.fail('Niet gepubliceerd: verbeter eerst de fouten hierboven.');
  if (ctx.values.publish !== true) {
    ctx.print(
      `Alleen gecontroleerd; er is niets opgeslagen. Publiceer met --publish (wordt versie ${(check.current?.revision ?? 0) + 1}).`,
    );
    return;
  }
  const importId = createHash('sha256')
    .update(JSON.stringify({ ...input, filename: undefined }))
    .digest('hex')
    .slice(0, 32);
  const published = await publishTargets(ctx.deps, {
    principal: ctx.principal,
    registry,
    import: input,
    importId,
    baseRevision: check.current?.revision ?? 0,
  });
  ctx.print(
    published.replayed
      ? `Dit bestand was al gepubliceerd als versie ${published.targets.revision}; er is niets veranderd.`
      : `Gepubliceerd als versie ${published.targets.revision} (in het logboek). Het dashboard, de formulieren, de overzichten en de exports rekenen er nu mee.`,
  );
}
