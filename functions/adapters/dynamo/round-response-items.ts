import type { CurrentVersionSummary, DraftSummary, RoundResponseStore } from '../../core/ports.js';
import { keyFits, roundPk, type Table } from './table.js';

/**
 * The attributes a round's status reads of the current-version copies and the drafts: no answers, no
 * page state (which make up nearly all of those items).
 */
const shown = [
  'SK',
  'formId',
  'municipality',
  'version',
  'submittedAt',
  'late',
  'warnings',
  'baseVersion',
  'savedAt',
] as const;

/**
 * A round's current versions and drafts in one Query: in the round's partition the keys `CURRENT#…` and
 * `DRAFT#…` are next to each other (nothing else sorts between them), so one key range holds both.
 */
export function roundResponseItems(table: Table): RoundResponseStore {
  return {
    async roundResponses(roundId: string) {
      // An id no round can have (its key too long for DynamoDB) has none, as `getRound` finds no round.
      if (!keyFits(roundPk(roundId), 'ROUND')) return { current: [], drafts: [] };
      const names = Object.fromEntries(shown.map((name, i) => [`#a${i}`, name]));
      const items = await table.queryAll<Record<string, unknown> & { SK: string }>(
        {
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': roundPk(roundId), ':from': 'CURRENT#', ':to': 'DRAFT$' },
          ProjectionExpression: [...Object.keys(names), '#by.#name'].join(', '),
          ExpressionAttributeNames: { ...names, '#by': 'submittedBy', '#name': 'name' },
          ConsistentRead: true,
        },
        true,
      );
      const current: CurrentVersionSummary[] = [];
      const drafts: DraftSummary[] = [];
      for (const { SK, ...item } of items) {
        if (SK.startsWith('CURRENT#')) current.push(item as unknown as CurrentVersionSummary);
        else if (SK.startsWith('DRAFT#')) drafts.push(item as unknown as DraftSummary);
      }
      return { current, drafts };
    },
  };
}
