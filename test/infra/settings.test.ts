import { afterAll, describe, expect, it } from 'vitest';
import { defaultRetention } from '../../functions/core/retention.js';
import {
  type ContextSource,
  exampleDefaultsContextKey,
  readSettings,
  SettingsError,
} from '../../infra/settings.js';
import { buildTestApp, cdkJsonContext, removeTestOutdirs } from './helpers.js';

afterAll(removeTestOutdirs);

const context = (values: Record<string, unknown>): ContextSource => ({ tryGetContext: (key) => values[key] });

const complete = {
  sesIdentity: 'regietafel.nl',
  mailFrom: 'noreply@regietafel.nl',
  region: 'eu-central-1',
  alarmEmail: 'beheer@regietafel.nl',
};

function errorOf(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error('expected a SettingsError');
}

describe('deploy settings', () => {
  it('names the context key and the environment variable when sesIdentity is missing', () => {
    const { sesIdentity: _, ...rest } = complete;
    const error = errorOf(() => readSettings(context(rest), {}));
    expect(error.message).toContain('sesIdentity is missing');
    expect(error.message).toContain('-c sesIdentity=');
    expect(error.message).toContain('"sesIdentity"');
    expect(error.message).toContain('REGIETAFEL_SES_IDENTITY');
    expect(error.problems).toHaveLength(1);
  });

  it('lists every missing setting at once', () => {
    const error = errorOf(() => readSettings(context({}), {}));
    expect(error.problems.map((problem) => problem.split(' ')[0])).toEqual([
      'sesIdentity',
      'mailFrom',
      'region',
      'alarmEmail',
    ]);
    expect(error.message).toContain('REGIETAFEL_MAIL_FROM');
    expect(error.message).toContain('AWS_REGION or CDK_DEFAULT_REGION');
  });

  it('reads the environment when the context has no value, and prefers the context', () => {
    const env = {
      REGIETAFEL_SES_IDENTITY: 'provincie.example.org',
      REGIETAFEL_MAIL_FROM: 'regietafel@provincie.example.org',
      AWS_REGION: 'eu-west-1',
      CDK_DEFAULT_ACCOUNT: '123456789012',
      REGIETAFEL_PUBLIC_BASE_URL: 'https://formulieren.example.org',
      REGIETAFEL_ALARM_EMAIL: 'beheer@provincie.example.org',
    };
    expect(readSettings(context({}), env)).toEqual({
      sesIdentity: 'provincie.example.org',
      sesIdentityKind: 'domain',
      mailFrom: 'regietafel@provincie.example.org',
      region: 'eu-west-1',
      account: '123456789012',
      publicBaseUrl: 'https://formulieren.example.org',
      mailFromDomain: 'bounce.provincie.example.org',
      alarmEmail: 'beheer@provincie.example.org',
      retention: defaultRetention,
      exampleDefaultsUsed: [],
    });
    expect(readSettings(context(complete), env)).toMatchObject(complete);
  });

  it('falls back to the example defaults of cdk.json and says so', () => {
    const settings = readSettings(context(cdkJsonContext()), {});
    expect(settings).toMatchObject({
      sesIdentity: 'regietafel.example.nl',
      mailFrom: 'noreply@regietafel.example.nl',
      region: 'eu-central-1',
    });
    expect(settings.exampleDefaultsUsed).toEqual(['sesIdentity', 'mailFrom', 'alarmEmail']);
    expect(cdkJsonContext()[exampleDefaultsContextKey]).toBeDefined();
  });

  it('accepts a single email address as identity, and then only that sender', () => {
    const single = readSettings(
      context({ ...complete, sesIdentity: 'Team@Regietafel.nl', mailFrom: 'team@regietafel.nl' }),
      {},
    );
    expect(single.sesIdentityKind).toBe('email');
    expect(single.mailFromDomain).toBeUndefined();
    const error = errorOf(() =>
      readSettings(
        context({ ...complete, sesIdentity: 'team@regietafel.nl', mailFrom: 'noreply@regietafel.nl' }),
        {},
      ),
    );
    expect(error.message).toContain(
      'mailFrom "noreply@regietafel.nl" (from context mailFrom) does not belong to sesIdentity',
    );
  });

  it('takes bounce.<domain> as MAIL FROM domain unless told otherwise, and only a subdomain of the identity', () => {
    expect(readSettings(context({ ...complete, mailFromDomain: 'mail.regietafel.nl' }), {})).toMatchObject({
      mailFromDomain: 'mail.regietafel.nl',
    });
    const error = errorOf(() =>
      readSettings(context({ ...complete, mailFromDomain: 'bounce.elders.nl' }), {}),
    );
    expect(error.message).toContain('mailFromDomain "bounce.elders.nl" (from context mailFromDomain)');
    expect(error.message).toContain('REGIETAFEL_MAIL_FROM_DOMAIN');
  });

  it('takes retention periods from an object in cdk.json or JSON in the environment, over the defaults', () => {
    expect(readSettings(context({ ...complete, retention: { draftDays: 14 } }), {}).retention).toEqual({
      ...defaultRetention,
      draftDays: 14,
    });
    expect(
      readSettings(context(complete), { REGIETAFEL_RETENTION: '{"versionDays":0}' }).retention.versionDays,
    ).toBe(0);
    const error = errorOf(() => readSettings(context({ ...complete, retention: { drafts: 14 } }), {}));
    expect(error.message).toContain('retention "{"drafts":14}" (from context retention) must be JSON');
    expect(error.message).toContain('REGIETAFEL_RETENTION');
  });

  it('rejects a sender outside the identity domain, naming where each value came from', () => {
    const error = errorOf(() =>
      readSettings(context({ region: 'eu-central-1', alarmEmail: 'beheer@regietafel.nl' }), {
        REGIETAFEL_SES_IDENTITY: 'regietafel.nl',
        REGIETAFEL_MAIL_FROM: 'noreply@elders.nl',
      }),
    );
    expect(error.message).toContain('(from env REGIETAFEL_MAIL_FROM)');
    expect(error.message).toContain('(from env REGIETAFEL_SES_IDENTITY)');
    expect(error.message).toContain('@regietafel.nl');
  });

  it('rejects malformed values with the key, the value and how to set it', () => {
    const error = errorOf(() =>
      readSettings(
        context({
          sesIdentity: 'not a domain',
          mailFrom: 'nope',
          region: 'Frankfurt',
          account: '42',
          publicBaseUrl: 'http://formulieren.example.org',
          alarmEmail: 'beheer',
        }),
        {},
      ),
    );
    expect(error.problems).toHaveLength(6);
    expect(error.message).toContain('alarmEmail "beheer"');
    expect(error.message).toContain('sesIdentity "not a domain" (from context sesIdentity)');
    expect(error.message).toContain('region "Frankfurt"');
    expect(error.message).toContain('account "42"');
    expect(error.message).toContain('publicBaseUrl "http://formulieren.example.org"');
    expect(error.message).toContain('REGIETAFEL_PUBLIC_BASE_URL');
  });

  it('stops buildApp before any stack exists', () => {
    const error = errorOf(() =>
      buildTestApp({ context: { [exampleDefaultsContextKey]: {}, sesIdentity: undefined } }),
    );
    expect(error.message).toContain('sesIdentity is missing');
  });
});
