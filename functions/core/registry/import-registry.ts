import type { FieldError } from '../../../forms/definition.js';
import { Conflict, Forbidden, ValidationFailed } from '../errors.js';
import type { Registry, RegistryItem } from '../model.js';
import type { Principal } from '../policy.js';
import { isAllowed } from '../policy.js';
import type { AuditStore, Clock, Ids, RegistryStore, RoundStore } from '../ports.js';
import { type ImportPlan, planImport, readEffectiveDate, sameValue } from './import-plan.js';
import { parseMunicipalityList } from './municipality-list.js';

/**
 * Import a municipality list (`previewImport`, `applyImport`): the CBS-style list of one or more
 * provinces, read and compared with the registry (see import-plan.ts for what it changes), shown on a
 * check page, then applied — without a deploy. Provincial staff import for their own province; adding a
 * province is the administrator's (the admin CLI, `admin`), because its staff need sign-in groups too.
 *
 * Applying plans again against the registry as it is then, so a list applied twice (a double click, a
 * page sent again) changes nothing the second time. Each item is written over the revision the plan saw;
 * when someone changed one in between, the rest is still written and the person is asked to check again
 * (posting the same list once more applies what is left). Every written item is an audit line with what
 * it was and what it became.
 */

export type Importer = Principal | 'admin';

export interface ImportInput {
  readonly importer: Importer;
  /** The file's text (UTF-8). */
  readonly text: string;
  /** The effective date as typed (`1-1-2027`, `2027-01-01`, `1 januari 2027`). */
  readonly effectiveDate: string;
}

export interface ImportPreview {
  readonly plan?: ImportPlan;
  /** Errors by form field: `ingangsdatum` (the date), `lijst` (one per wrong line of the list). */
  readonly errors: readonly FieldError[];
}

/** Why someone other than provincial staff may not import. */
export const importRefusal =
  'U heeft geen toegang tot het inlezen van een gemeentelijst: dat doet de provincie. Een regietafel wijzigt de adressen van haar eigen gemeenten op de contactenpagina.';

type Deps = { store: RegistryStore & RoundStore & AuditStore; clock: Clock; ids: Ids };

/** The provinces the importer may change; 403 for someone who may change none. */
function allowedProvinces(importer: Importer, registry: Registry): 'all' | ReadonlySet<string> {
  if (importer === 'admin') return 'all';
  const allowed = new Set(
    registry.provinces
      .filter((province) => isAllowed(importer, 'registry:import', { province: province.id }))
      .map((province) => province.id),
  );
  if (allowed.size === 0) {
    throw new Forbidden(importRefusal);
  }
  return allowed;
}

export async function previewImport(deps: Deps, input: ImportInput): Promise<ImportPreview> {
  const registry = await deps.store.getRegistry();
  const allowed = allowedProvinces(input.importer, registry);
  const errors: FieldError[] = [];
  const effectiveDate = readEffectiveDate(input.effectiveDate);
  if (!effectiveDate) {
    errors.push({
      path: 'ingangsdatum',
      message: input.effectiveDate.trim()
        ? `Ingangsdatum: ‘${input.effectiveDate.slice(0, 40)}’ is geen bestaande datum. Schrijf bijvoorbeeld 1-1-2027.`
        : 'Ingangsdatum: vul de datum in waarop de lijst geldt, bijvoorbeeld 1-1-2027 (de dag van de herindeling).',
    });
  }
  const parsed = parseMunicipalityList(input.text);
  errors.push(...parsed.errors.map((message) => ({ path: 'lijst', message })));
  if (errors.length > 0 || !effectiveDate) return { errors };
  const plan = planImport({
    registry,
    rows: parsed.rows,
    effectiveDate,
    rounds: await deps.store.listRounds(),
    now: deps.clock.now(),
    allowedProvinces: allowed,
  });
  return { plan, errors: plan.errors.map((message) => ({ path: 'lijst', message })) };
}

const label = (item: RegistryItem) =>
  item.kind === 'municipality'
    ? `gemeente:${item.value.code}`
    : `${item.kind === 'region' ? 'regio' : 'provincie'}:${item.value.id}`;

/** The fields of an item that differ, as `before` and `after` of the audit line. */
function fieldDiff(before: RegistryItem['value'] | undefined, after: RegistryItem['value']) {
  const b = (before ?? {}) as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (key) => key !== 'revision' && JSON.stringify(b[key]) !== JSON.stringify(a[key]),
  );
  return {
    before: Object.fromEntries(keys.filter((key) => key in b).map((key) => [key, b[key]])),
    after: Object.fromEntries(keys.filter((key) => key in a).map((key) => [key, a[key]])),
  };
}

export type ImportResult =
  | { readonly outcome: 'applied'; readonly plan: ImportPlan; readonly written: number }
  | { readonly outcome: 'nothing-to-do'; readonly plan: ImportPlan };

export async function applyImport(deps: Deps, input: ImportInput & { actor: string }): Promise<ImportResult> {
  const preview = await previewImport(deps, input);
  if (preview.errors.length > 0 || !preview.plan) throw new ValidationFailed(preview.errors);
  const { plan } = preview;
  if (plan.writes.length === 0) return { outcome: 'nothing-to-do', plan };
  let written = 0;
  const lost: RegistryItem[] = [];
  for (const write of plan.writes) {
    if (!(await deps.store.putRegistryItem(write.item, write.expectedRevision))) {
      lost.push(write.item);
      continue;
    }
    written++;
    const region =
      write.item.kind === 'municipality'
        ? write.item.value.region
        : write.item.kind === 'region'
          ? write.item.value.id
          : undefined;
    const province =
      write.item.kind === 'province'
        ? write.item.value.id
        : plan.after.regions.find((candidate) => candidate.id === region)?.province;
    await deps.store.audit({
      at: deps.clock.now().toISOString(),
      id: deps.ids.newId(),
      action: 'registry-imported',
      actor: input.actor,
      ...(write.item.kind === 'municipality' ? { municipality: write.item.value.code } : {}),
      details: {
        item: label(write.item),
        label: write.item.value.name,
        ...(region ? { region } : {}),
        ...(province ? { province } : {}),
        effectiveDate: plan.effectiveDate,
        new: write.expectedRevision === 0,
      },
      ...fieldDiff(write.before, write.item.value),
    });
  }
  if (lost.length > 0) {
    // Someone changed these in between: done already when they now say what the list says.
    const now = await deps.store.getRegistry();
    const current = (item: RegistryItem) =>
      item.kind === 'municipality'
        ? now.municipalities.find((m) => m.code === item.value.code)
        : item.kind === 'region'
          ? now.regions.find((r) => r.id === item.value.id)
          : now.provinces.find((p) => p.id === item.value.id);
    const differing = lost.filter((item) => !sameValue(current(item), item.value));
    if (differing.length > 0) {
      throw new Conflict(
        `${written > 0 ? `${written} wijziging${written === 1 ? ' is' : 'en zijn'} doorgevoerd, maar ` : ''}${differing.map((item) => item.value.name).join(', ')} ${differing.length === 1 ? 'is' : 'zijn'} intussen door iemand anders gewijzigd. Controleer de lijst opnieuw; wat nog niet is doorgevoerd, ziet u dan weer.`,
      );
    }
  }
  return written > 0 ? { outcome: 'applied', plan, written } : { outcome: 'nothing-to-do', plan };
}
