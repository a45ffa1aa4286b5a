import type { AuditEvent } from '../../core/model.js';
import type { AuditStore } from '../../core/ports.js';
import type { Table } from './table.js';

/** An audit line's item (the key is the line's time and id, so writing it again changes nothing). */
export function auditItem(event: AuditEvent) {
  return {
    PK: `AUDIT#${event.roundId ?? 'global'}`,
    SK: `${event.at}#${event.id}`,
    entityType: 'audit',
    ...event,
  };
}

/** The audit trail: one partition per round (and one global), lines sorted by time, never changed. */
export function auditItems(table: Table): AuditStore {
  return {
    async audit(event: AuditEvent) {
      await table.putIfAbsent(auditItem(event));
    },

    listAudit(roundId?: string) {
      return table.queryAll<AuditEvent>({
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${roundId ?? 'global'}` },
        ConsistentRead: true,
      });
    },
    async remindersSent(roundId: string) {
      // The round's audit partition with a filter: only the reminder lines come back, and of those only
      // the two attributes the reminders page shows (not the recipients in their details).
      const lines = await table.queryAll<{ municipality?: string; at: string }>({
        KeyConditionExpression: 'PK = :pk',
        FilterExpression: '#action = :reminder',
        ProjectionExpression: 'municipality, #at',
        ExpressionAttributeNames: { '#action': 'action', '#at': 'at' },
        ExpressionAttributeValues: { ':pk': `AUDIT#${roundId}`, ':reminder': 'reminder' },
        ConsistentRead: true,
      });
      return lines.flatMap((line) =>
        line.municipality ? [{ municipality: line.municipality, at: line.at }] : [],
      );
    },
  };
}
