import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { groupsClaim } from '../core/staff-claims.js';

/**
 * The local stand-in for the Cognito user pool: an ES256 key pair whose public half is served as a JWKS by
 * the local server (the staff handlers verify tokens against it, as against Cognito's on AWS), used by the
 * local sign-in pages (local-identity.ts) and by `npm run admin -- staff-token` to mint ID tokens with the
 * same claims (`cognito:groups`, `email`, `token_use: id`).
 */

export const localIssuer = 'http://localhost/regietafel-lokale-uitgever';
export const localAudience = 'regietafel-staf';

export interface StaffIssuer {
  readonly issuer: string;
  readonly audience: string;
  mint(options: {
    roles: readonly string[];
    email?: string;
    subject?: string;
    expiresIn?: string;
  }): Promise<string>;
  /** Validates a token as the staff handlers do: signature, issuer, audience, expiry. */
  verify(token: string): Promise<Record<string, unknown>>;
  /** The public key as a JWKS: what Cognito publishes at `<issuer>/.well-known/jwks.json`. */
  readonly jwks: { keys: JWK[] };
}

async function fromKeys(privateJwk: JWK, publicJwk: JWK): Promise<StaffIssuer> {
  const privateKey = await importJWK(privateJwk, 'ES256');
  const jwks = createLocalJWKSet({ keys: [publicJwk] });
  return {
    issuer: localIssuer,
    audience: localAudience,
    jwks: { keys: [publicJwk] },
    mint: ({ roles, email, subject, expiresIn = '8h' }) =>
      new SignJWT({ [groupsClaim]: [...roles], email, token_use: 'id' })
        .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid })
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setSubject(subject ?? email ?? roles.join('+'))
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    verify: async (token) =>
      (await jwtVerify(token, jwks, { issuer: localIssuer, audience: localAudience, algorithms: ['ES256'] }))
        .payload as Record<string, unknown>,
  };
}

async function generate(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `lokaal-${Date.now()}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}

/** The issuer whose keys are kept in `file` (created on first use), or an in-memory one (tests). */
export async function loadStaffIssuer(file?: string): Promise<StaffIssuer> {
  if (!file) {
    const keys = await generate();
    return fromKeys(keys.privateJwk, keys.publicJwk);
  }
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(await generate(), null, 2), { mode: 0o600 });
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
  return fromKeys(keys.privateJwk, keys.publicJwk);
}
