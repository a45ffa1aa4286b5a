import { randomBytes, randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../../core/model.js';
import type { InvitationStore } from '../../core/ports.js';
import type { Table } from './table.js';

type SigningKey = { id: string; secret: string };

/** Invitation links (the token itself is never stored) and the keys that sign them. */
export function invitationItems(table: Table): InvitationStore {
  /** Signing keys never change once written: cache them for the life of the process. */
  const keys = new Map<string, SigningKey>();

  async function invitationKey(id?: string): Promise<SigningKey> {
    const cached = keys.get(id ?? 'current');
    if (cached) return cached;
    let key = await table.get<SigningKey>('CONFIG', `INVITATION-KEY#${id ?? 'current'}`);
    if (!key && id) {
      const current = await invitationKey();
      if (current.id === id) key = current;
    }
    if (!key && id) throw new Error(`Onbekende sleutel voor uitnodigingslinks: ${id}`);
    if (!key) {
      const created = { id: randomUUID(), secret: randomBytes(32).toString('base64') };
      // Whoever writes first wins; everyone else reads the winner's key.
      if (
        await table.putIfAbsent({ PK: 'CONFIG', SK: 'INVITATION-KEY#current', entityType: 'key', ...created })
      ) {
        await table.putIfAbsent({
          PK: 'CONFIG',
          SK: `INVITATION-KEY#${created.id}`,
          entityType: 'key',
          ...created,
        });
      }
      key = await table.get<SigningKey>('CONFIG', 'INVITATION-KEY#current');
    }
    keys.set(id ?? 'current', key!);
    return key!;
  }

  return {
    invitationKey,

    async putInvitation(invitation: Invitation) {
      await table.documents.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            PK: `INVITATION#${invitation.id}`,
            SK: 'INVITATION',
            GSI1PK: `INVITATIONS#${invitation.roundId}`,
            GSI1SK: `${invitation.municipality}#${invitation.createdAt}`,
            entityType: 'invitation',
            ...invitation,
          },
        }),
      );
    },

    getInvitation(id: string) {
      return table.get<Invitation>(`INVITATION#${id}`, 'INVITATION');
    },

    listInvitations(roundId: string) {
      return table.queryAll<Invitation>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `INVITATIONS#${roundId}` },
      });
    },

    revokeInvitation(id: string, at: string) {
      return table.conditionally(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: `INVITATION#${id}`, SK: 'INVITATION' },
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },

    async recordInvitationSent(id: string, to: readonly string[], at: string) {
      await table.documents.send(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: `INVITATION#${id}`, SK: 'INVITATION' },
          UpdateExpression: 'SET sentTo = :to, sentAt = :at',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':to': [...to], ':at': at },
        }),
      );
    },

    recordInvitationOpened(id: string, at: string) {
      // Only the first opening is kept: a condition, not a read-then-write, so two clicks at once agree.
      return table.conditionally(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: `INVITATION#${id}`, SK: 'INVITATION' },
          UpdateExpression: 'SET firstOpenedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(firstOpenedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },

    setInvitationExpiry(id: string, expiresAt: string) {
      return table.conditionally(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: `INVITATION#${id}`, SK: 'INVITATION' },
          UpdateExpression: 'SET expiresAt = :expiresAt',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':expiresAt': expiresAt },
        }),
      );
    },
  };
}
