import * as z from 'zod/mini';
import {
  type DecodedPost,
  emptyRow,
  type FieldError,
  postProblems,
  type RawState,
  rawToCandidate,
  repeatGroups,
} from '../../forms/definition.js';
import type { RepeatGroup } from '../../forms/field-types.js';
import { formatDateTime } from '../../forms/format.js';
import { Conflict, ValidationFailed } from '../core/errors.js';
import type { FormContextKey, ResolvedForm } from '../core/form-context.js';
import type { SignedLink } from '../core/invitation-tokens.js';
import { lazySchema } from '../core/lazy-schema.js';
import type { Principal } from '../core/policy.js';
import { saveDraft } from '../core/save-draft.js';
import { submissionIdPattern } from '../core/submission-id.js';
import { submitForm } from '../core/submit-form.js';
import { confirmLink } from './authenticate.js';
import { checkPagePath } from './check-page.js';
import type { Dependencies } from './dependencies.js';
import { formPath } from './form-pages.js';
import { logger } from './logger.js';
import { type HttpResponse, seeOther } from './responses.js';
import { rowNoticePath } from './row-notice.js';

/**
 * The buttons of a form page as a table: each `_action` a browser can post, and what it does. Anything
 * else — an unknown action, a row button for a group or row that does not exist, a damaged hidden field —
 * is refused (400) with the input shown again, and nothing is stored.
 */

/** The hidden fields of the page, as our pages write them. */
const control = lazySchema(() =>
  z.strictObject({
    _action: z.string(),
    _submissionId: z.optional(z.string().check(z.regex(submissionIdPattern))),
    _baseVersion: z._default(z.string().check(z.regex(/^\d{1,6}$/)), '0'),
    _draftRevision: z._default(z.string().check(z.regex(/^\d{1,6}$/)), '0'),
  }),
);

export interface PostContext {
  readonly deps: Dependencies;
  readonly key: FormContextKey;
  readonly principal: Principal;
  /**
   * The link `principal` came from while its stored invitation is still to be checked (‘Versturen’: with
   * the submission's first read); whatever answers without submitting confirms it first.
   */
  readonly link?: SignedLink;
  readonly resolved: ResolvedForm;
  readonly decoded: DecodedPost;
  readonly params: URLSearchParams;
  readonly submissionId: string;
  readonly baseVersion: number;
  readonly draftRevision: number;
  readonly formUrl: string | undefined;
  /** The form page again with the input as posted, plus errors or notices. */
  page(
    statusCode: number,
    extra?: {
      errors?: FieldError[];
      notice?: string;
      baseVersion?: number;
      submissionId?: string;
      draftRevision?: number;
    },
  ): HttpResponse;
}

type Action =
  | { readonly name: 'review' | 'submit' | 'save-draft' | 'edit' }
  | { readonly name: 'add'; readonly group: RepeatGroup }
  | { readonly name: 'remove'; readonly group: RepeatGroup; readonly index: number };

/** Reads `_action` exactly as our buttons write it; undefined for anything else. */
export function parseAction(value: string, resolved: ResolvedForm): Action | undefined {
  if (value === 'review' || value === 'submit' || value === 'save-draft' || value === 'edit') {
    return { name: value };
  }
  const row = /^(add|remove):(\w{1,60})(?::(0|[1-9]\d{0,2}))?$/.exec(value);
  const group = row && repeatGroups(resolved.definition).find((candidate) => candidate.key === row[2]);
  if (!row || !group) return undefined;
  if (row[1] === 'add') return row[3] === undefined ? { name: 'add', group } : undefined;
  return row[3] === undefined ? undefined : { name: 'remove', group, index: Number(row[3]) };
}

/** The control fields, or undefined when the page's hidden fields were tampered with (or sent twice). */
export function parseControl(decoded: DecodedPost, params: URLSearchParams) {
  const parsed = control().safeParse(decoded.control);
  if (!parsed.success) return undefined;
  if (Object.keys(decoded.control).some((name) => params.getAll(name).length !== 1)) return undefined;
  return {
    action: parsed.data._action,
    submissionId: parsed.data._submissionId,
    baseVersion: Number(parsed.data._baseVersion),
    draftRevision: Number(parsed.data._draftRevision),
  };
}

/** After a colleague's newer version: the input is kept, and how to go on from their version. */
const newerVersionNotice =
  'Uw antwoorden staan hieronder nog. Kies wat u wilt: open het formulier opnieuw via uw link om de versie van uw collega te zien (uw invoer hier vervalt dan), of klik op ‘Controleren’: de controlepagina toont precies wat u ten opzichte van de versie van uw collega verandert, en pas na ‘Versturen’ wordt dat de nieuwste versie. De versie van uw collega blijft altijd bewaard.';

export const damagedPage =
  'De pagina is beschadigd of verouderd: deze knop of dit verborgen veld kennen wij niet. Uw invoer staat hieronder; er is niets opgeslagen. Kies een van de knoppen onderaan het formulier.';

const rowsOf = (context: PostContext, group: RepeatGroup) => {
  const raw = context.decoded.raw[group.key];
  return Array.isArray(raw) ? [...raw] : [];
};

/** The 409's notice of a button that only stored the draft: a second click replaces the colleague's. */
const notSavedNotice = (button: string) =>
  `Uw antwoorden hieronder zijn niet opgeslagen. Klikt u nogmaals op ‘${button}’, dan vervangen zij het concept van uw collega.`;

/**
 * Stores the input as the municipality's draft (with a row button's `change`) and sends the browser on to
 * a GET page (post/redirect/get). When a colleague saved the draft or submitted a version since the page
 * was opened, nothing is overwritten: the form again (409) with the input as posted (no row added or
 * removed) and the newer revision, so a second click replaces the colleague's draft knowingly.
 */
async function keepAsDraft(
  context: PostContext,
  next: (key: FormContextKey) => string,
  button: string,
  change?: (raw: RawState) => RawState,
): Promise<HttpResponse> {
  const { deps, key } = context;
  try {
    await saveDraft(deps, {
      ...key,
      principal: context.principal,
      params: context.params,
      baseVersion: context.baseVersion,
      draftRevision: context.draftRevision,
      change,
    });
    return seeOther(next(key));
  } catch (error) {
    if (error instanceof ValidationFailed) return context.page(422, { errors: [...error.fieldErrors] });
    if (!(error instanceof Conflict)) throw error;
    const [latest, draft] = await Promise.all([
      deps.store.latestVersion(key.roundId, key.formId, key.municipality),
      deps.store.getDraft(key.roundId, key.formId, key.municipality),
    ]);
    // A colleague sent a version since the page was opened: said as at "Versturen", which it replaces.
    const newer = latest && latest.version > context.baseVersion;
    return context.page(409, {
      errors: [
        {
          path: '',
          message: newer
            ? `Dit formulier is intussen gewijzigd: versie ${latest.version} is op ${formatDateTime(latest.submittedAt)} ingezonden door ${latest.submittedBy.name}. Uw wijziging is niet opgeslagen, er is niets overschreven.`
            : error.message,
        },
      ],
      notice: newer ? newerVersionNotice : notSavedNotice(button),
      baseVersion: latest?.version ?? context.baseVersion,
      draftRevision: draft?.revision ?? 0,
    });
  }
}

const actions: {
  readonly [K in Action['name']]: (
    context: PostContext,
    action: Extract<Action, { name: K }>,
  ) => Promise<HttpResponse>;
} = {
  edit: (context) => keepAsDraft(context, (key) => formPath(key), 'Terug naar het formulier'),

  // Post/redirect/get, as "Opslaan en later verder": the input with the new row becomes the draft, and the
  // form is a GET at the new row, saying so (row-notice.ts).
  add: async (context, { group }) => {
    const rows = rowsOf(context, group);
    if (rows.length >= group.max) {
      return context.page(422, {
        errors: [
          { path: group.key, message: `U kunt hoogstens ${group.max} regels invullen bij ‘${group.label}’.` },
        ],
      });
    }
    rows.push(emptyRow(group));
    return keepAsDraft(
      context,
      (key) => rowNoticePath(formPath(key), 'rij-toegevoegd', group, rows.length),
      `${group.itemLabel} toevoegen`,
      (raw) => ({ ...raw, [group.key]: rows }),
    );
  },

  remove: async (context, { group, index }) => {
    const rows = rowsOf(context, group);
    if (index >= rows.length) return context.page(400, { errors: [{ path: '', message: damagedPage }] });
    rows.splice(index, 1);
    return keepAsDraft(
      context,
      (key) => rowNoticePath(formPath(key), 'rij-verwijderd', group, index + 1),
      `${group.itemLabel} ${index + 1} verwijderen`,
      (raw) => ({ ...raw, [group.key]: rows }),
    );
  },

  'save-draft': (context) =>
    keepAsDraft(context, (key) => `${formPath(key)}?concept=opgeslagen`, 'Opslaan en later verder'),

  // Post/redirect/get: the input becomes the draft, and the check page is a GET built from it (so Reload,
  // Back and Forward never resubmit); it validates the draft and sends errors back to the form.
  review: (context) => keepAsDraft(context, (key) => checkPagePath(key, context.submissionId), 'Controleren'),

  submit: async (context) => {
    const { deps, key, resolved, decoded } = context;
    if (postProblems(decoded).length > 0) {
      if (context.link) await confirmLink(deps, context.link);
      return context.page(422, { errors: postProblems(decoded) });
    }
    try {
      const result = await submitForm(deps, {
        ...key,
        principal: context.principal,
        link: context.link,
        answers: rawToCandidate(resolved.definition, decoded.raw),
        submissionId: context.submissionId,
        baseVersion: context.baseVersion,
        formUrl: context.formUrl,
      });
      if (result.deferred)
        logger.warn('Inzending opgeslagen, afronding uitgesteld', { error: result.deferred });
      return seeOther(`${formPath(key)}/bevestiging?versie=${result.version.version}`);
    } catch (error) {
      // The check page posts only answers that passed; errors here mean altered hidden fields or a form
      // changed in between: refused as posted (422), nothing stored — not even a draft.
      if (error instanceof ValidationFailed) return context.page(422, { errors: [...error.fieldErrors] });
      if (!(error instanceof Conflict)) throw error;
      const latest = await deps.store.latestVersion(key.roundId, key.formId, key.municipality);
      return context.page(409, {
        errors: [{ path: '', message: error.message }],
        notice: newerVersionNotice,
        baseVersion: latest?.version ?? context.baseVersion,
        submissionId: deps.ids.newId(),
      });
    }
  },
};

/** Runs the posted button's action; an unknown one is refused (400) with the input kept. */
export function runAction(context: PostContext, value: string): Promise<HttpResponse> {
  const action = parseAction(value, context.resolved);
  if (!action) return Promise.resolve(context.page(400, { errors: [{ path: '', message: damagedPage }] }));
  const run = actions[action.name] as (context: PostContext, action: Action) => Promise<HttpResponse>;
  return run(context, action);
}
