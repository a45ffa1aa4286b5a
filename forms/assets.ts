import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scriptFileName, scriptPath } from './static/build/script.js';
import { stylesheetFileName, stylesheetPath } from './static/build/stylesheet.js';

/**
 * The static files the pages load, by URL path. On AWS they are uploaded to the private forms bucket and
 * served by CloudFront under `/assets/`; locally the server serves the same files from disk.
 */
export interface StaticAsset {
  readonly urlPath: string;
  readonly file: string;
  readonly contentType: string;
  /** A content hash in the name: the file at this path never changes, browsers may keep it for a year. */
  readonly immutable: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Cache-Control of a static asset: a year for hashed names, an hour for the others. */
export function assetCacheControl(asset: StaticAsset): string {
  return asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

export const staticAssets: readonly StaticAsset[] = [
  {
    // The one stylesheet: NL Design System components and tokens plus ours, purged (forms/stylesheet.ts).
    urlPath: stylesheetPath,
    file: path.join(here, 'static', 'build', stylesheetFileName),
    contentType: 'text/css; charset=utf-8',
    immutable: true,
  },
  {
    // The one script (forms/static/regietafel.js, forms/script.ts): enhancements the pages work without.
    urlPath: scriptPath,
    file: path.join(here, 'static', 'build', scriptFileName),
    contentType: 'text/javascript; charset=utf-8',
    immutable: true,
  },
];
