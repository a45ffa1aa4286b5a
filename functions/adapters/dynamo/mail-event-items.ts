import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryStatus, MailEvent, RecipientDelivery, Suppression } from '../../core/model.js';
import type { MailEventStore } from '../../core/ports.js';
import type { Table } from './table.js';

const mailPk = (id: string) => `MAIL#${id}`;
export const suppressionPk = (address: string) => `SUPPRESSED#${address.toLowerCase()}`;
export const suppressionSk = 'SUPPRESSED';
const suppressionIndex = 'SUPPRESSIONS';

/**
 * What SES tells about sent mail: one item per event under the email's own partition (`MAIL#<id>`,
 * `EVENT#<at>#<type>#<recipient>`: a redelivered event lands on the same key and changes nothing), the
 * outcome on the email item itself, and the suppression list (GSI1 `SUPPRESSIONS`).
 */
export function mailEventItems(table: Table): MailEventStore {
  return {
    putMailEvent(mailId: string, event: MailEvent) {
      return table.putIfAbsent({
        PK: mailPk(mailId),
        SK: `EVENT#${event.at}#${event.type}#${event.recipient.toLowerCase()}`,
        entityType: 'mail-event',
        ...event,
      });
    },

    listMailEvents(mailId: string) {
      return table.queryAll<MailEvent>({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': mailPk(mailId), ':prefix': 'EVENT#' },
        ConsistentRead: true,
      });
    },

    async setMailDelivery(
      mailId: string,
      delivery: Record<string, RecipientDelivery>,
      status: DeliveryStatus,
      eventCount: number,
    ) {
      await table.conditionally(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: mailPk(mailId), SK: 'MAIL' },
          UpdateExpression: 'SET delivery = :delivery, deliveryStatus = :status, deliveryEvents = :count',
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(deliveryEvents) OR deliveryEvents < :count)',
          ExpressionAttributeValues: { ':delivery': delivery, ':status': status, ':count': eventCount },
        }),
      );
    },

    async suppress(suppression: Suppression) {
      const address = suppression.address.toLowerCase();
      await table.documents.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            PK: suppressionPk(address),
            SK: suppressionSk,
            GSI1PK: suppressionIndex,
            GSI1SK: address,
            entityType: 'suppression',
            ...suppression,
            address,
          },
        }),
      );
    },

    async suppressionsOf(addresses: readonly string[]) {
      const unique = [...new Set(addresses.map((address) => address.toLowerCase()))];
      const found = await Promise.all(
        unique.map((address) => table.get<Suppression>(suppressionPk(address), suppressionSk)),
      );
      return found.filter((suppression): suppression is Suppression => suppression !== undefined);
    },

    listSuppressions() {
      return table.queryAll<Suppression>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': suppressionIndex },
      });
    },

    liftSuppression(address: string) {
      return table.conditionally(
        new DeleteCommand({
          TableName: table.name,
          Key: { PK: suppressionPk(address), SK: 'SUPPRESSED' },
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    },
  };
}
