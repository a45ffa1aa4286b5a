import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { tableKeys } from '../functions/adapters/table-definition.js';
import type { Registry } from '../functions/core/model.js';
import { overijssel } from '../functions/core/registry/overijssel.js';
import { staffGroups } from '../functions/core/registry/staff-groups.js';
import { MailIdentity, type MailIdentityProps } from './mail-identity.js';

export interface StatefulStackProps extends StackProps {
  /**
   * The seed registry whose regions and provinces become staff groups. @default Overijssel. Groups for what
   * a later import adds: `npm run admin -- staff-groups --aws`.
   */
  readonly registry?: Registry;
  /** Prefix of the Cognito sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`). @default regietafel-<account> */
  readonly signInDomainPrefix?: string;
  /** The SES identity (domain with DKIM and MAIL FROM) and the configuration set every send names. */
  readonly mail: MailIdentityProps;
}

/** Names of the global secondary indexes; IAM grants name each index ARN instead of `index/*`. */
export const tableIndexNames: readonly string[] = [tableKeys.gsi1.name];

/** Key prefix of the static assets in the forms bucket; CloudFront serves it as `/assets/*`. */
export const assetsKeyPrefix = 'assets/';

/**
 * Everything that holds data: the DynamoDB table, the forms bucket, the exports bucket, the access-log
 * bucket and the staff user pool — and the SES identity with its configuration set, whose DNS records and
 * sending reputation must outlive any code deploy. Kept apart
 * from the stateless stack so that redeploying code can never replace data: RETAIN everywhere, deletion
 * protection on the table, termination protection on the stack (set in build-app.ts).
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  /** Private bucket for the hosted forms' static files; CloudFront reads `assets/*` through OAC. */
  readonly formsBucket: Bucket;
  /** Receives the S3 server access logs of the forms bucket and the CloudFront access logs. */
  readonly logBucket: Bucket;
  /** Staff identities (regietafel, province); the staff handlers verify its ID tokens. */
  readonly userPool: UserPool;
  /** App client for scripts (SRP sign-in, Bearer tokens); the browser client is in the stateless stack. */
  readonly userPoolClient: UserPoolClient;
  /** The hosted sign-in pages (Cognito domain) where staff sign in from the dashboard. */
  readonly userPoolDomain: UserPoolDomain;
  /** Private bucket for exports too big for a Lambda answer; objects expire after a day. */
  readonly exportsBucket: Bucket;
  /** The SES domain identity and configuration set (see mail-identity.ts). */
  readonly mail: MailIdentity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    // Key names come from the adapters' table definition (the local run creates the same table from it).
    const { partitionKey, sortKey, gsi1, ttlAttribute } = tableKeys;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: gsi1.name,
          partitionKey: { name: gsi1.partitionKey, type: AttributeType.STRING },
          sortKey: { name: gsi1.sortKey, type: AttributeType.STRING },
          projectionType: ProjectionType[gsi1.projection],
        },
      ],
      timeToLiveAttribute: ttlAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with ACLs; S3 server access logging uses the bucket policy.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(365),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // No server access logs of its own: cdk-nag's S1 recognises it as the log destination of the forms bucket.

    this.formsBucket = new Bucket(this, 'FormsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/forms-bucket/',
      lifecycleRules: [{ id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Exports too big to answer directly: written by the export function, fetched by staff through a
    // pre-signed link valid for 15 minutes, deleted after a day. Nothing here is the only copy (the table is).
    this.exportsBucket = new Bucket(this, 'ExportsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/exports-bucket/',
      lifecycleRules: [
        {
          id: 'expire-exports',
          expiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // CloudFront reads the assets through Origin Access Control. The distribution lives in the stateless
    // stack, so its ARN cannot appear here without a cross-stack cycle (stateless already depends on this
    // stack). The grant is therefore scoped to this account's distributions and to the assets prefix only;
    // the assets are public CSS by design. The stateless stack acknowledges that it cannot edit this policy.
    this.formsBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudFrontOacReadAssets',
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.formsBucket.arnForObjects(`${assetsKeyPrefix}*`)],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*` },
        },
      }),
    );

    // Staff sign in with Cognito; municipalities never do (they use invitation links). Accounts are created
    // by an administrator, never by sign-up; MFA is required; the pool is kept when a stack is removed.
    this.userPool = new UserPool(this, 'StaffUserPool', {
      userPoolName: 'regietafel-staf',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection blocks risky sign-ins and compromised passwords (a few staff, small cost).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPoolClient = this.userPool.addClient('StaffClient', {
      userPoolClientName: 'regietafel-staf',
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    // Cognito's hosted sign-in pages (password + MFA); the prefix must be unique in the region, hence the
    // account id. The browser app client with its callback URL lives in the stateless stack (it needs the
    // CloudFront domain).
    this.userPoolDomain = this.userPool.addDomain('StaffSignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? `regietafel-${Aws.ACCOUNT_ID}` },
    });
    for (const group of staffGroups(props.registry ?? overijssel)) {
      new CfnUserPoolGroup(this, `Group${group.name.replace(/[^a-zA-Z0-9]/g, '')}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group.name,
        description: group.description,
      });
    }

    this.mail = new MailIdentity(this, 'Mail', props.mail);

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'FormsBucketName', { value: this.formsBucket.bucketName });
    new CfnOutput(this, 'StaffSignInUrl', { value: this.userPoolDomain.baseUrl() });
  }
}
