import {
  type Draft,
  type Invitation,
  type Municipality,
  maxVersion,
  type Round,
  type SubmissionVersion,
  type Suppression,
} from '../../core/model.js';
import type { AmendmentStore } from '../../core/ports.js';
import { draftSk } from './draft-items.js';
import { suppressionPk, suppressionSk } from './mail-event-items.js';
import { cachedRead } from './reference-cache.js';
import { municipalityCacheKey, municipalityKey, regionCacheKey, regionKey } from './registry-items.js';
import { roundCacheKey, roundKey } from './round-items.js';
import { versionSk } from './submission-items.js';
import { roundPk, type Table } from './table.js';

/**
 * A read of this process's copy (`cachedRead`) that, when there is no copy, is answered by the batch the
 * caller is about to send: the entry is registered before the batch goes out, exactly as a read of its
 * own would be, so a write that forgets the copies meanwhile drops this one too.
 */
function fromBatchUnlessKept(table: Table, cacheKey: string, key: { PK: string; SK: string }) {
  let settle: { resolve(value: unknown): void; reject(error: unknown): void } | undefined;
  void cachedRead(
    table.name,
    cacheKey,
    () =>
      new Promise<unknown>((resolve, reject) => {
        settle = { resolve, reject };
      }),
  ).catch(() => undefined);
  // Set by the executor above, which cachedRead runs at once when it keeps no copy.
  const batched = settle as typeof settle;
  return batched && { key, settle: batched };
}

/**
 * What a submission starts from, read together: the version it amends, the municipality's draft (so the
 * submission knows whether there is a draft to delete) and whether the address its confirmation goes to
 * is on the suppression list (so the send need not look), and the invitation of the link it came with, in
 * one BatchGetItem.
 */
export function amendmentItems(table: Table): AmendmentStore {
  return {
    async formPageBase(
      roundId: string,
      formId: string,
      municipality: string,
      invitationId: string,
      regionHint?: string,
    ) {
      const pending = [
        fromBatchUnlessKept(table, roundCacheKey(roundId), roundKey(roundId)),
        fromBatchUnlessKept(table, municipalityCacheKey(municipality), municipalityKey(municipality)),
        regionHint
          ? fromBatchUnlessKept(table, regionCacheKey(regionHint), regionKey(regionHint))
          : undefined,
      ].filter((one) => one !== undefined);
      const keys = [
        { PK: `INVITATION#${invitationId}`, SK: 'INVITATION' },
        { PK: roundPk(roundId), SK: draftSk(formId, municipality) },
        ...pending.map((one) => one.key),
      ];
      try {
        const [invitation, draft, ...kept] = await table.getMany<Invitation | Draft | Round | Municipality>(
          keys,
        );
        for (const [i, one] of pending.entries()) one.settle.resolve(kept[i]);
        return { invitation: invitation as Invitation | undefined, draft: draft as Draft | undefined };
      } catch (error) {
        for (const one of pending) one.settle.reject(error);
        throw error;
      }
    },

    async amendmentBase(
      roundId: string,
      formId: string,
      municipality: string,
      baseVersion: number,
      options: { mailTo?: string; invitationId?: string; round?: boolean } = {},
    ) {
      const pk = roundPk(roundId);
      // A number no version can have names nothing (as getVersion answers).
      const versionKey =
        Number.isInteger(baseVersion) && baseVersion >= 1 && baseVersion <= maxVersion
          ? { PK: pk, SK: versionSk(formId, municipality, baseVersion) }
          : undefined;
      const suppressionKey =
        options.mailTo === undefined ? undefined : { PK: suppressionPk(options.mailTo), SK: suppressionSk };
      const invitationKey =
        options.invitationId === undefined
          ? undefined
          : { PK: `INVITATION#${options.invitationId}`, SK: 'INVITATION' };
      const storedRound = options.round ? roundKey(roundId) : undefined;
      const keys = [
        { PK: pk, SK: draftSk(formId, municipality) },
        versionKey,
        suppressionKey,
        invitationKey,
        storedRound,
      ];
      const wanted = keys.filter((key) => key !== undefined);
      const found = await table.getMany<SubmissionVersion | Draft | Suppression | Invitation | Round>(wanted);
      const [draft, previous, suppression, invitation, round] = keys.map((key) =>
        key === undefined ? undefined : found[wanted.indexOf(key)],
      );
      return {
        draft: draft as Draft | undefined,
        previous: previous as SubmissionVersion | undefined,
        ...(suppressionKey && { suppressions: suppression ? [suppression as Suppression] : [] }),
        ...(invitationKey && { invitation: invitation as Invitation | undefined }),
        ...(round && { round: round as Round }),
      };
    },
  };
}
