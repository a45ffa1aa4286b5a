import fs from 'node:fs';
import { DefaultStackSynthesizer, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { assetCacheControl, type StaticAsset } from '../forms/assets.js';
import { assetsKeyPrefix } from './stateful-stack.js';

export interface StaticAssetsProps {
  readonly assets: readonly StaticAsset[];
  /** The forms bucket (from the stateful stack); the assets go under `assets/`. */
  readonly bucket: IBucket;
  /** Invalidated after each upload. */
  readonly distribution: IDistribution;
}

/**
 * Uploads the static assets: one BucketDeployment per content type and caching (BucketDeployment sets one
 * of each for all its files). Keys are the URL paths without the leading slash. No pruning: several
 * deployments share the prefix, and pages rendered just before a deploy still ask for the previous
 * stylesheet (its hashed name differs, so it stays beside the new one). Created in `scope` (the stack) so
 * the logical ids stay what they always were.
 */
export function deployStaticAssets(scope: Construct, props: StaticAssetsProps): void {
  const { bucket } = props;
  const byKind = new Map<string, StaticAsset[]>();
  for (const asset of props.assets) {
    const key = asset.urlPath.replace(/^\//, '');
    if (!key.startsWith(assetsKeyPrefix)) {
      throw new Error(
        `Static asset ${asset.urlPath} is outside /${assetsKeyPrefix}: CloudFront only serves /${assetsKeyPrefix}* from the bucket.`,
      );
    }
    if (!fs.existsSync(asset.file)) {
      throw new Error(`Static asset ${asset.urlPath} points at ${asset.file}, which does not exist.`);
    }
    const kind = `${asset.contentType}\n${assetCacheControl(asset)}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), asset]);
  }

  const deployments: BucketDeployment[] = [];
  // One log group for the shared helper Lambda of all deployments (CDK's own would never expire).
  const logGroup = new LogGroup(scope, 'AssetsDeploymentLogs', { retention: RetentionDays.THREE_MONTHS });
  for (const group of byKind.values()) {
    deployments.push(
      new BucketDeployment(scope, `AssetsDeployment${deployments.length + 1}`, {
        sources: group.map((asset) =>
          Source.data(
            asset.urlPath.replace(/^\//, '').slice(assetsKeyPrefix.length),
            fs.readFileSync(asset.file, 'utf8'),
          ),
        ),
        destinationBucket: bucket,
        destinationKeyPrefix: assetsKeyPrefix,
        contentType: group[0]!.contentType,
        // Hashed names (the stylesheet) never change: a year, immutable. Others: an hour, and the deploy
        // invalidates CloudFront.
        cacheControl: [CacheControl.fromString(assetCacheControl(group[0]!))],
        prune: false,
        distribution: props.distribution,
        distributionPaths: [`/${assetsKeyPrefix}*`],
        logGroup,
      }),
    );
  }
  if (deployments[0]) acknowledgeBucketDeploymentFindings(deployments[0], bucket);
}

/**
 * BucketDeployment runs one CDK-provided singleton Lambda (shared by all deployments of the stack) whose
 * role and runtime we do not control. Each finding is acknowledged on its own.
 */
function acknowledgeBucketDeploymentFindings(deployment: BucketDeployment, bucket: IBucket): void {
  const stack = Stack.of(deployment);
  const role = deployment.handlerRole;
  const ack = (id: string, reason: string) => Validations.of(role).acknowledge({ id, reason });
  const owner =
    'the CDK BucketDeployment custom resource that copies the static assets into the forms bucket';

  ack(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `Role of ${owner}; CDK attaches the basic execution policy (CloudWatch Logs only) and offers no way to replace it.`,
  );
  const s3Reason = (verb: string) =>
    `CDK's bucket grant for ${owner}: it ${verb}. The resource is limited to the CDK assets bucket and the forms bucket.`;
  ack('AwsSolutions-IAM5[Action::s3:GetBucket*]', s3Reason('reads bucket metadata while syncing'));
  ack(
    'AwsSolutions-IAM5[Action::s3:GetObject*]',
    s3Reason('reads the uploaded asset zip and existing objects'),
  );
  ack('AwsSolutions-IAM5[Action::s3:List*]', s3Reason('lists the destination prefix for `aws s3 sync`'));
  ack('AwsSolutions-IAM5[Action::s3:Abort*]', s3Reason('aborts failed multipart uploads'));
  ack(
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
    s3Reason('may delete objects it replaces (pruning is off)'),
  );

  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const qualifier =
    (stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ??
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  ack(
    `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-${stack.region}/*]`,
    `${owner} reads its source zip from the CDK bootstrap assets bucket; the object key is a content hash only known at deploy time.`,
  );
  // The forms bucket's ARN arrives from the stateful stack as a weak cross-stack reference
  // (@aws-cdk/core:defaultCrossStackReferences = weak), rendered as Fn::GetStackOutput of an output CDK names
  // after the bucket's logical id. That id never changes (the bucket is retained data), so neither does this.
  const bucketArnOutput = {
    'Fn::GetStackOutput': {
      StackName: Stack.of(bucket).stackName,
      Region: stack.region,
      OutputName: 'PublishOutputFnGetAttFormsBucket9C3F8E46Arn8D9F1970',
    },
  };
  ack(
    `AwsSolutions-IAM5[Resource::${JSON.stringify(bucketArnOutput)}/*]`,
    `${owner} writes objects into the forms bucket (under assets/); S3 object ARNs need the wildcard.`,
  );
  ack(
    'AwsSolutions-IAM5[Resource::*]',
    `${owner} invalidates /assets/* on the distribution after an upload; CloudFront invalidation actions cannot be scoped in CDK's grant.`,
  );

  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!handler) throw new Error('BucketDeployment handler not found: did aws-cdk-lib rename it?');
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-L1',
    reason: `The runtime of ${owner} is chosen by aws-cdk-lib (Python, with the AWS CLI layer) and updated with it; it is not ours to pin.`,
  });
}
