import { formatDateTime } from '../../../forms/format.js';
import { Conflict, ValidationFailed } from '../errors.js';
import type { Registry } from '../model.js';
import { authorize, isAllowed, type Principal } from '../policy.js';
import type { Clock, Ids, ReadOptions, Store } from '../ports.js';
import { principalName } from '../submit-form.js';
import { checkTargets, type TargetsCheck, type TargetsImportInput } from './check-targets.js';
import { latestRevisions, type PublishedTargets, type Targets, targetsKey } from './model.js';
import type { Problem } from './targets-csv.js';

/** The latest revision of every cycle and half year of these provinces (one Query per province). */
export async function publishedTargets(
  store: Pick<Store, 'listTargets'>,
  provinces: readonly string[],
  options?: ReadOptions,
): Promise<PublishedTargets> {
  const all = await Promise.all(
    [...new Set(provinces)].map((province) => store.listTargets(province, options)),
  );
  return latestRevisions(all.flat());
}

/** The province a summary scope lies in: a region's province, or the province itself. */
export function provinceOfScope(
  registry: Pick<Registry, 'regions'>,
  scope: { readonly type: 'region' | 'province'; readonly id: string },
): string {
  return scope.type === 'province'
    ? scope.id
    : (registry.regions.find((region) => region.id === scope.id)?.province ?? scope.id);
}

/** The revision an import would replace: the latest of the same kind, province and cycle or half year. */
async function currentRevision(
  store: Pick<Store, 'listTargets'>,
  input: Pick<TargetsImportInput, 'kind' | 'province' | 'cycle' | 'period'>,
): Promise<Targets | undefined> {
  const key = input.kind === 'spreiding' ? input.cycle : input.period;
  return (await store.listTargets(input.province))
    .filter((targets) => targets.kind === input.kind && targetsKey(targets) === key)
    .sort((a, b) => a.revision - b.revision)
    .at(-1);
}

/** `Regel 5: …`, as a problem reads on a page or in the CLI. */
export function problemText(problem: Problem): string {
  return problem.line === undefined ? problem.message : `Regel ${problem.line}: ${problem.message}`;
}

/**
 * Check a targets import (`checkTargetsImport`), the first half of importing: only provincial staff of the
 * province (403), then the file and the figures judged against the registry, the provincial task and the
 * current revision (see check-targets.ts). Nothing is stored.
 */
export async function checkTargetsImport(
  deps: { store: Store },
  input: { principal: Principal; registry?: Registry; import: TargetsImportInput },
): Promise<TargetsCheck> {
  authorize(input.principal, 'targets:import', { province: input.import.province });
  const registry = input.registry ?? (await deps.store.getRegistry());
  return checkTargets(input.import, registry, await currentRevision(deps.store, input.import));
}

export interface PublishedRevision {
  readonly targets: Targets;
  /** True when this import had been published before (the same import id): nothing new stored. */
  readonly replayed: boolean;
  readonly check: TargetsCheck;
}

/**
 * Publish targets (`publishTargets`):
 * 1. only provincial staff of the province (403);
 * 2. check again (422 with every problem, nothing stored);
 * 3. refuse when someone published another revision since the check page was shown (`baseRevision`, 409);
 * 4. store revision n + 1 with a conditional write — the same import id again returns the stored one;
 * 5. audit who published what, with the sums and the difference from the provincial task.
 */
export async function publishTargets(
  deps: { store: Store; clock: Clock; ids: Ids },
  input: {
    principal: Principal;
    registry?: Registry;
    import: TargetsImportInput;
    /** Idempotency key of this import (the check page's). */
    importId: string;
    /** The revision the check page compared with (0: none). */
    baseRevision: number;
  },
): Promise<PublishedRevision> {
  const check = await checkTargetsImport(deps, input);
  const current = check.current;
  if (current && current.importId === input.importId) return { targets: current, replayed: true, check };
  if (!check.ok || !check.candidate) {
    throw new ValidationFailed(check.errors.map((problem) => ({ path: '', message: problemText(problem) })));
  }
  if ((current?.revision ?? 0) !== input.baseRevision) {
    throw new Conflict(
      current
        ? `Intussen is versie ${current.revision} gepubliceerd, op ${formatDateTime(current.publishedAt)} door ${current.publishedBy}. Er is niets opgeslagen: controleer uw bestand opnieuw tegen die versie.`
        : 'De gepubliceerde cijfers zijn intussen veranderd. Er is niets opgeslagen: controleer opnieuw.',
    );
  }
  const targets = {
    ...check.candidate,
    revision: input.baseRevision + 1,
    publishedAt: deps.clock.now().toISOString(),
    publishedBy: principalName(input.principal),
    importId: input.importId,
  } as Targets;
  if (!(await deps.store.putTargets(targets))) {
    const latest = await currentRevision(deps.store, input.import);
    if (latest?.importId === input.importId) return { targets: latest, replayed: true, check };
    throw new Conflict(
      'Tegelijk met u heeft iemand anders een nieuwe versie gepubliceerd. Er is niets opgeslagen: controleer opnieuw.',
    );
  }
  await deps.store.audit({
    at: targets.publishedAt,
    id: deps.ids.newId(),
    action: 'targets-published',
    actor: targets.publishedBy,
    details: {
      kind: targets.kind,
      province: targets.province,
      [targets.kind === 'spreiding' ? 'cycle' : 'period']: targetsKey(targets),
      revision: targets.revision,
      municipalities: check.summary?.municipalities,
      ...(check.summary?.places !== undefined && { places: check.summary.places, amv: check.summary.amv }),
      task: check.summary?.task,
      ...(check.summary?.comparison && { comparison: check.summary.comparison }),
      changes: check.changes.length,
      source: targets.source,
      filename: targets.filename,
    },
  });
  return { targets, replayed: false, check };
}

/** The provinces whose targets this person may see: their own, or their region's. */
export function visibleProvinces(principal: Principal, registry: Registry): Registry['provinces'] {
  return registry.provinces.filter(
    (province) =>
      isAllowed(principal, 'targets:view', { province: province.id }) ||
      registry.regions.some(
        (region) =>
          region.province === province.id &&
          isAllowed(principal, 'targets:view', { province: province.id, region: region.id }),
      ),
  );
}

/** The provinces in which this person may import targets (provincial staff only). */
export function importProvinces(principal: Principal, registry: Registry): Registry['provinces'] {
  return registry.provinces.filter((province) =>
    isAllowed(principal, 'targets:import', { province: province.id }),
  );
}

export interface ProvinceTargets {
  readonly province: Registry['provinces'][number];
  /** The latest revision of every cycle and half year. */
  readonly published: PublishedTargets;
  /** Every revision, the replaced ones too. */
  readonly all: readonly Targets[];
}

/**
 * The published targets of every province this person may see (`viewTargets`): a regietafel those of its
 * own province, provincial staff their province's; nobody else anything (403).
 */
export async function viewTargets(
  deps: { store: Pick<Store, 'listTargets'> },
  input: { principal: Principal; registry: Registry },
): Promise<readonly ProvinceTargets[]> {
  const provinces = visibleProvinces(input.principal, input.registry);
  if (provinces.length === 0) authorize(input.principal, 'targets:view', { province: '' });
  return Promise.all(
    provinces.map(async (province) => {
      const all = await deps.store.listTargets(province.id);
      return { province, published: latestRevisions(all), all };
    }),
  );
}
