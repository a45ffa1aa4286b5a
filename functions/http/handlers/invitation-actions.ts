import { Forbidden, NotFound } from '../../core/errors.js';
import {
  awaitsInvitation,
  type InvitationRow,
  invitationOverview,
  inviteMunicipalities,
  isInvited,
  reissueInvitation,
} from '../../core/invitations.js';
import { roundMunicipalities } from '../../core/registry/membership.js';
import { type InvitationCheckKind, renderInvitationCheck } from '../../pages/staff/invitations-page.js';
import { requestOrigin } from '../request.js';
import {
  formToken,
  type Outcome,
  type StaffAction,
  type StaffContext,
  staffActions,
  staffHtml,
} from '../staff-actions.js';

const roundIdOf = (ctx: StaffContext) => ctx.event.pathParameters?.roundId ?? '';

/**
 * The round's invitations in this person's scope (403 when none of its regions is theirs) and the rows a
 * post names (`gemeente`, once or more): a municipality of another region is a 403, one outside the
 * round a 404 — before anything is sent.
 */
async function chosen(ctx: StaffContext, all: boolean) {
  const overview = await invitationOverview(ctx.deps, {
    principal: ctx.principal,
    roundId: roundIdOf(ctx),
    registry: ctx.registry,
  });
  if (all) return { overview, rows: overview.rows.filter(awaitsInvitation) };
  const codes = ctx.fields.getAll('gemeente');
  if (codes.length === 0) throw new NotFound('Kies een gemeente.');
  const inRound = roundMunicipalities(ctx.registry, overview.round);
  const rows = codes.map((code): InvitationRow => {
    const row = overview.rows.find((candidate) => candidate.municipality.code === code);
    if (row) return row;
    if (inRound.some((municipality) => municipality.code === code)) {
      throw new Forbidden('U heeft geen toegang tot deze gemeente: zij hoort bij een andere regio.');
    }
    throw new NotFound(`Gemeente ${code.slice(0, 12)} doet niet mee aan deze ronde.`);
  });
  return { overview, rows };
}

/** `…-controleren`: who gets what, before anything is sent. */
const check =
  (kind: InvitationCheckKind): StaffAction =>
  async (ctx) => {
    const { overview, rows } = await chosen(ctx, kind === 'alle');
    const municipalities = rows.map((row) => row.municipality);
    const now = ctx.deps.clock.now().toISOString();
    const working =
      kind === 'vervangen'
        ? (await ctx.deps.store.listInvitations(overview.round.id)).filter(
            (invitation) =>
              invitation.municipality === municipalities[0]?.code &&
              !invitation.revokedAt &&
              invitation.expiresAt > now,
          ).length
        : undefined;
    return staffHtml(
      200,
      renderInvitationCheck({
        staff: ctx.staff,
        round: overview.round,
        kind,
        recipients: municipalities.filter((municipality) => municipality.contacts.length > 0),
        withoutAddress: municipalities.filter((municipality) => municipality.contacts.length === 0),
        linksRevoked: working,
        token: formToken(ctx.pageToken, kind),
      }),
    );
  };

const invited = (count: number) => `${count} ${count === 1 ? 'gemeente is' : 'gemeenten zijn'}`;

/** `alle-versturen`, `een-versturen`, `opnieuw-versturen`: mail the working link (or a new one). */
const send =
  (kind: 'alle' | 'een' | 'opnieuw'): StaffAction =>
  async (ctx) => {
    const { overview, rows } = await chosen(ctx, false);
    return {
      perform: async (token): Promise<Outcome> => {
        // Whoever was invited by someone else in the meantime is not mailed twice (a re-send is meant to).
        const fresh = await invitationOverview(ctx.deps, {
          principal: ctx.principal,
          roundId: overview.round.id,
          registry: ctx.registry,
        });
        // And "all without an invitation" mails no one who submitted meanwhile, as its preview left out
        // those who had (awaitsInvitation).
        const now = (row: InvitationRow) =>
          fresh.rows.find((candidate) => candidate.municipality.code === row.municipality.code)!;
        const invitedMeanwhile = rows.filter((row) => kind !== 'opnieuw' && isInvited(now(row))).length;
        const codes = rows
          .filter((row) =>
            kind === 'opnieuw' ? true : kind === 'alle' ? awaitsInvitation(now(row)) : !isInvited(now(row)),
          )
          .map((row) => row.municipality.code);
        const sent =
          codes.length === 0
            ? []
            : await inviteMunicipalities(ctx.deps, {
                roundId: overview.round.id,
                municipalities: codes,
                baseUrl: requestOrigin(ctx.event) ?? '',
                send: true,
                reuse: true,
                actor: ctx.actor,
                principal: ctx.principal,
                requestId: token,
              });
        const mailed = sent.filter((entry) => entry.mailId).length;
        const submittedMeanwhile = rows.length - codes.length - invitedMeanwhile;
        return {
          location: `/staf/rondes/${encodeURIComponent(overview.round.id)}/uitnodigingen`,
          notice:
            kind === 'opnieuw'
              ? `De uitnodiging van gemeente ${rows[0]!.municipality.name} is opnieuw verstuurd, met dezelfde link.`
              : `${invited(mailed)} uitgenodigd.${invitedMeanwhile > 0 ? ` ${invited(invitedMeanwhile)} intussen al door iemand anders uitgenodigd en kreeg${invitedMeanwhile === 1 ? '' : 'en'} niets extra.` : ''}${submittedMeanwhile > 0 ? ` ${submittedMeanwhile} ${submittedMeanwhile === 1 ? 'gemeente heeft' : 'gemeenten hebben'} intussen ingezonden en kreeg${submittedMeanwhile === 1 ? '' : 'en'} geen uitnodiging.` : ''}`,
        };
      },
    };
  };

/** `vervangen`: the municipality's working links stop at once and a new one is mailed. */
const replace: StaffAction = async (ctx) => {
  const { overview, rows } = await chosen(ctx, false);
  const municipality = rows[0]!.municipality;
  return {
    perform: async (token) => {
      const { revoked, invited: fresh } = await reissueInvitation(ctx.deps, {
        principal: ctx.principal,
        roundId: overview.round.id,
        municipality: municipality.code,
        baseUrl: requestOrigin(ctx.event) ?? '',
        requestId: token,
      });
      return {
        location: `/staf/rondes/${encodeURIComponent(overview.round.id)}/uitnodigingen`,
        notice: `De ${revoked.length === 1 ? 'oude link' : `${revoked.length} oude links`} van gemeente ${municipality.name} ${revoked.length === 1 ? 'werkt' : 'werken'} niet meer; ${fresh.mailId ? `de nieuwe is verstuurd naar ${municipality.contacts.join(', ')}` : 'er is een nieuwe link gemaakt, maar er is geen adres om hem naartoe te sturen'}.`,
      };
    },
  };
};

/**
 * The check steps of `/staf/rondes/{roundId}/uitnodigingen` (who gets what), drawn by the GET after the
 * post (post/redirect/get, see `staffActions`).
 */
export const invitationSteps: Readonly<Record<string, StaffAction>> = {
  'alle-controleren': check('alle'),
  'een-controleren': check('een'),
  'opnieuw-controleren': check('opnieuw'),
  'vervangen-controleren': check('vervangen'),
};

/**
 * POST /staf/rondes/{roundId}/uitnodigingen: the check steps (`invitationSteps`) and what they confirm:
 * `alle-versturen` (everyone not yet invited), `een-versturen`, `opnieuw-versturen`, `vervangen`.
 */
export const handler = staffActions(
  {
    'alle-versturen': send('alle'),
    'een-versturen': send('een'),
    'opnieuw-versturen': send('opnieuw'),
    vervangen: replace,
  },
  invitationSteps,
);
