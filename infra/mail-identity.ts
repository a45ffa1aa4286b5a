import { CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { Settings } from './settings.js';

export interface MailIdentityProps {
  readonly settings: Pick<Settings, 'sesIdentity' | 'sesIdentityKind' | 'mailFromDomain'>;
  /** Name of the configuration set every send names (MAIL_CONFIGURATION_SET). */
  readonly configurationSetName: string;
}

/** The DNS records a domain owner publishes so that SES can sign (DKIM) and bounce (MAIL FROM) for it. */
export interface DnsRecord {
  readonly name: string;
  readonly type: 'CNAME' | 'MX' | 'TXT';
  readonly value: string;
}

/**
 * The sending side of SES, kept with the data (stateful stack) because recipients' mail servers and the
 * domain's DNS come to trust it over time:
 * - the **domain identity** with Easy DKIM (2048-bit keys SES rotates itself) and a custom **MAIL FROM**
 *   domain (`bounce.<domain>`), so that both DKIM and SPF align with the From domain, as DMARC — mandatory on
 *   Dutch government domains — asks;
 * - the **configuration set** every send names: TLS required to the receiving server, reputation metrics
 *   (the bounce and complaint rates the alarms watch), and addresses that hard-bounced or complained put on
 *   the account's suppression list so SES never tries them again. Its events go to the outbox through the
 *   event destination of infra/mail-events.ts.
 *
 * The stack outputs the DNS records to publish (README, *Deploy*: DKIM CNAMEs, MAIL FROM MX and SPF).
 */
export class MailIdentity extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  /** The records to publish in DNS; empty for an email-address identity (no DKIM or MAIL FROM of our own). */
  readonly dnsRecords: readonly DnsRecord[];

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    const { settings } = props;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      sendingEnabled: true,
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    const domain = settings.sesIdentityKind === 'domain' ? settings.sesIdentity : undefined;
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: domain ? Identity.domain(domain) : Identity.email(settings.sesIdentity),
      // Mail that names no configuration set still gets this one (and its suppression and events).
      configurationSet: this.configurationSet,
      ...(domain && {
        dkimSigning: true,
        dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
        mailFromDomain: settings.mailFromDomain,
        // Until the MX record is published SES falls back to its own MAIL FROM: mail still goes out and
        // DKIM alone keeps DMARC aligned, instead of every send being refused.
        mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
      }),
    });

    const region = Stack.of(this).region;
    this.dnsRecords = domain
      ? [
          ...this.identity.dkimRecords.map(
            (record): DnsRecord => ({ name: record.name, type: 'CNAME', value: record.value }),
          ),
          ...(settings.mailFromDomain
            ? [
                {
                  name: settings.mailFromDomain,
                  type: 'MX' as const,
                  value: `10 feedback-smtp.${region}.amazonses.com`,
                },
                {
                  name: settings.mailFromDomain,
                  type: 'TXT' as const,
                  value: '"v=spf1 include:amazonses.com ~all"',
                },
              ]
            : []),
        ]
      : [];

    const scopeOfOutputs = Stack.of(this);
    this.dnsRecords.forEach((record, index) => {
      const label = record.type === 'CNAME' ? `DkimRecord${index + 1}` : `MailFrom${record.type}Record`;
      new CfnOutput(scopeOfOutputs, label, {
        description:
          record.type === 'CNAME'
            ? 'DNS record to publish: Easy DKIM (CNAME)'
            : `DNS record to publish: custom MAIL FROM (${record.type})`,
        value: Fn.join(' ', [record.name, record.type, record.value]),
      });
    });
    new CfnOutput(scopeOfOutputs, 'MailConfigurationSet', {
      description: 'SES configuration set named on every send (events, suppression)',
      value: this.configurationSet.configurationSetName,
    });
  }
}
