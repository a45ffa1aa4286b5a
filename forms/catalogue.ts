import type { FormDefinition } from './definition.js';
import { eigenBijdrage } from './eigen-bijdrage.js';

/** Every form the regietafel can send out, by id. Adding a form: define it in one file, list it here. */
export const catalogue: ReadonlyMap<string, FormDefinition> = new Map([[eigenBijdrage.id, eigenBijdrage]]);

export function findForm(id: string): FormDefinition | undefined {
  return catalogue.get(id);
}
