import { codePointOrder } from '../../forms/order.js';
import { type DeliveryOutcome, deliverMail } from './deliver-mail.js';
import { Conflict, NotFound } from './errors.js';
import type { DeliveryStatus, OutboxMail, Registry, Round } from './model.js';
import { actorOf, isAllowed, type Principal } from './policy.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';
import { visibleRegions } from './round-status.js';

/**
 * The mail a staff member looks after (`mailInScope`, `resendMail`): emails of the rounds they see, about
 * what they may see, that wait to be sent or were given up on after every retry. A regietafel sees its
 * own region's, never another region's recipients or errors. Re-sending puts a failed email back in the
 * queue and tries it at once; a waiting one is tried at once.
 *
 * Mail ids say what an email is about: `summary#<round>#<region:x|province:y>#<period>#<to>`,
 * `reminder#<round>#<code>#<period>`, `invitation#<round>#<code>#<invitation>#<request>`,
 * `confirmation#<round>#<form>#<code>#v<n>`.
 */

/** The round and the resource (region or province) an email is about, read from its id. */
export function mailResource(
  mailId: string,
  registry: Pick<Registry, 'regions' | 'municipalities'>,
): { roundId: string; region?: string; province: string; municipality?: string } | undefined {
  const [kind, roundId, third, fourth] = mailId.split('#');
  if (!roundId) return undefined;
  const regionResource = (regionId: string | undefined, municipality?: string) => {
    const region = registry.regions.find((candidate) => candidate.id === regionId);
    return region ? { roundId, region: region.id, province: region.province, municipality } : undefined;
  };
  if (kind === 'summary' && third) {
    const [type, id] = third.split(':');
    return type === 'province' && id ? { roundId, province: id } : regionResource(id);
  }
  if (kind === 'reminder' || kind === 'confirmation' || kind === 'invitation') {
    const code = kind === 'confirmation' ? fourth : third;
    return regionResource(registry.municipalities.find((m) => m.code === code)?.region, code);
  }
  return undefined;
}

/** Whether a staff member may see (and re-send) an email: one of a round they see, about their scope. */
export function mailVisibleTo(
  principal: Principal,
  mailId: string,
  registry: Pick<Registry, 'regions' | 'municipalities'>,
  roundIds: ReadonlySet<string>,
): boolean {
  const resource = mailResource(mailId, registry);
  return (
    resource !== undefined && roundIds.has(resource.roundId) && isAllowed(principal, 'mail:resend', resource)
  );
}

function visibleRoundIds(principal: Principal, registry: Registry, rounds: readonly Round[]): Set<string> {
  return new Set(
    rounds
      .filter((round) => visibleRegions(principal, round, registry.regions).length > 0)
      .map((round) => round.id),
  );
}

export interface MailInScope {
  readonly pending: OutboxMail[];
  readonly failed: OutboxMail[];
  /**
   * Recently sent emails that did not arrive, by what SES reported afterwards (bounced, complained,
   * rejected) or because the address is on the suppression list: sending again will not help, the
   * address must change.
   */
  readonly undelivered: OutboxMail[];
  /**
   * The latest sent emails, newest first (at most `recentShown`), each with what SES reported per
   * recipient since (arrived, bounced, reported as spam — with reason and time), or nothing yet.
   */
  readonly sent: OutboxMail[];
}

/** The delivery outcomes that mean an email did not reach (all of) its recipients. */
export const undeliveredStatuses: readonly DeliveryStatus[] = [
  'bounced',
  'complained',
  'rejected',
  'suppressed',
];

/** How many of the latest sent emails are looked through for ones that did not arrive. */
const recentSent = 500;
/** How many of them the mail page lists with their delivery (the undelivered ones are all listed). */
const recentShown = 30;

/** Waiting, failed and undelivered emails in the principal's scope, oldest first (envelopes: no content). */
export async function mailInScope(
  deps: { store: Store },
  input: { principal: Principal; registry?: Registry },
): Promise<MailInScope> {
  // Every read at once: which emails are visible depends on the rounds, but reading them does not.
  const [registry, listed, waiting, sent] = await Promise.all([
    input.registry ?? deps.store.getRegistry(),
    deps.store.listRounds(),
    waitingAndFailed(deps.store),
    deps.store.listSentMail({ limit: recentSent }),
  ]);
  const rounds = visibleRoundIds(input.principal, registry, listed);
  const visible = (mail: OutboxMail) => mailVisibleTo(input.principal, mail.id, registry, rounds);
  const { pending, failed } = inScope(waiting, visible);
  const sentInScope = sent.filter(visible);
  return {
    pending,
    failed,
    undelivered: sentInScope.filter(
      (mail) => mail.deliveryStatus !== undefined && undeliveredStatuses.includes(mail.deliveryStatus),
    ),
    sent: sentInScope.slice(0, recentShown),
  };
}

/**
 * The waiting and failed emails in the principal's scope, oldest first, as `mailInScope` lists them: what
 * the dashboard counts (it shows no sent ones), of the rounds the caller listed already.
 */
export async function mailToLookAfter(
  deps: { store: Store },
  input: { principal: Principal; registry: Registry; rounds: readonly Round[] },
): Promise<Pick<MailInScope, 'pending' | 'failed'>> {
  const rounds = visibleRoundIds(input.principal, input.registry, input.rounds);
  return inScope(await waitingAndFailed(deps.store), (mail) =>
    mailVisibleTo(input.principal, mail.id, input.registry, rounds),
  );
}

/** The waiting and the failed emails, as stored. */
async function waitingAndFailed(store: Store): Promise<{ pending: OutboxMail[]; failed: OutboxMail[] }> {
  const [pending, failed] = await Promise.all([store.listMail('pending'), store.listMail('failed')]);
  return { pending, failed };
}

/** Those of them the principal may see, oldest first. */
function inScope(
  mail: { pending: readonly OutboxMail[]; failed: readonly OutboxMail[] },
  visible: (mail: OutboxMail) => boolean,
): Pick<MailInScope, 'pending' | 'failed'> {
  const byAge = (a: OutboxMail, b: OutboxMail) => codePointOrder(a.createdAt, b.createdAt);
  return {
    pending: mail.pending.filter(visible).sort(byAge),
    failed: mail.failed.filter(visible).sort(byAge),
  };
}

/**
 * Re-send one email now (`resendMail`): a failed one goes back in the queue with a new set of attempts,
 * a waiting one is tried at once; a sent one is left alone (409). Someone else's email is a 403 and
 * changes nothing. Audited with the status before and after.
 */
export async function resendMail(
  deps: { store: Store; mailer: Mailer; clock: Clock; ids: Ids },
  input: { principal: Principal; mailId: string; registry?: Registry; actor?: string },
): Promise<{ mail: OutboxMail; outcome: DeliveryOutcome }> {
  const registry = input.registry ?? (await deps.store.getRegistry());
  const mail = await deps.store.getMail(input.mailId);
  // Someone else's email answers like one that does not exist: mail ids name round, municipality and
  // version, so a different answer would tell who submitted elsewhere.
  const notHere = new NotFound('Deze e-mail staat niet (meer) in de wachtrij.');
  if (!mail) throw notHere;
  const rounds = visibleRoundIds(input.principal, registry, await deps.store.listRounds());
  if (!mailVisibleTo(input.principal, mail.id, registry, rounds)) throw notHere;
  if (mail.status === 'sent') throw new Conflict('Deze e-mail is al verstuurd.');
  const now = deps.clock.now().toISOString();
  if (mail.status === 'failed') await deps.store.requeueMail(mail.id, now);
  const outcome = await deliverMail(deps, mail.id);
  const after = await deps.store.getMail(mail.id);
  await deps.store.audit({
    at: now,
    id: deps.ids.newId(),
    action: 'mail-resent',
    actor: input.actor ?? actorOf(input.principal),
    roundId: mailResource(mail.id, registry)?.roundId,
    municipality: mailResource(mail.id, registry)?.municipality,
    details: { mailId: mail.id, kind: mail.kind, to: mail.to, subject: mail.subject, outcome },
    before: { status: mail.status, attempts: mail.attempts },
    after: { status: after?.status ?? mail.status, attempts: after?.attempts ?? mail.attempts },
  });
  return { mail, outcome };
}
