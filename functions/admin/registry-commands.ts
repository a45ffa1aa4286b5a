import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyImport, previewImport } from '../core/registry/import-registry.js';
import { overijssel } from '../core/registry/overijssel.js';
import { seedRegistry } from '../core/registry/seed-registry.js';
import { staffGroups } from '../core/registry/staff-groups.js';
import { type Command, type CommandContext, UsageError } from './command-context.js';
import { importLines, registryLines } from './registry-lines.js';
import { ensureStaffGroups } from './staff-groups.js';

/** The admin commands about the registry: seed it, read it, import a municipality list, the staff groups. */

async function seedRegistryCommand({ deps, print, actor }: CommandContext): Promise<void> {
  if (!(await seedRegistry(deps, { registry: overijssel, actor: actor() }))) {
    print('Het register stond al in de tabel; er is niets overschreven. Wijzig het op /staf/contacten.');
    return;
  }
  print(
    `Register in de tabel gezet: ${overijssel.provinces.length} provincie, ${overijssel.regions.length} regio's, ${overijssel.municipalities.length} gemeenten. Vul de echte adressen in op /staf/contacten.`,
  );
}

async function importRegistryCommand({
  values,
  deps,
  print,
  required,
  actor,
}: CommandContext): Promise<void> {
  const file = required('file');
  let text: string;
  try {
    text = await readFile(path.resolve(file), 'utf8');
  } catch {
    throw new UsageError(`Het bestand ‘${file}’ is niet te lezen.`);
  }
  const input = { importer: 'admin' as const, text, effectiveDate: required('effective') };
  const preview = await previewImport(deps, input);
  if (preview.errors.length > 0) {
    throw new UsageError(
      `Niets ingelezen:\n${preview.errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
  const plan = preview.plan!;
  for (const line of importLines(plan, deps.clock.now())) print(line);
  if (plan.writes.length === 0) return;
  if (!values.apply) {
    print('\nNog niets gewijzigd. Voer het door met --apply.');
    return;
  }
  const result = await applyImport(deps, { ...input, actor: actor() });
  print(
    result.outcome === 'applied'
      ? `\nDoorgevoerd: ${result.written} onderdel${result.written === 1 ? '' : 'en'} van het register.`
      : '\nDeze wijzigingen waren al doorgevoerd; er is niets veranderd.',
  );
}

async function staffGroupsCommand({ values, store, print, required }: CommandContext): Promise<void> {
  const groups = staffGroups(await store.getRegistry());
  if (!values.aws) {
    for (const group of groups) print(`${group.name.padEnd(28)} ${group.description}`);
    print(
      '\nLokaal zijn geen groepen nodig: de lokale aanmeldpagina biedt elke rol uit het register aan. Op AWS: staff-groups --aws --user-pool-id <StaffUserPoolId>.',
    );
    return;
  }
  const created = await ensureStaffGroups(required('user-pool-id'), groups);
  for (const group of groups)
    print(`${group.name.padEnd(28)} ${created.includes(group.name) ? 'aangemaakt' : 'bestond al'}`);
}

async function registryCommand({ store, print }: CommandContext): Promise<void> {
  const registry = await store.getRegistry();
  if (registry.provinces.length === 0)
    print('Het register is leeg. Vul het met: npm run admin -- seed-registry');
  for (const line of registryLines(registry)) print(line);
}

export const registryCommands: Record<string, Command> = {
  'seed-registry': seedRegistryCommand,
  'import-registry': importRegistryCommand,
  'staff-groups': staffGroupsCommand,
  registry: registryCommand,
};
