import { type Draft, maxVersion, type SubmissionVersion } from '../../core/model.js';
import type { AmendmentStore } from '../../core/ports.js';
import { draftSk } from './draft-items.js';
import { versionSk } from './submission-items.js';
import { roundPk, type Table } from './table.js';

/**
 * What a submission starts from, read together: the version it amends and the municipality's draft (so
 * the submission knows whether there is a draft to delete), in one BatchGetItem.
 */
export function amendmentItems(table: Table): AmendmentStore {
  return {
    async amendmentBase(roundId: string, formId: string, municipality: string, baseVersion: number) {
      const pk = roundPk(roundId);
      const draftKey = { PK: pk, SK: draftSk(formId, municipality) };
      // A number no version can have names nothing (as getVersion answers).
      if (!Number.isInteger(baseVersion) || baseVersion < 1 || baseVersion > maxVersion) {
        const [draft] = await table.getMany<Draft>([draftKey]);
        return { draft };
      }
      const [previous, draft] = await table.getMany<SubmissionVersion | Draft>([
        { PK: pk, SK: versionSk(formId, municipality, baseVersion) },
        draftKey,
      ]);
      return { previous: previous as SubmissionVersion | undefined, draft: draft as Draft | undefined };
    },
  };
}
