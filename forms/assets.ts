import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The static files the pages load, by URL path. On AWS they are uploaded to the private forms bucket and
 * served by CloudFront under `/assets/`; locally the server serves the same files from disk.
 */
export interface StaticAsset {
  readonly urlPath: string;
  readonly file: string;
  readonly contentType: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const packageDist = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'dist', file);

export const staticAssets: readonly StaticAsset[] = [
  {
    urlPath: '/assets/nl-design-system.css',
    file: packageDist('@utrecht/component-library-css', 'index.css'),
    contentType: 'text/css; charset=utf-8',
  },
  {
    urlPath: '/assets/design-tokens.css',
    file: packageDist('@nl-design-system-unstable/voorbeeld-design-tokens', 'theme.css'),
    contentType: 'text/css; charset=utf-8',
  },
  {
    urlPath: '/assets/regietafel.css',
    file: path.join(here, 'static', 'regietafel.css'),
    contentType: 'text/css; charset=utf-8',
  },
];
