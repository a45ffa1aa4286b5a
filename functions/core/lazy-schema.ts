import type * as z from 'zod/mini';
import { lazy } from '../../forms/lazy.js';
import { zodDefaults } from '../../forms/zod-defaults.js';

/**
 * A zod/mini schema built on its first use, after {@link zodDefaults} (English messages, no compiled fast
 * path). Marked free of side effects, so a bundle that imports the module for something else keeps neither
 * the schema nor zod/mini.
 */
// @__NO_SIDE_EFFECTS__
export function lazySchema<T extends z.ZodMiniType>(build: () => T): () => T {
  return lazy(() => {
    zodDefaults();
    return build();
  });
}
