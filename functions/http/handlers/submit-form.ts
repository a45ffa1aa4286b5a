import * as z from 'zod';
import {
  type DecodedPost,
  decodeFormPost,
  emptyRow,
  type FieldError,
  type RawState,
  rawToCandidate,
  repeatGroups,
} from '../../../forms/definition.js';
import { renderCheckPage } from '../../../forms/render/check-page.js';
import { checkAnswers } from '../../core/check-answers.js';
import { Conflict, ValidationFailed } from '../../core/errors.js';
import { assertMay, type ResolvedForm, resolveForm } from '../../core/form-context.js';
import { regionContact } from '../../core/registry/secretariat.js';
import { saveDraft } from '../../core/save-draft.js';
import { submitForm } from '../../core/submit-form.js';
import { authenticateMunicipality } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { formKey, formPageResponse, formPath } from '../form-pages.js';
import { httpHandler } from '../middleware.js';
import { readBody, requestOrigin } from '../request.js';
import { htmlResponse, jsonResponse, seeOther } from '../responses.js';

/** What an API client posts: the answers, and optionally the version it amends and an idempotency key. */
const jsonEnvelope = z.strictObject({
  answers: z.record(z.string(), z.unknown(), {
    error: '‘answers’ ontbreekt of is geen object met antwoorden.',
  }),
  baseVersion: z
    .number({ error: '‘baseVersion’ moet een heel getal zijn (0 bij een eerste inzending).' })
    .int({ error: '‘baseVersion’ moet een heel getal zijn.' })
    .min(0, { error: '‘baseVersion’ mag niet negatief zijn.' })
    .optional(),
  submissionId: z.string().min(8).max(100, { error: '‘submissionId’ is te lang.' }).optional(),
});

const control = z.object({
  _action: z.string().default('submit'),
  _submissionId: z.string().min(8).max(100).optional(),
  _baseVersion: z.coerce.number().int().min(0).default(0),
  _draftRevision: z.coerce.number().int().min(0).default(0),
});

const controlNames = ['_action', '_submissionId', '_baseVersion', '_draftRevision'];

function envelopeErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: key,
          message: `Onbekend veld ‘${key}’: stuur alleen answers, baseVersion en submissionId.`,
        }))
      : [{ path: issue.path.join('.') || 'answers', message: issue.message }],
  );
}

/** Applies an add/remove button of a repeated group to the page state (no JavaScript needed). */
function applyRowAction(
  resolved: ResolvedForm,
  raw: RawState,
  action: string,
): { group: string; text: string } | undefined {
  const [verb, groupKey, index] = action.split(':');
  const group = repeatGroups(resolved.definition).find((candidate) => candidate.key === groupKey);
  if (!group) return undefined;
  const rows = Array.isArray(raw[group.key]) ? [...(raw[group.key] as Record<string, string>[])] : [];
  if (verb === 'add' && rows.length < group.max) {
    rows.push(emptyRow(group));
    raw[group.key] = rows;
    return {
      group: group.key,
      text: `${group.itemLabel} ${rows.length} is toegevoegd. Vul de gegevens hieronder in.`,
    };
  }
  if (verb === 'remove' && Number(index) >= 0 && Number(index) < rows.length) {
    rows.splice(Number(index), 1);
    raw[group.key] = rows;
    return { group: group.key, text: `${group.itemLabel} ${Number(index) + 1} is verwijderd.` };
  }
  return undefined;
}

/**
 * POST a form: a browser's form post (re-rendered with errors and input kept, or redirected to the
 * confirmation) or a JSON client (201 with the stored version, 422 with field errors).
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const key = formKey(event);
  const principal = await authenticateMunicipality(event, deps);
  const body = readBody(event);
  const origin = requestOrigin(event);
  const formUrl = origin ? `${origin}${formPath(key)}` : undefined;

  if (body.kind === 'json') {
    const envelope = jsonEnvelope.safeParse(body.value);
    if (!envelope.success) {
      // An unknown form or round is a 404, someone else's form a 403, before the envelope is judged.
      assertMay(principal, 'form:submit', await resolveForm(deps.store, key));
      throw new ValidationFailed(envelopeErrors(envelope.error));
    }
    const result = await submitForm(deps, {
      ...key,
      principal,
      answers: envelope.data.answers,
      submissionId: envelope.data.submissionId,
      baseVersion: envelope.data.baseVersion ?? 0,
      formUrl,
    });
    return jsonResponse(result.replayed ? 200 : 201, {
      formId: result.version.formId,
      roundId: result.version.roundId,
      municipality: result.version.municipality,
      version: result.version.version,
      submittedAt: result.version.submittedAt,
      late: result.version.late,
      replayed: result.replayed,
      confirmationEmail:
        result.mail === 'sent' ? 'verstuurd' : result.replayed ? 'eerder verwerkt' : 'in de wachtrij',
      confirmationUrl: `${formPath(key)}/bevestiging?versie=${result.version.version}`,
    });
  }

  const resolved = await resolveForm(deps.store, key);
  assertMay(principal, 'form:submit', resolved);
  const decoded: DecodedPost = decodeFormPost(resolved.definition, body.params);
  const controlFields = control.safeParse(decoded.control);
  const state = controlFields.success
    ? controlFields.data
    : { _action: 'submit', _submissionId: undefined, _baseVersion: 0, _draftRevision: 0 };
  const submissionId = state._submissionId ?? deps.ids.newId();
  const page = (
    statusCode: number,
    extra: {
      errors?: FieldError[];
      notice?: string;
      groupNotice?: { group: string; text: string };
      baseVersion?: number;
      submissionId?: string;
      draftRevision?: number;
    },
  ) =>
    formPageResponse(statusCode, resolved, key, {
      raw: decoded.raw,
      errors: extra.errors,
      notice: extra.notice,
      groupNotice: extra.groupNotice,
      submissionId: extra.submissionId ?? submissionId,
      baseVersion: extra.baseVersion ?? state._baseVersion,
      draftRevision: extra.draftRevision ?? state._draftRevision,
    });

  if (state._action === 'save-draft') {
    try {
      await saveDraft(deps, {
        ...key,
        principal,
        params: body.params,
        baseVersion: state._baseVersion,
        draftRevision: state._draftRevision,
      });
      return seeOther(`${formPath(key)}?concept=opgeslagen`);
    } catch (error) {
      if (error instanceof ValidationFailed) return page(422, { errors: [...error.fieldErrors] });
      if (!(error instanceof Conflict)) throw error;
      const [latest, draft] = await Promise.all([
        deps.store.latestVersion(key.roundId, key.formId, key.municipality),
        deps.store.getDraft(key.roundId, key.formId, key.municipality),
      ]);
      return page(409, {
        errors: [{ path: '', message: error.message }],
        notice:
          'Uw antwoorden hieronder zijn niet opgeslagen. Klikt u nogmaals op ‘Opslaan en later verder’, dan vervangen zij het concept van uw collega.',
        baseVersion: latest?.version ?? state._baseVersion,
        draftRevision: draft?.revision ?? 0,
      });
    }
  }
  if (state._action === 'edit') return page(200, {});
  if (state._action.startsWith('add:') || state._action.startsWith('remove:')) {
    return page(200, { groupNotice: applyRowAction(resolved, decoded.raw, state._action) });
  }
  const unknown = [
    ...decoded.unknownNames,
    ...Object.keys(decoded.control).filter((name) => !controlNames.includes(name)),
  ];
  if (unknown.length > 0 || !controlFields.success) {
    const errors = unknown.map((name) => ({
      path: '',
      message: `Onbekend veld ‘${name}’: dit formulier kent dit veld niet.`,
    }));
    if (!controlFields.success)
      errors.push({ path: '', message: 'De pagina is beschadigd. Open het formulier opnieuw.' });
    return page(422, { errors });
  }
  if (state._action === 'review') {
    try {
      const checked = await checkAnswers(deps, {
        ...key,
        principal,
        answers: rawToCandidate(resolved.definition, decoded.raw),
        baseVersion: state._baseVersion,
      });
      return htmlResponse(
        200,
        renderCheckPage({
          definition: resolved.definition,
          municipalityName: resolved.municipality.name,
          organisation: resolved.region.boardName,
          contact: regionContact(resolved.region),
          roundTitle: resolved.round.title,
          action: formPath(key),
          raw: decoded.raw,
          answers: checked.answers,
          warnings: checked.warnings,
          changes: checked.changes,
          control: { submissionId, baseVersion: state._baseVersion, draftRevision: state._draftRevision },
        }),
      );
    } catch (error) {
      if (error instanceof ValidationFailed) return page(422, { errors: [...error.fieldErrors] });
      throw error;
    }
  }
  try {
    const result = await submitForm(deps, {
      ...key,
      principal,
      answers: rawToCandidate(resolved.definition, decoded.raw),
      submissionId,
      baseVersion: state._baseVersion,
      formUrl,
    });
    return seeOther(`${formPath(key)}/bevestiging?versie=${result.version.version}`);
  } catch (error) {
    if (error instanceof ValidationFailed) return page(422, { errors: [...error.fieldErrors] });
    if (error instanceof Conflict) {
      const latest = await deps.store.latestVersion(key.roundId, key.formId, key.municipality);
      return page(409, {
        errors: [{ path: '', message: error.message }],
        notice:
          'Uw antwoorden staan hieronder nog. Kies wat u wilt: open het formulier opnieuw via uw link om de versie van uw collega te zien (uw invoer hier vervalt dan), of klik op ‘Controleren’: de controlepagina toont precies wat u ten opzichte van de versie van uw collega verandert, en pas na ‘Versturen’ wordt dat de nieuwste versie. De versie van uw collega blijft altijd bewaard.',
        baseVersion: latest?.version ?? state._baseVersion,
        submissionId: deps.ids.newId(),
      });
    }
    throw error;
  }
});
