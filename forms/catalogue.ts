import type { FormDefinition } from './definition.js';
import { eigenBijdrage } from './eigen-bijdrage.js';
import { sociaalDomein } from './sociaal-domein.js';
import { voortgangOpgaven } from './voortgang-opgaven.js';

/** Every form the regietafel can send out, by id. Adding a form: define it in one file, list it here. */
export const catalogue: ReadonlyMap<string, FormDefinition> = new Map(
  [eigenBijdrage, sociaalDomein, voortgangOpgaven].map((definition) => [definition.id, definition]),
);

export function findForm(id: string): FormDefinition | undefined {
  return catalogue.get(id);
}
