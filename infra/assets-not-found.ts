/**
 * The viewer-request function of the `/assets/*` behavior. The bucket is private (OAC), so S3 answers an
 * unknown key with its English XML AccessDenied (403); this function knows, at synth time, every asset path
 * that is deployed, passes those through and answers anything else itself with a 404 and a small Dutch
 * page, as the local server does. Only the `/assets/*` behavior runs it: the API's own Dutch 401/403/404
 * pages stay as they are (distribution-wide error responses would replace them).
 */

/** The Dutch 404 page CloudFront answers for an unknown address under `/assets/`. */
export const assetNotFoundPage =
  '<!doctype html><html lang="nl"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<title>Pagina niet gevonden</title></head><body><main>' +
  '<h1>Pagina niet gevonden</h1>' +
  '<p>Dit adres bestaat niet (meer). Controleer het adres of ga naar de startpagina.</p>' +
  '<p><a href="/">Naar de startpagina</a></p>' +
  '</main></body></html>';

/** The code (cloudfront-js-2.0) for the given asset URL paths, e.g. `/assets/regietafel.<hash>.css`. */
export function assetsNotFoundFunctionCode(assetPaths: readonly string[]): string {
  const known = Object.fromEntries(assetPaths.map((urlPath) => [urlPath, true]));
  return `var known = ${JSON.stringify(known)};
var page = ${JSON.stringify(assetNotFoundPage)};
function handler(event) {
  var request = event.request;
  if (known[request.uri] === true) return request;
  return {
    statusCode: 404,
    statusDescription: 'Not Found',
    headers: {
      'content-type': { value: 'text/html; charset=utf-8' },
      'cache-control': { value: 'no-store' }
    },
    body: { encoding: 'text', data: page }
  };
}`;
}
