import { type App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../infra/build-app.js';
import { buildTestApp, removeTestOutdirs } from './helpers.js';

interface Acknowledgement {
  readonly path: string;
  readonly construct: IConstruct;
  /** As recorded by Validations.of().acknowledge(), e.g. `Annotation::AwsSolutions-IAM5[Action::s3:List*]`. */
  readonly qualifiedId: string;
  /** Without the plugin prefix, as cdk-nag names its findings. */
  readonly id: string;
  readonly reason: string;
}

interface Finding {
  readonly ruleName: string;
  readonly severity: string;
  readonly paths: readonly string[];
}

let built: BuiltApp;
let synthError: unknown;

function findings(scope: IConstruct, options: { ignoreAcknowledgements: boolean }): Finding[] {
  const pack = new AwsSolutionsChecks();
  // cdk-nag 3 keeps the acknowledgement check private; switching it off lists every raw finding, which is
  // how the test proves each acknowledgement still matches one.
  if (options.ignoreAcknowledgements) Object.assign(pack, { isAcknowledged: () => false });
  return pack.validateScope(scope).violations.map((violation) => ({
    ruleName: violation.ruleName,
    severity: violation.severity ?? 'error',
    paths: violation.violatingResources.map((resource) => resource.constructPath ?? ''),
  }));
}

function acknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([qualifiedId, reason]) => ({
          path: construct.node.path,
          construct,
          qualifiedId,
          id: qualifiedId.replace(/^[A-Za-z]+::/, ''),
          reason,
        })),
      ),
  );
}

beforeAll(() => {
  built = buildTestApp({ nag: true });
  try {
    // Runs the AwsSolutions plugin exactly like `cdk synth`: unacknowledged findings throw here.
    built.app.synth();
  } catch (error) {
    synthError = error;
  }
}, 120_000);
afterAll(removeTestOutdirs);

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    const open = findings(built.app, { ignoreAcknowledgements: false }).map(
      (finding) => `${finding.severity} ${finding.ruleName} at ${finding.paths.join(', ')}`,
    );
    expect(open).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  it('leaves no unacknowledged construct warning or error (they would land in the validation report too)', () => {
    for (const stack of [built.stateful, built.stateless]) {
      const annotations = Annotations.fromStack(stack);
      const messages = [
        ...annotations.findWarning('*', Match.anyValue()),
        ...annotations.findError('*', Match.anyValue()),
      ].map((message) => `${message.id}: ${JSON.stringify(message.entry.data)}`);
      expect(messages).toEqual([]);
    }
  });

  it('gives every acknowledgement a real reason', () => {
    const acks = acknowledgements(built.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const words = ack.reason.trim().split(/\s+/);
      expect(words.length, `${ack.id} at ${ack.path}: "${ack.reason}"`).toBeGreaterThanOrEqual(12);
      expect(ack.reason, `${ack.id} at ${ack.path}`).not.toMatch(
        /^(todo|tbd|n\/?a|ok|suppress(ed)?|ignore(d)?)\b/i,
      );
    }
  });

  it('acknowledges on specific constructs, never on the app or a whole stack', () => {
    for (const ack of acknowledgements(built.app)) {
      expect(
        ack.construct instanceof Stack || ack.construct instanceof Stage,
        `${ack.id} at ${ack.path}`,
      ).toBe(false);
    }
  });

  it('acknowledges wildcard and managed-policy findings one at a time', () => {
    for (const ack of acknowledgements(built.app)) {
      if (/^AwsSolutions-IAM[45]/.test(ack.id))
        expect(ack.id, ack.path).toMatch(/^AwsSolutions-IAM[45]\[.+\]$/);
    }
  });

  it('has no stale acknowledgement: each one matches a finding on its construct or below', () => {
    const raw = findings(built.app, { ignoreAcknowledgements: true });
    const nagAcks = acknowledgements(built.app).filter((ack) => ack.id.startsWith('AwsSolutions-'));
    expect(nagAcks.length).toBeGreaterThan(0);
    for (const ack of nagAcks) {
      const matched = raw.some(
        (finding) =>
          finding.ruleName === ack.id &&
          finding.paths.some((path) => path === ack.path || path.startsWith(`${ack.path}/`)),
      );
      expect(matched, `${ack.id} at ${ack.path} matches no finding`).toBe(true);
    }
  });
});
