import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { assetCacheControl, type StaticAsset, staticAssets } from '../../forms/assets.js';
import {
  isCatchAll,
  matchPath,
  methodNotAllowedEntry,
  type RouteDefinition,
  routeKeyOf,
  routes,
} from '../http/routes.js';
import { type ContentEncoding, compress, negotiateEncoding, shouldCompress } from './compression.js';
import { type LocalIdentityOptions, localIdentity } from './local-identity.js';
import { localStartPage, type StartPageOptions } from './start-page.js';

/**
 * The local stand-in for CloudFront + API Gateway: serves the static assets and turns every request for a
 * route of the route table into an HTTP API (payload 2.0) event for the same handler module Lambda runs.
 * Under `/_lokaal/` it also plays Cognito's sign-in pages and keys and S3's signed downloads
 * (local-identity.ts), so the staff handlers run the same code as on AWS, and serves the local start page
 * (start-page.ts). None of `/_lokaal/` is in the route table: on AWS it does not exist.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** API Gateway's own limit is 10 MB; handlers enforce their own (64 kB). Past this we do not even read. */
const maxRequestBytes = 10 * 1024 * 1024;

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const loaded = new Map<string, Promise<LambdaHandler>>();

function loadHandler(entry: string): Promise<LambdaHandler> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(path.join(repositoryRoot, entry)).href).then(
      (module: { handler: LambdaHandler }) => module.handler,
    );
    loaded.set(entry, handler);
  }
  return handler;
}

function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A body this much over the limit is not read to its end: the connection is closed instead. */
const maxDrainBytes = 64 * 1024 * 1024;

/**
 * Reads the body; past `maxRequestBytes` it goes on reading (and dropping) to the end, so the 413 that
 * follows leaves the kept-alive connection usable for the next request. Only a body past
 * `maxDrainBytes` is cut off, and its connection closed.
 */
async function readRequestBody(request: IncomingMessage): Promise<Buffer | 'too-large' | 'cut-off'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxDrainBytes) return 'cut-off';
    if (size <= maxRequestBytes) chunks.push(chunk as Buffer);
  }
  return size > maxRequestBytes ? 'too-large' : Buffer.concat(chunks);
}

/** Whether every segment of the path decodes (`%C3%28` does not: no UTF-8 character). */
function decodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** Builds the event API Gateway's HTTP API sends a Lambda (payload format 2.0). */
export function toApiGatewayEvent(options: {
  request: IncomingMessage;
  body: Buffer;
  routeKey: string;
  pathParameters?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const { request, body } = options;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies.push(...String(value).split(/;\s*/).filter(Boolean));
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // As CloudFront's viewer-request function does: the forwarded host is the front's own, whatever the
  // client sent (a client's X-Forwarded-Host would put its host in emailed links and in the same-origin
  // check). The protocol a client may claim (tests play a TLS front with it): it can only lose its cookie.
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-host'] = headers.host ?? 'localhost';
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] = queryStringParameters[name]
      ? `${queryStringParameters[name]},${value}`
      : value;
  }
  const textual = /^(text\/|application\/(json|x-www-form-urlencoded))/i.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: cookies.length > 0 ? cookies : undefined,
    headers,
    queryStringParameters: url.search ? queryStringParameters : undefined,
    pathParameters:
      options.pathParameters && Object.keys(options.pathParameters).length > 0
        ? options.pathParameters
        : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: options.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Writes a handler's answer, compressed as CloudFront would when the browser accepts it. */
function writeResult(
  request: IncomingMessage,
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  let body: Buffer | undefined = result.body
    ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
    : undefined;
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  if (
    body &&
    encoding &&
    !headers['content-encoding'] &&
    shouldCompress(headers['content-type'] as string | undefined, body.length)
  ) {
    body = compress(body, encoding);
    headers['content-encoding'] = encoding;
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  }
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

/** An asset as read from disk, with its compressed forms (made once: the file never changes). */
interface LoadedAsset {
  readonly identity: Buffer;
  readonly etag: string;
  readonly encoded: Map<ContentEncoding, Buffer>;
}

const loadedAssets = new Map<string, Promise<LoadedAsset>>();

function loadAsset(asset: StaticAsset): Promise<LoadedAsset> {
  let loaded = loadedAssets.get(asset.file);
  if (!loaded) {
    loaded = readFile(asset.file).then((identity) => ({
      identity,
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
      encoded: new Map(),
    }));
    loadedAssets.set(asset.file, loaded);
  }
  return loaded;
}

/** A static asset as CloudFront serves it from the bucket: cache headers, ETag, compression. */
async function serveAsset(
  request: IncomingMessage,
  response: ServerResponse,
  asset: StaticAsset,
): Promise<void> {
  const loaded = await loadAsset(asset);
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': assetCacheControl(asset),
    etag: loaded.etag,
    vary: 'Accept-Encoding',
  };
  if (request.headers['if-none-match'] === loaded.etag) {
    response.writeHead(304, headers);
    return void response.end();
  }
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  let body: Buffer = loaded.identity;
  if (encoding && shouldCompress(asset.contentType, body.length)) {
    if (!loaded.encoded.has(encoding)) loaded.encoded.set(encoding, compress(loaded.identity, encoding));
    body = loaded.encoded.get(encoding)!;
    headers['content-encoding'] = encoding;
  }
  response.writeHead(200, { ...headers, 'content-length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

export interface RouteMatch {
  readonly route?: RouteDefinition;
  readonly params: Record<string, string>;
  /** The route path matched with another method: answered with 405. */
  readonly pathOnly?: string;
}

/**
 * Finds the route for a method and path, or the path with other methods (405), or — like API Gateway — the
 * catch-all route (404 page), or nothing when the table has no catch-all.
 */
export function matchRoute(
  table: readonly RouteDefinition[],
  method: string,
  pathname: string,
): RouteMatch | undefined {
  let pathOnly: { path: string; params: Record<string, string> } | undefined;
  for (const route of table) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
    pathOnly ??= { path: route.path, params };
  }
  if (pathOnly) return { params: pathOnly.params, pathOnly: pathOnly.path };
  const catchAll = table.find(isCatchAll);
  return catchAll ? { route: catchAll, params: {} } : undefined;
}

/** The local HTTP server: static assets plus the route table. */
export function createLocalServer(options: {
  identity: LocalIdentityOptions;
  /** The local start page (`/_lokaal/`, start-page.ts): only on this server, never a route on AWS. */
  startPage?: StartPageOptions;
  table?: readonly RouteDefinition[];
}): Server {
  const table = options.table ?? routes;
  const standIns = localIdentity(options.identity);
  const startPage = options.startPage ? localStartPage(options.startPage) : undefined;
  const assets = new Map(staticAssets.map((asset) => [asset.urlPath, asset]));
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const asset = assets.get(url.pathname);
      if (asset && (request.method === 'GET' || request.method === 'HEAD')) {
        return await serveAsset(request, response, asset);
      }
      const method = request.method ?? 'GET';
      const body = await readRequestBody(request);
      if (body === 'too-large' || body === 'cut-off') {
        response.writeHead(413, {
          'content-type': 'text/plain; charset=utf-8',
          ...(body === 'cut-off' && { connection: 'close' }),
        });
        return response.end('Verzoek te groot.');
      }
      // The local start page, Cognito's sign-in pages and keys, S3's signed downloads: local only.
      if (startPage && (await startPage(request, response, url))) return;
      if (await standIns(request, response, url, body)) return;
      // Like API Gateway: a path whose percent-encoding is not UTF-8 is a bad request, not a crash.
      if (!decodablePath(url.pathname)) {
        response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        return response.end('Ongeldig adres: de tekens in het adres zijn niet goed gecodeerd.');
      }
      const match = matchRoute(table, method, url.pathname);
      // Like API Gateway: a known path with an unknown method goes to the ANY route's function (405), an
      // unknown path to the catch-all route; only a table without one answers API Gateway's bare 404.
      if (!match) {
        response.writeHead(404, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ message: 'Not Found' }));
      }
      const entry = match.route?.entry ?? methodNotAllowedEntry;
      const routeKey = match.route ? routeKeyOf(match.route) : `ANY ${match.pathOnly}`;
      const event = toApiGatewayEvent({ request, body, routeKey, pathParameters: match.params });
      const handler = await loadHandler(entry);
      const result = await handler(event, lambdaContext(match.route?.id ?? 'method-not-allowed'));
      if (method === 'HEAD') result.body = undefined;
      writeResult(request, response, result);
    } catch (error) {
      console.error(error);
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
  // Idle kept-alive connections stay open longer than any client keeps them (fetch: 4 s, browsers: longer):
  // with Node's 5 s a busy server closes a socket just as the client sends its next request on it, and the
  // client sees ECONNRESET for a request that never arrived.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
