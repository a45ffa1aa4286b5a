import { email, section, text } from './fields.js';

/**
 * Who fills in the form: the confirmation goes to this address and the version history names them. It
 * belongs to the round (someone else may fill in the next one), so a new round never carries it over.
 */
export const contactSection = () =>
  section(
    'contact',
    'Uw gegevens',
    [
      text('contactName', {
        label: 'Uw naam',
        name: 'Uw naam',
        csvHeader: 'Ingevuld door',
        maxLength: 100,
        perRound: true,
      }),
      email('contactEmail', {
        label: 'Uw e-mailadres',
        hint: 'U krijgt op dit adres een bevestiging met uw antwoorden.',
        csvHeader: 'E-mailadres invuller',
        perRound: true,
      }),
      text('contactRole', {
        label: 'Uw functie',
        hint: 'Bijvoorbeeld beleidsadviseur opvang.',
        csvHeader: 'Functie invuller',
        maxLength: 100,
        optional: true,
        perRound: true,
      }),
    ],
    'Wij gebruiken deze gegevens alleen om u een bevestiging te sturen en om vragen over uw antwoorden te stellen.',
  );
