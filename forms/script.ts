import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The one script the pages load (`forms/static/regietafel.js`: error-summary links that keep the label in
 * view, the character count), named after a hash of its content like the stylesheet, so it can be cached
 * for a year. Pages work without it; it only adds to them.
 */
export const scriptSource = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'static',
  'regietafel.js',
);

export async function buildScript(): Promise<{ readonly js: string; readonly fileName: string }> {
  const js = await readFile(scriptSource, 'utf8');
  const hash = createHash('sha256').update(js).digest('hex').slice(0, 12);
  return { js, fileName: `regietafel.${hash}.js` };
}
