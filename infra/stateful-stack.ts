import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { tableKeys } from '../functions/adapters/table-definition.js';

/** Names of the global secondary indexes; IAM grants name each index ARN instead of `index/*`. */
export const tableIndexNames: readonly string[] = [tableKeys.gsi1.name];

/** Key prefix of the static assets in the forms bucket; CloudFront serves it as `/assets/*`. */
export const assetsKeyPrefix = 'assets/';

/**
 * Everything that holds data: the DynamoDB table, the forms bucket and the access-log bucket. Kept apart
 * from the stateless stack so that redeploying code can never replace data: RETAIN everywhere, deletion
 * protection on the table, termination protection on the stack (set in build-app.ts).
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  /** Private bucket for the hosted forms' static files; CloudFront reads `assets/*` through OAC. */
  readonly formsBucket: Bucket;
  /** Receives the S3 server access logs of the forms bucket and the CloudFront access logs. */
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
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

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FormsBucketName', { value: this.formsBucket.bucketName });
  }
}
