import { createHmac, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Clock, ExportFiles } from '../core/ports.js';

/**
 * Export files of the local run: the same code path as S3 (the file is streamed to storage, the answer is a
 * short-lived signed link), against a folder under `.data/exports/`. The link points at the local server's
 * `/_lokaal/downloads/<key>`, signed with HMAC-SHA256 over key, file name, type and expiry, like a
 * pre-signed S3 URL; the local server checks it (`verifyLocalDownload`) before it sends the file.
 */
export const localDownloadPath = '/_lokaal/downloads/';

export interface LocalDownload {
  readonly file: string;
  readonly filename: string;
  readonly contentType: string;
}

function signature(secret: string, key: string, filename: string, contentType: string, expires: string) {
  return createHmac('sha256', secret).update([key, filename, contentType, expires].join('\n')).digest('hex');
}

/** Keys are ours (`exports/<date>/<uuid>/<name>`), but never let one leave the folder. */
function fileFor(directory: string, key: string): string | undefined {
  if (!/^[\w./-]+$/.test(key) || key.split('/').some((part) => part === '..' || part === ''))
    return undefined;
  return path.join(directory, key);
}

export class LocalExportFiles implements ExportFiles {
  constructor(
    private readonly directory: string,
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly expiresInSeconds = 15 * 60,
  ) {}

  async save(key: string, body: NodeJS.ReadableStream): Promise<void> {
    const file = fileFor(this.directory, key);
    if (!file) throw new Error(`Ongeldige naam voor een exportbestand: ${key}`);
    await mkdir(path.dirname(file), { recursive: true });
    await pipeline(body, createWriteStream(file));
  }

  async link(key: string, filename: string, contentType: string): Promise<string> {
    const expires = String(Math.floor(this.clock.now().getTime() / 1000) + this.expiresInSeconds);
    const query = new URLSearchParams({
      bestand: filename,
      type: contentType,
      verloopt: expires,
      handtekening: signature(this.secret, key, filename, contentType, expires),
    });
    return `${this.baseUrl}${localDownloadPath}${key}?${query}`;
  }
}

/** Checks a local download link: signature, expiry, a key inside the folder. Undefined when not valid. */
export function verifyLocalDownload(
  directory: string,
  secret: string,
  url: URL,
  now: Date,
): LocalDownload | undefined {
  let key: string;
  try {
    key = decodeURIComponent(url.pathname.slice(localDownloadPath.length));
  } catch {
    return undefined; // a malformed %-escape: not a link we made
  }
  const filename = url.searchParams.get('bestand') ?? '';
  const contentType = url.searchParams.get('type') ?? '';
  const expires = url.searchParams.get('verloopt') ?? '';
  const given = Buffer.from(url.searchParams.get('handtekening') ?? '', 'utf8');
  const expected = Buffer.from(signature(secret, key, filename, contentType, expires), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < now.getTime()) return undefined;
  const file = fileFor(directory, key);
  return file ? { file, filename, contentType } : undefined;
}

/** Removes local export files older than a day (what the S3 lifecycle rule does on AWS). */
export async function removeOldExports(directory: string, now: Date): Promise<void> {
  const entries = await readdir(directory, { recursive: true }).catch(() => [] as string[]);
  for (const entry of entries) {
    const file = path.join(directory, entry);
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile() && now.getTime() - info.mtimeMs > 24 * 60 * 60 * 1000) await rm(file, { force: true });
  }
}
