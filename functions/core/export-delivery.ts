import { Readable } from 'node:stream';
import type { ExportFile } from './exports.js';
import type { ExportFiles } from './ports.js';

/**
 * A Lambda answer through API Gateway can carry at most 6 MB; the export route answers in base64 (exactly
 * 4/3 of the file: 4 MB becomes 5.3 MB). Files up to this size are answered directly; bigger ones go to
 * the export files store and the answer is a redirect to a short-lived link.
 */
export const defaultInlineBytes = 4 * 1024 * 1024;

/** `attachment; filename="…"`: the browser saves the file under our name. Our names are ASCII slugs. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export type Delivery =
  | { readonly kind: 'inline'; readonly body: Buffer; readonly bytes: number }
  | { readonly kind: 'link'; readonly url: string; readonly key: string; readonly bytes: number };

/**
 * Reads the file as it is produced. While it stays under `inlineLimit` it is kept to answer directly; the
 * moment it grows past that, what was read so far and the rest of the stream are written to the export
 * files store in one pass (nothing is produced twice, nothing more than the limit is held), and the answer
 * becomes a signed link.
 */
export async function deliverExport(
  files: ExportFiles,
  file: ExportFile,
  options: { inlineLimit: number; key: string },
): Promise<Delivery> {
  const iterator = (file.body as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let bytes = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { kind: 'inline', body: Buffer.concat(head), bytes };
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value, 'utf8');
    head.push(chunk);
    bytes += chunk.length;
    if (bytes > options.inlineLimit) break;
  }
  async function* everything(): AsyncGenerator<Buffer> {
    yield* head.splice(0);
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value, 'utf8');
      bytes += chunk.length;
      yield chunk;
    }
  }
  try {
    await files.save(options.key, Readable.from(everything()), file.contentType);
  } catch (error) {
    // Storage refused (or broke off): stop producing, so nothing keeps reading the table for nobody.
    file.body.destroy();
    throw error;
  }
  return {
    kind: 'link',
    url: await files.link(options.key, file.filename, file.contentType),
    key: options.key,
    bytes,
  };
}
