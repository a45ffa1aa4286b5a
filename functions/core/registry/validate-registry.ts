import type { Registry } from '../model.js';

/**
 * Checks a registry on load: unique ids and CBS codes, every region in a known province, every
 * municipality in a known region. Throws one error listing every problem.
 */
export function validateRegistry(registry: Registry): Registry {
  const problems: string[] = [];
  const duplicates = (values: string[]) => values.filter((value, index) => values.indexOf(value) !== index);
  for (const id of duplicates(registry.provinces.map((p) => p.id))) problems.push(`dubbele provincie: ${id}`);
  for (const id of duplicates(registry.regions.map((r) => r.id))) problems.push(`dubbele regio: ${id}`);
  for (const code of duplicates(registry.municipalities.map((m) => m.code)))
    problems.push(`dubbele CBS-code: ${code}`);
  const provinces = new Set(registry.provinces.map((p) => p.id));
  const regions = new Set(registry.regions.map((r) => r.id));
  for (const region of registry.regions) {
    if (!provinces.has(region.province))
      problems.push(`regio ${region.id}: onbekende provincie ${region.province}`);
  }
  for (const municipality of registry.municipalities) {
    if (!/^GM\d{4}$/.test(municipality.code))
      problems.push(`${municipality.name}: ongeldige CBS-code ${municipality.code}`);
    if (!regions.has(municipality.region))
      problems.push(`${municipality.name}: onbekende regio ${municipality.region}`);
  }
  if (problems.length > 0) throw new Error(`Ongeldig register:\n- ${problems.join('\n- ')}`);
  return registry;
}
