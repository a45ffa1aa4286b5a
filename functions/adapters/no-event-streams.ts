/**
 * `@smithy/core/event-streams` as bundled into a Lambda that has no S3 client (infra/route-function.ts
 * aliases the module to this one). The SDK's HTTP protocol loads event streams with a dynamic `import()`
 * for the operations that stream events; DynamoDB and SES have none. That one dynamic import made esbuild
 * wrap the event-stream code and every SDK module it reaches (about 150) in lazy initialisers, which V8
 * parses twice at a cold start (issue 14). Only the two names that import asks for exist here, so a static
 * import of anything else from the module (S3 has one: its bundles keep the real module) fails the build.
 */
function notBundled(): never {
  throw new Error(
    'Deze functie bundelt geen event streams van de AWS SDK (infra/route-function.ts): alleen S3 gebruikt ze.',
  );
}

export class EventStreamSerde {
  constructor() {
    notBundled();
  }
}

export const eventStreamSerdeProvider = (): never => notBundled();
