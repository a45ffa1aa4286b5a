import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The SDK's default credential chain, as bundled into a Lambda (infra/route-function.ts aliases
 * `@aws-sdk/credential-provider-node` to this module). In Lambda the credentials of the function's role
 * are always in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the
 * rest of the chain — profiles, SSO, web identity, the container and instance metadata services, with
 * their STS and SSO clients — would be 85 KB of every bundle that a cold start parses and never runs.
 * Run from source (locally, the CLI, the tests) the real default chain is used.
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
