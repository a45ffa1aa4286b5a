import { en } from 'zod/locales';
import type * as z from 'zod/mini';
import { config, globalConfig } from 'zod/v4/core';
import { lazy } from '../../forms/lazy.js';

/**
 * Outside the forms' answers (forms/fields.ts, forms/validate.ts) everything validates with zod/mini:
 * classic zod puts its methods on every schema, some 60 KB more in each bundle that imports it, and a
 * read route (landing page, staff pages) never validates a form (issue 14). zod/mini loads no locale, so
 * its default messages would all read 'Invalid input'; classic zod registers the English ones on its
 * first schema. Each schema here registers the same first (only when none is set yet), so a message that
 * reaches a log, a configuration error or an answer reads as before, whichever zod a bundle builds first;
 * and turns zod's compiled fast path off, as the forms' validation does.
 */
export function zodDefaults(): void {
  if (!globalConfig.localeError) config(en());
  // As forms/validate.ts: a Lambda parses once per request, and zod's compiled fast path (a `new Function`
  // per object schema on its first parse) costs a cold start more than it saves (issue 14).
  if (!globalConfig.jitless) config({ jitless: true });
}

/**
 * A zod/mini schema built on its first use, after {@link zodDefaults}. Marked free of side effects, so
 * a bundle that imports the module for something else keeps neither the schema nor zod/mini.
 */
// @__NO_SIDE_EFFECTS__
export function lazySchema<T extends z.ZodMiniType>(build: () => T): () => T {
  return lazy(() => {
    zodDefaults();
    return build();
  });
}
