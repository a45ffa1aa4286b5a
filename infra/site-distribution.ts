import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { assetsNotFoundFunctionCode } from './assets-not-found.js';
import { assetsKeyPrefix } from './stateful-stack.js';

/**
 * Copies the viewer's Host into `x-forwarded-host` (overwriting anything the viewer sent) so handlers can
 * build absolute links; the origin request itself carries the API Gateway host.
 */
const forwardHostFunctionCode = `function handler(event) {
  var request = event.request;
  var host = request.headers.host;
  if (host && host.value) {
    request.headers['x-forwarded-host'] = { value: host.value };
  } else {
    delete request.headers['x-forwarded-host'];
  }
  return request;
}`;

export interface SiteDistributionProps {
  /** The origin of pages and API answers (everything but the static assets). */
  readonly api: HttpApi;
  /** The static assets, under `assets/` (from the stateful stack). */
  readonly formsBucket: IBucket;
  /** Destination of the CloudFront access logs (prefix `cloudfront/`). */
  readonly logBucket: IBucket;
  /** The URL paths of the deployed static assets; any other `/assets/*` address is a Dutch 404. */
  readonly assetPaths: readonly string[];
}

/**
 * The CloudFront distribution in front of everything: the HTTP API for pages and answers, the forms bucket
 * for `/assets/*`, security headers on every response. Created in `scope` (the stack) so the logical ids
 * stay what they always were.
 */
export function createSiteDistribution(scope: Construct, props: SiteDistributionProps): Distribution {
  const stack = Stack.of(scope);
  const securityHeaders = new ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment: 'regietafel: security headers on every response',
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365 * 2),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      // A baseline for pages that do not send their own; a handler's Content-Security-Policy wins.
      contentSecurityPolicy: {
        contentSecurityPolicy:
          "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
          "form-action 'self'; frame-ancestors 'none'",
        override: false,
      },
    },
  });

  const forwardHost = new CloudFrontFunction(scope, 'ForwardHostFunction', {
    comment: 'Copies the viewer Host header into x-forwarded-host',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(forwardHostFunctionCode),
  });

  const assetsNotFound = new CloudFrontFunction(scope, 'AssetsNotFoundFunction', {
    comment: 'Answers unknown /assets/* addresses with a Dutch 404 page instead of S3 AccessDenied',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(assetsNotFoundFunctionCode(props.assetPaths)),
  });

  const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
    protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [OriginSslPolicy.TLS_V1_2],
  });

  // The bucket comes from the stateful stack. Handing the origin a reference (not the Bucket itself) keeps
  // it from adding the distribution's ARN to that stack's bucket policy, which would be a cross-stack cycle;
  // the stateful stack grants OAC reads on `assets/*` to this account's distributions instead.
  const formsBucketRef = Bucket.fromBucketAttributes(scope, 'FormsBucketRef', {
    bucketArn: props.formsBucket.bucketArn,
    bucketName: props.formsBucket.bucketName,
    bucketRegionalDomainName: props.formsBucket.bucketRegionalDomainName,
  });
  const assetsOrigin = S3BucketOrigin.withOriginAccessControl(formsBucketRef);

  // Pages and API answers are never cached (every one says `Cache-Control: no-store`, and the TTLs are 0
  // when it would not), but CloudFront compresses only under a cache policy that allows gzip and Brotli,
  // which CachingDisabled does not and which CloudFront refuses when every TTL is 0: hence this policy,
  // whose maximum TTL of one second only caps what an origin might ask for. Should anything ever be
  // cached, the key holds everything that tells one person's page from another's.
  const pagesCachePolicy = new CachePolicy(scope, 'PagesCachePolicy', {
    comment: 'regietafel: pages and API, not cached (origin no-store, TTL 0), compressed (gzip, Brotli)',
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.seconds(1),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
    cookieBehavior: CacheCookieBehavior.all(),
    queryStringBehavior: CacheQueryStringBehavior.all(),
    headerBehavior: CacheHeaderBehavior.allowList('Authorization', 'Accept'),
  });

  const distribution = new Distribution(scope, 'Distribution', {
    comment: 'regietafel: hosted forms',
    httpVersion: HttpVersion.HTTP2_AND_3,
    priceClass: PriceClass.PRICE_CLASS_100,
    enableIpv6: true,
    enableLogging: true,
    logBucket: props.logBucket,
    logFilePrefix: 'cloudfront/',
    defaultBehavior: {
      origin: apiOrigin,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: pagesCachePolicy,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
      functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    },
    additionalBehaviors: {
      [`/${assetsKeyPrefix}*`]: {
        origin: assetsOrigin,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: assetsNotFound, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
    },
  });

  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'No custom domain yet, so the distribution uses the default *.cloudfront.net certificate, for which ' +
        'CloudFront fixes the viewer security policy at TLSv1 whatever MinimumProtocolVersion says. Modern ' +
        'browsers negotiate TLS 1.2/1.3 anyway. A custom domain with an ACM certificate (us-east-1) and ' +
        'TLSv1.2_2021 is the fix and comes with the production domain.',
    },
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the users are Dutch municipal and provincial officials, who also work abroad or ' +
        'behind VPN exits elsewhere. Access is controlled by signed invitation links (and staff JWTs), not location.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF for now: a handful of routes for a known group of officials, every form link is signed, and the ' +
        'API stage throttle caps load and cost. A web ACL (rate-based rule, managed rules) is the next step if ' +
        'abuse shows up in the access logs.',
    },
    {
      id: 'Annotation::@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      reason:
        'On purpose: the forms bucket belongs to the stateful stack, whose bucket policy already lets ' +
        "CloudFront (OAC, this account's distributions) read assets/*. Editing it from here would be a cross-stack cycle.",
    },
  );
  return distribution;
}
