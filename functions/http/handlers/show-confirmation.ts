import { diffStored } from '../../../forms/diff.js';
import { renderConfirmationPage } from '../../../forms/render/confirmation-page.js';
import { readStored, revisionOf } from '../../../forms/revisions.js';
import { regionContact } from '../../core/registry/secretariat.js';
import { viewSubmission } from '../../core/view-submission.js';
import { authenticateMunicipality } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { formKey, formPath } from '../form-pages.js';
import { httpHandler } from '../middleware.js';
import { htmlResponse } from '../responses.js';

/** GET the confirmation page: the submitted answers of a version (default: the current one). */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const key = formKey(event);
  const requested = event.queryStringParameters?.versie;
  const version = requested && /^\d{1,6}$/.test(requested) ? Number(requested) : undefined;
  const viewed = await viewSubmission(deps, {
    ...key,
    principal: await authenticateMunicipality(event, deps),
    version,
  });
  const reading = readStored(viewed.definition, viewed.version.answers, revisionOf(viewed.version));
  return htmlResponse(
    200,
    renderConfirmationPage({
      definition: viewed.definition,
      municipalityName: viewed.municipality.name,
      organisation: viewed.region.boardName,
      contact: regionContact(viewed.region),
      roundTitle: viewed.round.title,
      version: viewed.version.version,
      submittedAt: viewed.version.submittedAt,
      submittedBy: viewed.version.submittedBy.name,
      answers: reading.answers,
      retired: reading,
      sincePreviousRound: viewed.sincePreviousRound,
      late: viewed.version.late,
      confirmationSentTo: viewed.version.submittedBy.email,
      confirmationSent: viewed.confirmation?.status === 'sent',
      amendUrl: viewed.phase === 'open' || viewed.phase === 'late' ? formPath(key) : undefined,
      warnings: viewed.version.warnings,
      history: viewed.history.map((entry, index) => ({
        version: entry.version,
        submittedAt: entry.submittedAt,
        submittedBy: entry.submittedBy.name,
        late: entry.late,
        changes: index === 0 ? undefined : diffStored(viewed.definition, viewed.history[index - 1]!, entry),
      })),
      versionUrl: (version) => `${formPath(key)}/bevestiging?versie=${version}`,
    }),
  );
});
