import { describe, expect, it, vi } from 'vitest';

/**
 * Issue 14: a cold start builds no zod schema at import; a form's schemas are built when that form is
 * first validated, and the other forms' are not. Every zod builder the forms use is counted.
 */
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const counted = (name: string) => {
    const original = actual[name] as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      built.count++;
      return original(...args);
    };
  };
  const builders = ['string', 'number', 'boolean', 'enum', 'email', 'any', 'never', 'strictObject', 'array'];
  return { ...actual, ...Object.fromEntries(builders.map((name) => [name, counted(name)])) };
});

const { catalogue } = await import('../../forms/catalogue.js');
const { validateAnswers } = await import('../../forms/validate.js');

describe('zod schemas of the forms', () => {
  it('are not built when the catalogue is imported, nor when a form is rendered or read', async () => {
    expect(built.count).toBe(0);
    const { answersToRaw, describeAnswers, csvColumns } = await import('../../forms/definition.js');
    for (const definition of catalogue.values()) {
      answersToRaw(definition);
      describeAnswers(definition, {});
      csvColumns(definition);
    }
    expect(built.count).toBe(0);
  });

  it('are built per form on its first validation, and kept', async () => {
    // The test fixtures import the local pipeline, whose configuration has schemas of its own.
    const { validEigenBijdrage } = await import('../support/pipeline.js');
    const answers = validEigenBijdrage();
    const start = built.count;
    const eigenBijdrage = catalogue.get('eigen-bijdrage')!;
    expect(validateAnswers(eigenBijdrage, answers).success).toBe(true);
    const afterOne = built.count;
    expect(afterOne).toBeGreaterThan(start);
    validateAnswers(eigenBijdrage, { ...answers, contactName: 'Anders' });
    expect(built.count).toBe(afterOne);
    // The other forms' schemas were not built with it: their first validation builds them now.
    for (const id of ['sociaal-domein', 'voortgang-opgaven']) {
      const before = built.count;
      validateAnswers(catalogue.get(id)!, {});
      expect(built.count, id).toBeGreaterThan(before);
    }
  });
});
