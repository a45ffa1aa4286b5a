import {
  type Draft,
  type Invitation,
  maxVersion,
  type SubmissionVersion,
  type Suppression,
} from '../../core/model.js';
import type { AmendmentStore } from '../../core/ports.js';
import { draftSk } from './draft-items.js';
import { suppressionPk, suppressionSk } from './mail-event-items.js';
import { versionSk } from './submission-items.js';
import { roundPk, type Table } from './table.js';

/**
 * What a submission starts from, read together: the version it amends, the municipality's draft (so the
 * submission knows whether there is a draft to delete) and whether the address its confirmation goes to
 * is on the suppression list (so the send need not look), and the invitation of the link it came with, in
 * one BatchGetItem.
 */
export function amendmentItems(table: Table): AmendmentStore {
  return {
    async amendmentBase(
      roundId: string,
      formId: string,
      municipality: string,
      baseVersion: number,
      options: { mailTo?: string; invitationId?: string } = {},
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
      const keys = [{ PK: pk, SK: draftSk(formId, municipality) }, versionKey, suppressionKey, invitationKey];
      const wanted = keys.filter((key) => key !== undefined);
      const found = await table.getMany<SubmissionVersion | Draft | Suppression | Invitation>(wanted);
      const [draft, previous, suppression, invitation] = keys.map((key) =>
        key === undefined ? undefined : found[wanted.indexOf(key)],
      );
      return {
        draft: draft as Draft | undefined,
        previous: previous as SubmissionVersion | undefined,
        ...(suppressionKey && { suppressions: suppression ? [suppression as Suppression] : [] }),
        ...(invitationKey && { invitation: invitation as Invitation | undefined }),
      };
    },
  };
}
