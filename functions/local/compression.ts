import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Compression as CloudFront applies it in front of the pages and assets (the local server plays
 * CloudFront): Brotli when the browser accepts it, else gzip; only text-like types, only between 1,000
 * bytes and 10 MB, and never an answer that is already encoded.
 */
export type ContentEncoding = 'br' | 'gzip';

const compressible = /^(text\/|application\/(json|javascript|xml|xhtml\+xml|x-javascript)|image\/svg\+xml)/i;

/** The encoding to answer with for an `Accept-Encoding` header, or undefined for none. */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentEncoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/** Whether CloudFront would compress an answer of this type and size. */
export function shouldCompress(contentType: string | undefined, bytes: number): boolean {
  return compressible.test(contentType ?? '') && bytes >= 1000 && bytes <= 10_000_000;
}

export function compress(body: Buffer, encoding: ContentEncoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body);
}
