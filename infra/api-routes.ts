import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { methodNotAllowedEntry, pathsWithMethods, type RouteDefinition } from '../functions/http/routes.js';
import { bindExports, bindMailer, bindTable, type MailSettings, RouteFunction } from './route-function.js';

const apiGatewayNoAuthorizerReason =
  'Route of the hosted forms: municipality officials have no accounts; they arrive through signed invitation ' +
  'links (jose HS256, revocable, scoped to municipality and round) that the handler verifies, together with ' +
  'the authorization policy, before it reads or writes anything.';

const staffRouteReason =
  'Staff route: the handler verifies the Cognito ID token (jose against the user pool JWKS: signature, issuer, ' +
  'audience = our app clients, expiry) from the HttpOnly sign-in cookie or a Bearer header, then applies the ' +
  'authorization policy, before it reads anything. An API Gateway JWT authorizer reads only a header, so a ' +
  'browser with its cookie could never pass it, and it cannot send a person to the sign-in page.';

const signInReason =
  'Staff sign-in step (redirect to Cognito, code exchange, sign-out): it is how a person obtains the token an ' +
  'authorizer would ask for; the function has no table or mail grants.';

const publicPageReason =
  'Public page (the start page, the accessibility statement, the not-found page for unknown addresses): its ' +
  'function has no table or mail grants, so there is nothing to protect behind an authorizer.';

/** PascalCase construct id from a kebab-case route id. */
function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

export interface ApiRoutesProps {
  readonly api: HttpApi;
  readonly routes: readonly RouteDefinition[];
  readonly table: ITableV2;
  readonly exportsBucket: IBucket;
  readonly mail: MailSettings;
  /** Environment of every function. */
  readonly commonEnvironment: Record<string, string>;
  /** Added for the functions under /staf (infra/staff-sign-in.ts). */
  readonly staffEnvironment: Record<string, string>;
}

export interface ApiRoutes {
  /** The function of each route, by route id. */
  readonly routeFunctions: ReadonlyMap<string, RouteFunction>;
  /** ANY on every route-table path: answers 405. */
  readonly methodNotAllowedFunction: RouteFunction;
}

/**
 * One function per route of the route table, its grants (from the route's declared access) and its API
 * Gateway route, plus the 405 catch-all of every path. Everything is created in `scope` (the stack) so the
 * logical ids stay what they always were.
 */
export function addApiRoutes(scope: Construct, props: ApiRoutesProps): ApiRoutes {
  const { api, routes } = props;
  const routeFunctions = new Map<string, RouteFunction>();
  for (const route of routes) {
    const staffArea = route.path === '/staf' || route.path.startsWith('/staf/');
    const fn = new RouteFunction(scope, `${pascalCase(route.id)}Function`, {
      entry: route.entry,
      description: `${route.method} ${route.path}: ${route.description}`,
      environment: { ...props.commonEnvironment, ...(staffArea ? props.staffEnvironment : {}) },
      access: route.access,
      // Exports stream every round of a form: the most time API Gateway allows (30 s) and more CPU.
      ...(route.access.exportFiles && { timeout: Duration.seconds(29), memorySize: 1024 }),
    });
    if (route.access.table !== 'none') bindTable(fn, props.table, route.access.table);
    if (route.access.sendsMail) bindMailer(fn, props.mail);
    if (route.access.exportFiles) bindExports(fn, props.exportsBucket);
    routeFunctions.set(route.id, fn);

    const integration = new HttpLambdaIntegration(`${pascalCase(route.id)}Integration`, fn);
    // The catch-all is API Gateway's `$default` route: whatever no other route matches.
    const httpRoute =
      route.method === 'ANY'
        ? new HttpRoute(scope, `${pascalCase(route.id)}Route`, {
            httpApi: api,
            routeKey: HttpRouteKey.DEFAULT,
            integration,
          })
        : api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration })[0];
    // Every route authenticates in its handler: invitation links for municipalities, the Cognito ID
    // token (cookie or Bearer) for staff; see the reasons above.
    const touchesData = route.access.table !== 'none' || route.access.sendsMail;
    Validations.of(httpRoute!).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        route.auth === 'staff'
          ? staffRouteReason
          : staffArea
            ? signInReason
            : touchesData
              ? apiGatewayNoAuthorizerReason
              : publicPageReason,
    });
    if (route.access.exportFiles) {
      Validations.of(fn.role!).acknowledge({
        // The bucket ARN arrives from the stateful stack as a weak cross-stack reference, named after the
        // bucket's logical id, which never changes (see acknowledgeBucketDeploymentFindings).
        id: `AwsSolutions-IAM5[Resource::${JSON.stringify({
          'Fn::GetStackOutput': {
            StackName: Stack.of(props.exportsBucket).stackName,
            Region: Stack.of(scope).region,
            OutputName: 'PublishOutputFnGetAttExportsBucket5A12738BArn72A10252',
          },
        })}/exports/*]`,
        reason:
          'The export function writes one object per export under exports/ (a new key each time) and signs a ' +
          'GET link to it; S3 object ARNs need the wildcard, limited to that prefix of the exports bucket.',
      });
    }
  }

  // Every method a path does not define answers 405 (HTTP APIs prefer the exact method over ANY).
  const methodNotAllowedFunction = new RouteFunction(scope, 'MethodNotAllowedFunction', {
    entry: methodNotAllowedEntry,
    description: 'ANY on every route-table path: answers 405 with the allowed methods.',
    memorySize: 256,
    environment: props.commonEnvironment,
    access: { table: 'none', sendsMail: false },
  });
  const methodNotAllowed = new HttpLambdaIntegration('MethodNotAllowedIntegration', methodNotAllowedFunction);
  for (const routePath of pathsWithMethods(routes).keys()) {
    const [anyRoute] = api.addRoutes({
      path: routePath,
      methods: [HttpMethod.ANY],
      integration: methodNotAllowed,
    });
    Validations.of(anyRoute!).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Catch-all for methods a path does not define: the function only answers 405 Method Not Allowed and ' +
        'touches no data (no table or mail grants), so there is nothing to authorize.',
    });
  }
  return { routeFunctions, methodNotAllowedFunction };
}
