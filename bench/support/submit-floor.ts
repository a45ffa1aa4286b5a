import { randomUUID } from 'node:crypto';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutboxMail, SubmissionVersion } from '../../functions/core/model.js';

/**
 * The floor of a submission (bench:submit, bench:load): one conditional PutItem of an item as big as the
 * stored version plus one SendRawEmail of a message as big as its confirmation, through the same SDK and
 * the same emulators (the endpoint variables the handlers use). Nothing a submission does can be cheaper.
 */

/** What one floor operation writes and sends: sized after a real stored version and its confirmation. */
export interface FloorSizes {
  readonly item: string;
  readonly mime: Buffer;
  readonly to: string[];
}

/** The sizes of a stored version and of its confirmation email as MIME. */
export async function floorSizes(version: SubmissionVersion, mail: OutboxMail): Promise<FloorSizes> {
  const mime = await new MailComposer({
    from: process.env.MAIL_FROM,
    to: [...mail.to],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    textEncoding: 'quoted-printable',
  })
    .compile()
    .build();
  return { item: JSON.stringify(version), mime, to: [...mail.to] };
}

export interface SubmitFloor {
  /** One PutItem + SendRawEmail of these sizes; its time in ms. */
  once(sizes: FloorSizes): Promise<number>;
  destroy(): void;
}

export function submitFloor(tableName: string): SubmitFloor {
  const dynamo = new DynamoDBClient({});
  const ses = new SESClient({});
  return {
    async once(sizes) {
      const started = performance.now();
      await dynamo.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { PK: { S: `FLOOR#${randomUUID()}` }, SK: { S: 'VERSION' }, body: { S: sizes.item } },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      await ses.send(
        new SendRawEmailCommand({
          Source: process.env.MAIL_FROM,
          Destinations: sizes.to,
          RawMessage: { Data: sizes.mime },
        }),
      );
      return performance.now() - started;
    },
    destroy() {
      dynamo.destroy();
      ses.destroy();
    },
  };
}
