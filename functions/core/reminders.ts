import { findForm } from '../../forms/catalogue.js';
import { formatDateTime } from '../../forms/format.js';
import { contactHtml, contactText, emailDocument } from '../../forms/render/email.js';
import { html } from '../../forms/render/html.js';
import { type DeliveryOutcome, deliverMail } from './deliver-mail.js';
import { NotFound } from './errors.js';
import { inviteMunicipalities } from './invitations.js';
import { systemPrincipal } from './policy.js';
import type { Clock, Ids, Mailer, Store } from './ports.js';
import { regionContact } from './registry/secretariat.js';
import { roundStatus } from './round-status.js';

/** Days before the deadline that municipalities without a submission get a reminder (per round: `reminderDaysBefore`). */
export const defaultReminderDaysBefore = 3;

const font = 'font-family:Arial,Helvetica,sans-serif;';

/**
 * Remind the municipalities that have not submitted (`sendReminders`): a Dutch reminder with a fresh link
 * to their own form, to the municipal coordinator. Never to a municipality that has submitted. Each
 * (round, municipality, period) is recorded once in the outbox, so a job that runs twice sends nothing twice.
 */
export async function sendReminders(
  deps: { store: Store; mailer: Mailer; clock: Clock; ids: Ids },
  input: { roundId: string; period: string; baseUrl: string; actor: string },
): Promise<{ municipality: string; mailId: string; delivery: DeliveryOutcome }[]> {
  const round = await deps.store.getRound(input.roundId);
  if (!round) throw new NotFound(`Er is geen ronde ‘${input.roundId}’.`);
  const registry = await deps.store.getRegistry();
  const status = await roundStatus(deps, {
    principal: systemPrincipal(registry, input.actor),
    roundId: round.id,
    registry,
  });
  const missing = status.municipalities.filter((municipality) => municipality.status !== 'ingezonden');
  const title = findForm(round.formId)?.title ?? round.formId;
  const results: { municipality: string; mailId: string; delivery: DeliveryOutcome }[] = [];
  for (const row of missing) {
    const municipality = registry.municipalities.find((candidate) => candidate.code === row.code);
    if (!municipality || municipality.contacts.length === 0) continue;
    const mailId = `reminder#${round.id}#${municipality.code}#${input.period}`;
    if (!(await deps.store.getMail(mailId))) {
      const [invited] = await inviteMunicipalities(deps, {
        roundId: round.id,
        municipalities: [municipality.code],
        baseUrl: input.baseUrl,
        send: false,
        actor: input.actor,
      });
      const region = registry.regions.find((candidate) => candidate.id === municipality.region);
      const board = region?.boardName ?? 'de regietafel';
      const contact = regionContact(region);
      const subject = `Herinnering: ${title} – gemeente ${municipality.name}, sluit ${formatDateTime(round.deadline)}`;
      const lines = [
        `Beste coördinator van gemeente ${municipality.name},`,
        `Uw gemeente heeft het formulier ‘${title}’ (${round.title}) nog niet ingezonden${row.status === 'concept' ? ': er staat een concept klaar' : ''}. De sluitingsdatum is ${formatDateTime(round.deadline)}.`,
        'Met de link hieronder opent u het formulier van uw gemeente.',
      ];
      await deps.store.enqueueMail({
        id: mailId,
        kind: 'reminder',
        to: municipality.contacts,
        replyTo: contact ? [contact.email] : undefined,
        subject,
        text: [...lines, invited!.url, `Met vriendelijke groet,\n${board}`, contactText(contact)].join(
          '\n\n',
        ),
        html: emailDocument(
          subject,
          html`${lines.map((line) => html`<p style="${font}">${line}</p>`)}
<p style="${font}margin:20px 0;"><a href="${invited!.url}" style="background:#154273;color:#ffffff;padding:12px 18px;text-decoration:none;font-weight:bold;">Formulier openen</a></p>
<p style="${font}">Met vriendelijke groet,<br>${board}</p>
${contactHtml(contact)}`,
        ).value,
        createdAt: deps.clock.now().toISOString(),
        status: 'pending',
        attempts: 0,
      });
    }
    results.push({ municipality: municipality.code, mailId, delivery: await deliverMail(deps, mailId) });
  }
  return results;
}
