import { Duration } from 'aws-cdk-lib';
import {
  type IUserPoolClient,
  OAuthScope,
  type UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { configKeys } from '../functions/config.js';

export interface StaffSignInProps {
  /** Staff identities: the staff handlers verify this pool's ID tokens (browser client and script client). */
  readonly userPool: UserPool;
  /** The script client (SRP, Bearer tokens); its tokens are accepted too. */
  readonly userPoolClient: IUserPoolClient;
  /** Base URL of the Cognito hosted sign-in (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly signInUrl: string;
  /** The site's public address, where Cognito sends a person back after signing in or out. */
  readonly siteUrl: string;
}

export interface StaffSignIn {
  /** The Cognito app client of the dashboard's sign-in (hosted UI, code + PKCE). */
  readonly webClient: UserPoolClient;
  /** What every function under /staf needs to verify tokens and send a person to the sign-in page. */
  readonly environment: Record<string, string>;
}

/**
 * Staff sign-in: Cognito hosted UI, authorization code + PKCE, back to /staf/inloggen/terug. The app client
 * is created in `scope` (the stack) so its logical id stays what it always was.
 */
export function addStaffSignIn(scope: Construct, props: StaffSignInProps): StaffSignIn {
  const { siteUrl } = props;
  const webClient = new UserPoolClient(scope, 'StaffWebClient', {
    userPool: props.userPool,
    userPoolClientName: 'regietafel-staf-web',
    generateSecret: false,
    preventUserExistenceErrors: true,
    authFlows: {},
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
      callbackUrls: [`${siteUrl}/staf/inloggen/terug`],
      logoutUrls: [`${siteUrl}/`],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    // A working day; after that, signing in again (with MFA).
    idTokenValidity: Duration.hours(8),
    accessTokenValidity: Duration.hours(8),
    refreshTokenValidity: Duration.days(1),
  });
  const environment: Record<string, string> = {
    [configKeys.staffIssuer]: props.userPool.userPoolProviderUrl,
    [configKeys.staffClientId]: webClient.userPoolClientId,
    [configKeys.staffApiClientId]: props.userPoolClient.userPoolClientId,
    [configKeys.staffSignInUrl]: props.signInUrl,
  };
  return { webClient, environment };
}
