import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { config, setting } from '../../functions/config.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { validateRegistry } from '../../functions/core/registry/validate-registry.js';
import { matchPath, pathsWithMethods, routes } from '../../functions/http/routes.js';
import { matchRoute } from '../../functions/local/local-server.js';

describe('the route table', () => {
  it('has unique ids, one route per method and path, and a handler module for every entry', () => {
    expect(new Set(routes.map((route) => route.id)).size).toBe(routes.length);
    expect(new Set(routes.map((route) => `${route.method} ${route.path}`)).size).toBe(routes.length);
    for (const route of routes) {
      expect(existsSync(route.entry), route.entry).toBe(true);
      expect(route.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  it('matches API Gateway path parameters', () => {
    expect(
      matchPath('/formulieren/{formId}/{roundId}/{municipality}', '/formulieren/eigen-bijdrage/r%201/GM0193'),
    ).toEqual({
      formId: 'eigen-bijdrage',
      roundId: 'r 1',
      municipality: 'GM0193',
    });
    expect(matchPath('/formulieren/{formId}', '/formulieren/a/b')).toBeUndefined();
  });

  it('routes a known path with another method to 405, an unknown path to the catch-all route', () => {
    expect(matchRoute(routes, 'POST', '/formulieren/a/b/c')?.route?.id).toBe('submit-form');
    expect(matchRoute(routes, 'DELETE', '/formulieren/a/b/c')).toMatchObject({
      pathOnly: '/formulieren/{formId}/{roundId}/{municipality}',
    });
    for (const [method, path] of [
      ['GET', '/nergens'],
      ['POST', '/formulieren/a/b/c/d'],
      ['GET', '/$default'],
    ]) {
      expect(matchRoute(routes, method!, path!)?.route?.id, `${method} ${path}`).toBe('not-found');
    }
    expect(
      matchRoute(
        routes.filter((route) => route.method !== 'ANY'),
        'GET',
        '/nergens',
      ),
    ).toBeUndefined();
    expect(pathsWithMethods().has('$default')).toBe(false);
    expect(pathsWithMethods().get('/formulieren/{formId}/{roundId}/{municipality}')).toEqual(['GET', 'POST']);
  });
});

describe('the registry', () => {
  it('holds Overijssel: 11 IJsselland and 14 Twente municipalities with CBS codes', () => {
    expect(validateRegistry(overijssel)).toBe(overijssel);
    const count = (region: string) => overijssel.municipalities.filter((m) => m.region === region).length;
    expect(count('ijsselland')).toBe(11);
    expect(count('twente')).toBe(14);
    expect(overijssel.municipalities.find((m) => m.code === 'GM0193')?.name).toBe('Zwolle');
  });

  it('refuses duplicate codes and unknown regions with one clear message', () => {
    const broken = {
      ...overijssel,
      municipalities: [
        ...overijssel.municipalities,
        { code: 'GM0193', name: 'Zwolle-bis', region: 'ijsselland', contacts: [] },
        { code: 'GM0001', name: 'Nergenshuizen', region: 'achterhoek', contacts: [] },
      ],
    };
    expect(() => validateRegistry(broken)).toThrow(
      'Ongeldig register:\n- dubbele CBS-code: GM0193\n- Nergenshuizen: onbekende regio achterhoek',
    );
  });
});

describe('configuration', () => {
  it('fails at start with a Dutch message naming each missing variable', () => {
    expect(() => config({})).toThrow(/TABLE_NAME: .*\n.*MAIL_FROM/);
    expect(() => config({ TABLE_NAME: 't', MAIL_FROM: 'noreply@x.example' })).toThrow(
      /STAFF_ISSUER ontbreekt.*\n.*STAFF_CLIENT_ID ontbreekt.*\n.*STAFF_SIGN_IN_URL ontbreekt/,
    );
    expect(
      config({
        TABLE_NAME: 't',
        MAIL_FROM: 'noreply@x.example',
        MAIL_CONFIGURATION_SET: 'regietafel',
        STAFF_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc',
        STAFF_CLIENT_ID: 'client',
        STAFF_SIGN_IN_URL: 'https://regietafel.auth.eu-central-1.amazoncognito.com',
      }),
    ).toMatchObject({ TABLE_NAME: 't' });
  });

  it('checks each setting where it is needed, so a route without mail needs no MAIL_FROM', () => {
    expect(setting('TABLE_NAME', { TABLE_NAME: 'regietafel' })).toBe('regietafel');
    expect(() => setting('MAIL_FROM', { TABLE_NAME: 'regietafel' })).toThrow('MAIL_FROM ontbreekt');
    expect(() => setting('PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'geen-url' })).toThrow(
      'PUBLIC_BASE_URL moet een volledige URL zijn',
    );
  });
});
