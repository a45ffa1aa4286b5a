import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface ApiThrottle {
  /** Steady-state requests per second over the whole stage. */
  readonly rateLimit: number;
  /** Short bursts above the rate. */
  readonly burstLimit: number;
}

/**
 * A few dozen municipalities and staff fill in forms and download exports: far below these limits. They
 * cap what a misbehaving client (or a loop) can cost; the account default would be 10 000 rps.
 */
export const defaultApiThrottle: ApiThrottle = { rateLimit: 50, burstLimit: 100 };

export interface HttpApiWithStage {
  readonly api: HttpApi;
  readonly stage: HttpStage;
}

/**
 * The HTTP API (routes are added by infra/api-routes.ts) and its one stage: throttled, with JSON access
 * logs. The constructs are created in `scope` (the stack) so their logical ids stay what they always were.
 */
export function createHttpApi(scope: Construct, throttle: ApiThrottle): HttpApiWithStage {
  const api = new HttpApi(scope, 'Api', {
    apiName: 'regietafel',
    description: 'Regietafel: hosted forms and their submissions (behind CloudFront).',
    createDefaultStage: false,
  });
  const accessLogs = new LogGroup(scope, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS });
  const stage = new HttpStage(scope, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle,
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      // No query string: invitation tokens must not end up in the logs.
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          requestTime: '$context.requestTime',
          ip: '$context.identity.sourceIp',
          userAgent: '$context.identity.userAgent',
          httpMethod: '$context.httpMethod',
          routeKey: '$context.routeKey',
          path: '$context.path',
          protocol: '$context.protocol',
          status: '$context.status',
          responseLength: '$context.responseLength',
          responseLatency: '$context.responseLatency',
          integrationStatus: '$context.integrationStatus',
          integrationLatency: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
          errorMessage: '$context.error.message',
        }),
      ),
    },
  });
  return { api, stage };
}
