import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyStaffToken } from '../../functions/http/staff-session.js';

/**
 * The issuer's keys are fetched with node:http(s) instead of jose's remote key set (no undici at a staff
 * page's cold start, issue 14), keeping its caching: fetched once, again after ten minutes, and again for
 * an unknown key id (a rotated key) unless the last fetch was under 30 seconds ago.
 */
const issuer = 'https://uitgever.example';
const audience = 'staf-client';
let published: JWK[] = [];
let fetches = 0;
let server: Server;

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}
type KeyPair = Awaited<ReturnType<typeof keyPair>>;

const tokenOf = (key: KeyPair) =>
  new SignJWT({ token_use: 'id' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime('1h')
    .sign(key.privateKey);

beforeAll(async () => {
  server = createServer((_request, response) => {
    fetches++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('STAFF_ISSUER', issuer);
  vi.stubEnv('STAFF_CLIENT_ID', audience);
  vi.stubEnv('STAFF_JWKS_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  await new Promise((resolve) => server.close(resolve));
});

describe('the issuer’s keys', () => {
  it('are fetched once, again for a rotated key after the cooldown, and again after ten minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T09:00:00Z') });
    const first = await keyPair('eerste');
    const second = await keyPair('tweede');
    published = [first.publicJwk];

    expect((await verifyStaffToken(await tokenOf(first))).iss).toBe(issuer);
    await verifyStaffToken(await tokenOf(first));
    expect(fetches).toBe(1);

    // A rotated key within 30 s of the last fetch: refused without a new fetch.
    published = [first.publicJwk, second.publicJwk];
    await expect(verifyStaffToken(await tokenOf(second))).rejects.toThrow(/verlopen of ongeldig/);
    expect(fetches).toBe(1);
    vi.setSystemTime(new Date('2026-12-03T09:00:31Z'));
    expect((await verifyStaffToken(await tokenOf(second))).iss).toBe(issuer);
    expect(fetches).toBe(2);

    // Known keys are fetched again once they are ten minutes old; a key no longer published is refused.
    published = [second.publicJwk];
    vi.setSystemTime(new Date('2026-12-03T09:11:00Z'));
    await expect(verifyStaffToken(await tokenOf(first))).rejects.toThrow(/verlopen of ongeldig/);
    expect(fetches).toBe(3);
  });
});
