import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { staticAssets } from '../../forms/assets.js';
import { assetNotFoundPage, assetsNotFoundFunctionCode } from '../../infra/assets-not-found.js';

interface GeneratedResponse {
  statusCode: number;
  headers: Record<string, { value: string }>;
  body: { encoding: string; data: string };
}

/** Runs the generated CloudFront Function code as CloudFront would: a script defining `handler`. */
function handlerOf(code: string): (event: { request: { uri: string } }) => unknown {
  const context = vm.createContext({});
  vm.runInContext(code, context);
  return context['handler'] as (event: { request: { uri: string } }) => unknown;
}

const code = assetsNotFoundFunctionCode(staticAssets.map((asset) => asset.urlPath));
const handler = handlerOf(code);

describe('the /assets/* viewer-request function', () => {
  it('passes every deployed asset through to the bucket, unchanged', () => {
    for (const asset of staticAssets) {
      const request = { uri: asset.urlPath, method: 'GET', headers: {} };
      expect(handler({ request })).toBe(request);
    }
  });

  it.each([
    '/assets/bestaat-niet.css',
    '/assets/',
    '/assets/regietafel.css',
    '/assets/constructor',
    '/assets/__proto__',
  ])('answers %s with a Dutch 404 page, not cached', (uri) => {
    const response = handler({ request: { uri } }) as GeneratedResponse;
    expect(response.statusCode).toBe(404);
    expect(response.headers).toEqual({
      'content-type': { value: 'text/html; charset=utf-8' },
      'cache-control': { value: 'no-store' },
    });
    expect(response.body.encoding).toBe('text');
    expect(response.body.data).toBe(assetNotFoundPage);
    expect(response.body.data).toContain('<html lang="nl">');
    expect(response.body.data).toContain('<title>Pagina niet gevonden</title>');
    expect(response.body.data).toContain('<a href="/">Naar de startpagina</a>');
  });

  it('stays far below the CloudFront Functions code size limit (10 KB)', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThan(2048);
  });
});
