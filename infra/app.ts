import { writeStylesheet } from '../forms/build-stylesheet.js';
import { exampleDefaultsContextKey, howToSet, SettingsError } from './settings.js';

/**
 * Entry point of the CDK CLI (cdk.json: `npx tsx infra/app.ts`). The stylesheet is built first, from the
 * pages' source as they are now, so a synth or deploy never uploads (or links) a stale one.
 */
await writeStylesheet();
const { buildApp } = await import('./build-app.js');
try {
  const { app, settings } = buildApp();
  if (settings.exampleDefaultsUsed.length > 0) {
    const lines = settings.exampleDefaultsUsed.map((name) => `  - ${name}: ${howToSet(name)}`);
    console.warn(
      [
        `regietafel: using the example defaults of cdk.json "${exampleDefaultsContextKey}" for ${settings.exampleDefaultsUsed.join(', ')}.`,
        'Fine for `cdk synth`; a real deploy must set its own values:',
        ...lines,
      ].join('\n'),
    );
  }
  app.synth();
} catch (error) {
  if (error instanceof SettingsError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
