import { type MunicipalityMailInput, type RoundMail, roundMail } from './round-mail.js';

/** The invitation to a municipality: what is asked, by when, what to prepare, and its personal link. */
export function invitationEmail(input: MunicipalityMailInput): RoundMail {
  const { round, definition, municipality, secretariat, boardName } = input;
  return roundMail({
    subject: `Uitnodiging: ${definition.title} – gemeente ${municipality.name} (${round.title})`,
    greeting: `Beste coördinator van gemeente ${municipality.name},`,
    lead: [
      `De ${boardName} vraagt uw gemeente het formulier ‘${definition.title}’ in te vullen voor de ronde ‘${round.title}’.`,
      'U kunt tussendoor opslaan en later verdergaan, en uw antwoorden tot de sluitingsdatum wijzigen.',
    ],
    round,
    definition,
    url: input.url,
    boardName,
    secretariat,
    after: [
      'De link is persoonlijk voor uw gemeente. Deel hem alleen met collega’s die namens uw gemeente invullen.',
    ],
  });
}
