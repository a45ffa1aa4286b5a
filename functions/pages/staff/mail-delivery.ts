import { formatDateTime } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { OutboxMail, RecipientDelivery } from '../../core/model.js';

/**
 * What became of a sent email, per recipient, in the words of the mail page: arrived, bounced, reported as
 * spam, refused, delayed — each with its own time (SES reports them out of order; mail-events.ts keeps
 * each kind's) and the reason SES gave, so staff can see which address needs correcting and why.
 */

/** The technical reason SES gave (a bounce's diagnostic code, a complaint's type), as it came. */
const reasonOf = (detail: { readonly reason?: string } | undefined): Html =>
  detail?.reason ? html`<br><span class="rt-mail-detail">Reden: ${detail.reason}</span>` : html``;

/** One recipient's outcome: a sentence with the time of the event that decided it. */
export function recipientOutcome(delivery: RecipientDelivery | undefined): Html {
  if (!delivery) return html`Verstuurd; nog geen bericht van aankomst`;
  switch (delivery.status) {
    case 'delivered':
      return html`Aangekomen op ${formatDateTime(delivery.deliveredAt!)}`;
    case 'complained':
      return html`Als spam gemeld op ${formatDateTime(delivery.complaint!.at)}: wij sturen dit adres niets meer${reasonOf(delivery.complaint)}`;
    case 'bounced':
      return delivery.bounce!.permanent
        ? html`Onbestelbaar op ${formatDateTime(delivery.bounce!.at)}: het adres bestaat niet of weigert de e-mail${reasonOf(delivery.bounce)}`
        : html`Tijdelijk niet bezorgd op ${formatDateTime(delivery.bounce!.at)} (bijvoorbeeld een volle mailbox)${reasonOf(delivery.bounce)}`;
    case 'rejected':
      return html`Geweigerd door de e-maildienst op ${formatDateTime(delivery.reject!.at)}${reasonOf(delivery.reject)}`;
    case 'suppressed':
      return html`Niet verstuurd: het adres staat sinds ${formatDateTime(delivery.suppressed!.at)} op de blokkeerlijst${reasonOf(delivery.suppressed)}`;
    case 'delayed':
      return html`Vertraagd sinds ${formatDateTime(delivery.delayedAt!)}; de e-maildienst probeert het nog`;
    default:
      return html`Verstuurd; nog geen bericht van aankomst`;
  }
}

/**
 * Every recipient of an email with its outcome; with one recipient the sentence alone (the address is in
 * the row already).
 */
export function deliveryOutcome(mail: OutboxMail): Html {
  const of = (address: string) => mail.delivery?.[address.toLowerCase()];
  if (mail.to.length === 1) return recipientOutcome(of(mail.to[0]!));
  return html`<ul class="utrecht-unordered-list rt-mail-recipients">${mail.to.map(
    (address) =>
      html`<li class="utrecht-unordered-list__item">${address}: ${recipientOutcome(of(address))}</li>`,
  )}</ul>`;
}
