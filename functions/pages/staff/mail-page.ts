import { formatDateTime } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { OutboxMail } from '../../core/model.js';
import {
  actionForm,
  cell,
  consequences,
  dataTable,
  headerCell,
  numberCell,
  rowHeader,
} from './components.js';
import { deliveryOutcome } from './mail-delivery.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * "E-mail" (`/staf/mail`): the emails of this person's scope that wait to be sent or were given up on
 * after every retry — recipient, subject, reason, attempts — with a re-send per email and for all failed
 * ones (after a check step); the recently sent ones that did not arrive (bounced, reported as spam,
 * refused), which need a corrected address rather than another try; and the latest sent ones with what
 * SES reported per recipient (arrived, bounced, complained — with reason and time).
 */

export const mailPath = '/staf/mail';

const kindLabels: Record<string, string> = {
  invitation: 'Uitnodiging',
  reminder: 'Herinnering',
  summary: 'Overzicht',
  confirmation: 'Bevestiging',
};

export interface MailPageModel {
  readonly staff: SignedInStaff;
  readonly failed: readonly OutboxMail[];
  readonly pending: readonly OutboxMail[];
  readonly undelivered: readonly OutboxMail[];
  /** The latest sent ones, newest first, with what became of them. */
  readonly sent: readonly OutboxMail[];
  /** Round titles by id, to say what an email is about. */
  readonly roundTitles: ReadonlyMap<string, string>;
  readonly token: string;
  readonly notice?: string;
}

const roundOf = (model: { roundTitles: ReadonlyMap<string, string> }, mail: OutboxMail) =>
  model.roundTitles.get(mail.id.split('#')[1] ?? '') ?? '—';

const kind = (mail: OutboxMail) => kindLabels[mail.kind] ?? mail.kind;

function mailTable(
  model: MailPageModel,
  id: string,
  caption: string,
  mails: readonly OutboxMail[],
  button: { action: string; label: string } | undefined,
  reason: (mail: OutboxMail) => Html | string,
): Html {
  return dataTable({
    id,
    caption,
    head: [
      headerCell('Onderwerp'),
      headerCell('Soort'),
      headerCell('Ronde'),
      headerCell('Aan'),
      headerCell('Pogingen', true),
      headerCell('Reden'),
      ...(button ? [headerCell('Actie')] : []),
    ],
    rows: mails.map(
      (mail) =>
        html`${rowHeader(mail.subject)}${cell(kind(mail))}${cell(roundOf(model, mail))}${cell(mail.to.join(', '))}${numberCell(String(mail.attempts))}${cell(reason(mail))}${
          button
            ? cell(
                actionForm({
                  path: mailPath,
                  token: model.token,
                  className: 'rt-row-actions',
                  fields: { mail: mail.id },
                  buttons: [{ ...button, secondary: true }],
                  content: html`<span class="rt-visually-hidden">${mail.subject}: </span>`,
                }),
              )
            : html``
        }`,
    ),
  });
}

/** Sent email with, per recipient, what the e-mail service reported since (with reason and time). */
function sentTable(model: MailPageModel, id: string, caption: string, mails: readonly OutboxMail[]): Html {
  return dataTable({
    id,
    caption,
    head: [
      headerCell('Onderwerp'),
      headerCell('Soort'),
      headerCell('Ronde'),
      headerCell('Aan'),
      headerCell('Verstuurd'),
      headerCell('Aankomst'),
    ],
    rows: mails.map(
      (mail) =>
        html`${rowHeader(mail.subject)}${cell(kind(mail))}${cell(roundOf(model, mail))}${cell(mail.to.join(', '))}${cell(mail.sentAt ? formatDateTime(mail.sentAt) : '—')}${cell(deliveryOutcome(mail))}`,
    ),
  });
}

export function renderMailPage(model: MailPageModel): Html {
  return staffPage(
    {
      staff: model.staff,
      title: 'E-mail',
      back: { href: '/staf/rondes', label: 'Alle rondes' },
      notice: model.notice,
    },
    html`<h1 class="utrecht-heading-1">E-mail</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Elke e-mail gaat eerst in de wachtrij en wordt dan verstuurd. Lukt dat niet, dan proberen we het vanzelf opnieuw (na 1, 2, 4 en 8 minuten). Na 5 pogingen geven we het op: dan staat de e-mail hier bij ‘Mislukt’ en kunt u hem opnieuw versturen. U ziet alleen e-mail over uw eigen regio of provincie.</p>
<section aria-labelledby="mislukt" class="rt-section">
<h2 class="utrecht-heading-2" id="mislukt">Mislukt (${model.failed.length})</h2>
${
  model.failed.length === 0
    ? html`<p class="utrecht-paragraph">Er is geen mislukte e-mail.</p>`
    : html`${actionForm({
        path: mailPath,
        token: model.token,
        buttons: [
          {
            action: 'alle-controleren',
            label: `Alle ${model.failed.length} mislukte e-mails opnieuw versturen…`,
          },
        ],
      })}
${mailTable(model, 'mislukte-mail', 'Mislukte e-mail, oudste eerst', model.failed, { action: 'controleren', label: 'Opnieuw versturen…' }, (mail) => mail.lastError ?? 'onbekend')}`
}
</section>
<section aria-labelledby="wachtend" class="rt-section">
<h2 class="utrecht-heading-2" id="wachtend">Wacht op verzending (${model.pending.length})</h2>
${
  model.pending.length === 0
    ? html`<p class="utrecht-paragraph">Er wacht geen e-mail.</p>`
    : mailTable(
        model,
        'wachtende-mail',
        'Wachtende e-mail, oudste eerst',
        model.pending,
        { action: 'controleren', label: 'Nu versturen…' },
        (mail) =>
          mail.lastError
            ? html`${mail.lastError}${mail.nextAttemptAt ? html`<br>Volgende poging: ${formatDateTime(mail.nextAttemptAt)}` : ''}`
            : 'Nog niet geprobeerd',
      )
}
</section>
<section aria-labelledby="niet-aangekomen" class="rt-section">
<h2 class="utrecht-heading-2" id="niet-aangekomen">Verstuurd, maar niet aangekomen (${model.undelivered.length})</h2>
<p class="utrecht-paragraph">Wat de e-maildienst na het versturen meldde. Opnieuw versturen helpt hier niet: vraag de gemeente om het juiste adres en pas het aan.</p>
${
  model.undelivered.length === 0
    ? html`<p class="utrecht-paragraph">Van de laatst verstuurde e-mail is niets teruggekomen.</p>`
    : sentTable(
        model,
        'niet-aangekomen-mail',
        'Verstuurde e-mail die niet aankwam, nieuwste eerst',
        model.undelivered,
      )
}
</section>
<section aria-labelledby="verstuurd" class="rt-section">
<h2 class="utrecht-heading-2" id="verstuurd">Laatst verstuurd</h2>
${
  model.sent.length === 0
    ? html`<p class="utrecht-paragraph">Er is nog geen e-mail verstuurd.</p>`
    : html`<p class="utrecht-paragraph">${model.sent.length === 1 ? 'De laatst verstuurde e-mail' : `De laatste ${model.sent.length} verstuurde e-mails`}, met wat de e-maildienst per ontvanger meldde: aangekomen, onbestelbaar of als spam gemeld, met de reden en het tijdstip.</p>
${sentTable(model, 'verstuurde-mail', 'Verstuurde e-mail, nieuwste eerst', model.sent)}`
}
</section>`,
  );
}

export interface MailCheckModel {
  readonly staff: SignedInStaff;
  readonly mails: readonly OutboxMail[];
  readonly roundTitles: ReadonlyMap<string, string>;
  readonly token: string;
}

export function renderMailCheck(model: MailCheckModel): Html {
  const count = model.mails.length;
  return staffPage(
    { staff: model.staff, title: 'E-mail opnieuw versturen', back: { href: mailPath, label: 'E-mail' } },
    html`<h1 class="utrecht-heading-1">${count === 1 ? 'Deze e-mail' : `Deze ${count} e-mails`} opnieuw versturen?</h1>
${dataTable({
  id: 'opnieuw',
  caption: 'Wat er opnieuw verstuurd wordt',
  head: [headerCell('Onderwerp'), headerCell('Soort'), headerCell('Ronde'), headerCell('Aan')],
  rows: model.mails.map(
    (mail) =>
      html`${rowHeader(mail.subject)}${cell(kind(mail))}${cell(roundOf(model, mail))}${cell(mail.to.join(', '))}`,
  ),
})}
${consequences('Wat er gebeurt', [
  `${count === 1 ? 'De e-mail gaat' : 'De e-mails gaan'} nu opnieuw naar ${count === 1 ? 'dezelfde ontvanger' : 'dezelfde ontvangers'}, met dezelfde inhoud (de links erin werken nog).`,
  'Lukt het weer niet, dan proberen we het vanzelf nog 5 keer; daarna staat de e-mail weer bij ‘Mislukt’.',
  'Het komt in het logboek, met uw naam.',
])}
<form method="post" action="${mailPath}" class="rt-form" novalidate>
<input type="hidden" name="_verzoek" value="${model.token}">
${model.mails.map((mail) => html`<input type="hidden" name="mail" value="${mail.id}">`)}
<div class="utrecht-button-group rt-actions">
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="_action" value="versturen">${count === 1 ? 'Opnieuw versturen' : `${count} e-mails opnieuw versturen`}</button>
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${mailPath}">Terug, niets versturen</a>
</div>
</form>`,
  );
}
