import { en } from 'zod/locales';
import { config, globalConfig } from 'zod/v4/core';

/**
 * Everything validates with zod/mini (the forms' answers in forms/fields.ts and forms/validate.ts, the
 * settings, the handlers' parameters, the SES events): classic zod puts its methods on every schema, some
 * 65 KB more in each bundle that imports it, which a cold start parses (issue 14). zod/mini loads no
 * locale, so its default messages would all read 'Invalid input': each schema registers the English ones
 * first (only when none is set yet), as classic zod did on its first schema, so a message that reaches a
 * log, a configuration error or an answer reads as it did. And it turns zod's compiled fast path off
 * before the schema is built (zod decides per schema when it is built): a Lambda parses once per
 * request, and that path (a `new Function` per object schema on its first parse) cost a form's first
 * validation 3.6–5.5 ms instead of 2.1–2.3 ms; later ones 0.16 ms instead of 0.20 ms.
 */
export function zodDefaults(): void {
  if (!globalConfig.localeError) config(en());
  if (!globalConfig.jitless) config({ jitless: true });
}
