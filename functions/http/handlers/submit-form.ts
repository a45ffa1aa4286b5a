import * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import { type DecodedPost, decodeFormPost, type FieldError } from '../../../forms/definition.js';
import { ValidationFailed } from '../../core/errors.js';
import { resolveFormFor } from '../../core/form-context.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { submissionIdPattern } from '../../core/submission-id.js';
import { submitForm } from '../../core/submit-form.js';
import { formTargets } from '../../core/targets/form-targets.js';
import { authenticateMunicipalityLink, confirmLink } from '../authenticate.js';
import { dependencies, loadMailerSoon } from '../dependencies.js';
import { formKey, formPageResponse, formPath } from '../form-pages.js';
import { damagedPage, parseControl, runAction } from '../form-post-actions.js';
import { logger } from '../logger.js';
import { httpHandler } from '../middleware.js';
import { readBody, requestOrigin } from '../request.js';
import { jsonResponse } from '../responses.js';

/** What an API client posts: the answers, and optionally the version it amends and an idempotency key. */
const jsonEnvelope = lazySchema(() =>
  z.strictObject(
    {
      answers: z.record(z.string(), z.unknown(), {
        error: '‘answers’ ontbreekt of is geen object met antwoorden.',
      }),
      baseVersion: z.optional(
        z
          .number({ error: '‘baseVersion’ moet een heel getal zijn (0 bij een eerste inzending).' })
          .check(
            z.int({ error: '‘baseVersion’ moet een heel getal zijn.' }),
            z.gte(0, { error: '‘baseVersion’ mag niet negatief zijn.' }),
          ),
      ),
      submissionId: z.optional(
        z.string({ error: '‘submissionId’ moet tekst zijn.' }).check(
          z.regex(submissionIdPattern, {
            error:
              '‘submissionId’ moet 8 tot 100 zichtbare tekens lang zijn (letters, cijfers, leestekens; geen spaties of stuurtekens), bijvoorbeeld een UUID.',
          }),
        ),
      ),
    },
    {
      // A body that is JSON but no object (`[1,2]`, `null`, `5`): zod's own message would be English.
      error: (issue) => (issue.code === 'invalid_type' ? notAnEnvelope : undefined),
    },
  ),
);

const notAnEnvelope =
  'Stuur een JSON-object met ‘answers’ (de antwoorden per veld), en eventueel ‘baseVersion’ en ‘submissionId’.';

const unknownEnvelopeKey = (key: string) =>
  `Onbekend veld ‘${key}’: stuur alleen answers, baseVersion en submissionId.`;

function envelopeErrors(issues: readonly $ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: unknownEnvelopeKey(key) }))
      : [{ path: issue.path.join('.') || 'answers', message: issue.message }],
  );
}

/**
 * POST a form: a browser's form post (one of the page's buttons, see form-post-actions.ts: re-rendered
 * with errors and input kept, or redirected to the confirmation) or a JSON client (201 with the stored
 * version, 200 for a replayed submission id, 422 with field errors, 409 when not from the latest version).
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  // A submission sends its confirmation: the mailer loads while the first reads are answered.
  loadMailerSoon();
  const key = formKey(event);
  // The body before the link (413 too big, 415 an unknown type, 400 malformed JSON): what was sent is
  // refused as such, whatever link came with it — a revoked one too.
  const body = readBody(event);
  // The link's signature here; its stored invitation (revoked, expired) with submit's first read (a JSON
  // client, a browser's ‘Versturen’) or at once (a browser's other buttons, below).
  const link = await authenticateMunicipalityLink(event, deps);
  const origin = requestOrigin(event);
  const formUrl = origin ? `${origin}${formPath(key)}` : undefined;

  if (body.kind === 'json') {
    const principal = link.principal;
    const envelope = jsonEnvelope().safeParse(body.value);
    // zod would drop a `__proto__` key silently (JSON.parse makes it an ordinary one): refuse it by name.
    const hidden =
      typeof body.value === 'object' && body.value !== null && Object.hasOwn(body.value, '__proto__');
    if (!envelope.success || hidden) {
      // A refused link is a 401, an unknown form or round a 404, someone else's form a 403, before the
      // envelope is judged.
      await confirmLink(deps, link);
      await resolveFormFor(deps.store, key, principal, 'form:submit');
      const errors = envelope.success ? [] : envelopeErrors(envelope.error.issues);
      if (hidden && !errors.some((error) => error.path === '__proto__')) {
        errors.unshift({ path: '__proto__', message: unknownEnvelopeKey('__proto__') });
      }
      throw new ValidationFailed(errors);
    }
    const result = await submitForm(deps, {
      ...key,
      principal,
      link,
      // The answers as posted, not zod's copy of the record: a copy would turn an `answers.__proto__` key
      // into the copy's prototype, silently; the form's validation refuses it by name.
      answers: (body.value as { answers: unknown }).answers,
      submissionId: envelope.data.submissionId,
      baseVersion: envelope.data.baseVersion ?? 0,
      formUrl,
    });
    if (result.deferred)
      logger.warn('Inzending opgeslagen, afronding uitgesteld', { error: result.deferred });
    const sent = result.mail === 'sent';
    return jsonResponse(result.replayed ? 200 : 201, {
      formId: result.version.formId,
      roundId: result.version.roundId,
      municipality: result.version.municipality,
      version: result.version.version,
      submittedAt: result.version.submittedAt,
      late: result.version.late,
      replayed: result.replayed,
      confirmationEmail: sent ? 'verstuurd' : 'volgt',
      message: `Uw antwoorden zijn opgeslagen als versie ${result.version.version}.${sent ? ' De bevestiging is per e-mail verstuurd.' : ' De bevestiging volgt per e-mail.'}`,
      confirmationUrl: `${formPath(key)}/bevestiging?versie=${result.version.version}`,
    });
  }

  // Someone else's form or one that does not exist (404/403) is said only to a link that is good: a
  // refused link hears that first, as when it was checked on arrival.
  const resolved = await resolveFormFor(deps.store, key, link.principal, 'form:submit').catch(
    async (error: unknown) => {
      await confirmLink(deps, link);
      throw error;
    },
  );
  const decoded: DecodedPost = decodeFormPost(resolved.definition, body.params);
  const state = parseControl(decoded, body.params);
  // ‘Versturen’ reads the stored invitation with the submission's first read (one BatchGetItem with the
  // version amended, the draft and the address's suppressions) and checks it before anything else; every
  // other answer comes after the link is confirmed here.
  const pending = state?.action === 'submit' ? link : undefined;
  const principal = pending ? link.principal : await confirmLink(deps, link);
  const targets = await formTargets(deps.store, resolved);
  const submissionId = state?.submissionId ?? deps.ids.newId();
  const page: Parameters<typeof runAction>[0]['page'] = (statusCode, extra = {}) =>
    formPageResponse(statusCode, resolved, key, {
      raw: decoded.raw,
      errors: extra.errors,
      notice: extra.notice,
      submissionId: extra.submissionId ?? submissionId,
      baseVersion: extra.baseVersion ?? state?.baseVersion ?? 0,
      draftRevision: extra.draftRevision ?? state?.draftRevision ?? 0,
      targets,
    });
  if (!state) return page(400, { errors: [{ path: '', message: damagedPage }] });
  return runAction(
    {
      deps,
      key,
      principal,
      link: pending,
      resolved,
      decoded,
      params: body.params,
      submissionId,
      baseVersion: state.baseVersion,
      draftRevision: state.draftRevision,
      formUrl,
      page,
    },
    state.action,
  );
});
