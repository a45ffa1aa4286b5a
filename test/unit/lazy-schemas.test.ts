import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

/**
 * Issue 14: a cold start builds no zod schema and no Intl formatter at import; a form's schemas are built
 * when that form is first validated, and the other forms' are not. Every zod/mini builder the forms, the
 * configuration, the handlers and the jobs use is counted (no code imports classic zod any more:
 * bundle-contents.test.ts), and every Intl formatter constructed.
 */
const built = vi.hoisted(() => {
  /** `count` zod builders called, `where` each one's caller, `formatters` each Intl formatter's. */
  const counts = { count: 0, where: [] as string[], formatters: [] as string[] };
  // Counted from before any module of the app is imported: a formatter built at import is one too many.
  for (const name of ['DateTimeFormat', 'NumberFormat'] as const) {
    const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
    const Counted = function (this: unknown, ...args: unknown[]) {
      counts.formatters.push(`${name} ${new Error().stack?.split('\n').slice(2, 6).join(' | ')}`);
      return new Original(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Object.assign(Counted, Original);
    (Intl as unknown as Record<string, unknown>)[name] = Counted;
  }
  return counts;
});
/** The module with each of `builders` counted: its callers' builds land in `built`. */
const countBuilders = vi.hoisted(
  () =>
    (actual: Record<string, unknown>, builders: readonly string[]): Record<string, unknown> => {
      const counted = (name: string) => {
        const original = actual[name] as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          built.count++;
          built.where.push(`${name} ${new Error().stack?.split('\n').slice(2, 6).join(' | ')}`);
          return original(...args);
        };
      };
      return { ...actual, ...Object.fromEntries(builders.map((name) => [name, counted(name)])) };
    },
);
const builders = vi.hoisted(() => [
  'string',
  'number',
  'boolean',
  'enum',
  'email',
  'any',
  'never',
  'strictObject',
  'object',
  'array',
  'record',
  'url',
]);
// zod/mini wraps instead of chaining: its wrappers are builders too.
vi.mock('zod/mini', async (importOriginal) =>
  countBuilders(await importOriginal(), [...builders, 'optional', 'nullish', '_default']),
);

const { catalogue } = await import('../../forms/catalogue.js');
const { validateAnswers } = await import('../../forms/validate.js');
const { routes } = await import('../../functions/http/routes.js');

describe('a cold start’s import', () => {
  it('builds no zod schema and no Intl formatter in any route’s or job’s handler module', async () => {
    for (const route of routes)
      await import(/* @vite-ignore */ `../../${route.entry.replace(/\.ts$/, '.js')}`);
    // The mailer's module (SES tags) is loaded on a route's first send, in the same cold start.
    await import('../../functions/adapters/ses-mailer.js');
    // The functions no request reaches: the daily job (retention), the outbox sender, the SES events.
    for (const file of fs.readdirSync(new URL('../../functions/jobs/handlers/', import.meta.url)))
      await import(/* @vite-ignore */ `../../functions/jobs/handlers/${file.replace(/\.ts$/, '.js')}`);
    // Each entry names the builder and where it was called from.
    expect(built.where).toEqual([]);
    expect(built.formatters).toEqual([]);
  }, 60_000); // some forty modules, compiled on a loaded 2-core machine

  it('builds a setting’s schema on its first read, once', async () => {
    const { setting } = await import('../../functions/config.js');
    const before = built.count;
    expect(setting('TABLE_NAME', { TABLE_NAME: 'tabel' })).toBe('tabel');
    const afterOne = built.count;
    expect(afterOne).toBeGreaterThan(before);
    expect(setting('TABLE_NAME', { TABLE_NAME: 'andere' })).toBe('andere');
    expect(built.count).toBe(afterOne);
  });
});

describe('zod schemas of the forms', () => {
  it('are not built when the catalogue is imported, nor when a form is rendered or read', async () => {
    const before = built.count;
    const { answersToRaw, describeAnswers, csvColumns } = await import('../../forms/definition.js');
    for (const definition of catalogue.values()) {
      answersToRaw(definition);
      describeAnswers(definition, {});
      csvColumns(definition);
    }
    expect(built.count).toBe(before);
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
