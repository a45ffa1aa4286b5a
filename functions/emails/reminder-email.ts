import type { FormDefinition } from '../../forms/definition.js';
import { formatDateTime } from '../../forms/format.js';
import type { PageContact } from '../../forms/render/layout.js';
import type { Municipality, Round } from '../core/model.js';
import { type RoundMail, roundMail } from './round-mail.js';

/** The reminder to a municipality that has not submitted yet (perhaps a draft waits), with its link. */
export function reminderEmail(input: {
  round: Round;
  definition: FormDefinition;
  municipality: Municipality;
  boardName: string;
  secretariat: PageContact | undefined;
  url: string;
  hasDraft: boolean;
}): RoundMail {
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
