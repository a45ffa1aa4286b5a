import { formatDateTime } from '../../forms/format.js';
import { type MunicipalityMailInput, type RoundMail, roundMail } from './round-mail.js';

/** The reminder to a municipality that has not submitted yet (perhaps a draft waits), with its link. */
export function reminderEmail(input: MunicipalityMailInput & { hasDraft: boolean }): RoundMail {
  const { round, definition, municipality, secretariat, boardName } = input;
  return roundMail({
    subject: `Herinnering: ${definition.title} – gemeente ${municipality.name}, sluit ${formatDateTime(round.deadline)}`,
    greeting: `Beste coördinator van gemeente ${municipality.name},`,
    lead: [
      `Uw gemeente heeft het formulier ‘${definition.title}’ (${round.title}) nog niet ingezonden${input.hasDraft ? ': er staat een concept klaar dat u kunt afmaken' : ''}. De sluitingsdatum is ${formatDateTime(round.deadline)}.`,
    ],
    round,
    definition,
    url: input.url,
    boardName,
    secretariat,
  });
}
