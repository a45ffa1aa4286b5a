import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SubmissionClaim } from '../../core/model.js';
import type { SubmissionClaimStore } from '../../core/ports.js';
import { roundPk, type Table } from './table.js';

type ClaimKey = Omit<SubmissionClaim, 'version' | 'claimedAt' | 'actor'>;

const claimSk = (key: ClaimKey) => `SUBMISSION#${key.formId}#${key.municipality}#${key.submissionId}`;

/**
 * Submission ids, in the round's partition next to the versions: one item per id that a municipality's
 * form used, naming the version it may produce. Written once (put-if-absent); moved only with a condition
 * on the version it named.
 */
export function submissionClaimItems(table: Table): SubmissionClaimStore {
  return {
    claimSubmissionId(claim: SubmissionClaim) {
      return table.putIfAbsent({
        PK: roundPk(claim.roundId),
        SK: claimSk(claim),
        entityType: 'submission-id',
        ...claim,
      });
    },

    getSubmissionClaim(key: ClaimKey) {
      return table.get<SubmissionClaim>(roundPk(key.roundId), claimSk(key));
    },

    moveSubmissionClaim(key: ClaimKey, from: number, to: number) {
      return table.conditionally(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: roundPk(key.roundId), SK: claimSk(key) },
          UpdateExpression: 'SET version = :to',
          ConditionExpression: 'version = :from',
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      );
    },
  };
}
