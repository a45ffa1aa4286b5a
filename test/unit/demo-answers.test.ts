import { describe, expect, it } from 'vitest';
import { catalogue } from '../../forms/catalogue.js';
import { validateAnswers } from '../../forms/validate.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { answersFor } from '../../functions/local/demo-answers.js';

/**
 * `npm run demo` submits these through the public routes: a form whose definition moved on (a required
 * field added, an option renamed) would refuse every one of them, and the demo would have nothing to show.
 * Here that fails with the field and its Dutch message.
 */
describe('the demo’s answers', () => {
  it('exist for every form in the catalogue', () => {
    expect(Object.keys(answersFor).sort()).toEqual([...catalogue.keys()].sort());
  });

  it.each([...catalogue.values()].map((definition) => [definition.id, definition] as const))(
    '%s: valid for every municipality, first and amended',
    (id, definition) => {
      for (const municipality of overijssel.municipalities) {
        for (const amended of [false, true]) {
          const outcome = validateAnswers(definition, answersFor[id]!(municipality, amended));
          expect(outcome.errors, `${municipality.code}${amended ? ', amended' : ''}`).toEqual([]);
        }
      }
    },
  );
});
