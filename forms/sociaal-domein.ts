import { contactSection } from './contact-section.js';
import { type Answers, defineForm, type RuleIssue } from './definition.js';
import { choice, integer, repeat, section, textarea } from './fields.js';

/**
 * Inventarisatie sociaal domein: per domain (zorg, onderwijs, werk, inburgering) the situation, the
 * figures a municipality has, its bottlenecks and what support it asks of whom (the letter of 8 April
 * 2024: support agreements with Rijk, Provincie, ketenpartners and maatschappelijke organisaties).
 */

const domains = [
  { value: 'zorg', label: 'Zorg' },
  { value: 'onderwijs', label: 'Onderwijs' },
  { value: 'werk', label: 'Werk' },
  { value: 'inburgering', label: 'Inburgering' },
] as const;

export const addressees = [
  { value: 'rijk', label: 'Rijk' },
  { value: 'provincie', label: 'Provincie' },
  { value: 'ketenpartners', label: 'Ketenpartners (COA, GGD, scholen, UWV …)' },
  { value: 'maatschappelijke-organisaties', label: 'Maatschappelijke organisaties (Vluchtelingenwerk …)' },
] as const;

const optionalCount = (key: string, label: string, csvHeader: string, hint?: string) =>
  integer(key, { label, csvHeader, hint, optional: true, max: 100_000 });

export const sociaalDomein = defineForm({
  id: 'sociaal-domein',
  title: 'Inventarisatie sociaal domein',
  intro:
    'Naast opvang en huisvesting vraagt de regietafel aandacht voor zorg, onderwijs, werk en inburgering. ' +
    'Beschrijf per domein de situatie in uw gemeente, vul de cijfers in die u heeft, en noem knelpunten en ' +
    'de ondersteuning die u nodig heeft. Op basis hiervan maakt de regietafel afspraken met Rijk, Provincie, ' +
    'ketenpartners en maatschappelijke organisaties. Cijfers die u niet heeft, laat u leeg.',
  contactEmailKey: 'contactEmail',
  contactNameKey: 'contactName',
  sections: [
    section('zorg', 'Zorg', [
      textarea('careSituation', {
        label: 'Hoe is de situatie op het gebied van zorg?',
        hint: 'Bijvoorbeeld inschrijving bij een huisarts, signalen over psychische klachten (GGZ), capaciteit van de GGD.',
        csvHeader: 'Situatie zorg',
        maxLength: 1500,
        optional: true,
      }),
      optionalCount('withoutGp', 'Nieuwkomers zonder huisarts', 'Nieuwkomers zonder huisarts'),
    ]),
    section('onderwijs', 'Onderwijs', [
      textarea('educationSituation', {
        label: 'Hoe is de situatie op het gebied van onderwijs?',
        hint: 'Bijvoorbeeld nieuwkomersvoorzieningen, tijdelijke voorzieningen voor Oekraïense leerlingen, schoolgebouwen, leerlingenvervoer.',
        csvHeader: 'Situatie onderwijs',
        maxLength: 1500,
        optional: true,
      }),
      optionalCount(
        'pupilsPrimary',
        'Nieuwkomersleerlingen in het primair onderwijs',
        'Leerlingen primair onderwijs',
      ),
      optionalCount(
        'pupilsSecondary',
        'Nieuwkomersleerlingen in het voortgezet onderwijs (ISK)',
        'Leerlingen voortgezet onderwijs (ISK)',
      ),
      optionalCount('pupilsWaiting', 'Leerlingen op een wachtlijst', 'Leerlingen op wachtlijst'),
    ]),
    section('werk', 'Werk', [
      textarea('workSituation', {
        label: 'Hoe is de situatie op het gebied van werk?',
        hint: 'Ontheemden uit Oekraïne mogen alleen in loondienst werken.',
        csvHeader: 'Situatie werk',
        maxLength: 1500,
        optional: true,
      }),
      optionalCount('adultsAbleToWork', 'Volwassenen die kunnen werken', 'Volwassenen die kunnen werken'),
      optionalCount('adultsInWork', 'Volwassenen met betaald werk', 'Volwassenen met werk'),
      optionalCount(
        'adultsInRoute',
        'Volwassenen in een traject naar werk',
        'Volwassenen in traject naar werk',
      ),
    ]),
    section('inburgering', 'Inburgering', [
      textarea('integrationSituation', {
        label: 'Hoe is de situatie op het gebied van inburgering?',
        hint: 'Wet inburgering 2021: brede intakes, persoonlijke plannen (PIP), leerroutes, ontzorgen.',
        csvHeader: 'Situatie inburgering',
        maxLength: 1500,
        optional: true,
      }),
      optionalCount('intakesStarted', 'Brede intakes gestart', 'Brede intakes gestart'),
      optionalCount('intakesFinished', 'Brede intakes afgerond', 'Brede intakes afgerond'),
      optionalCount('plansSet', 'Persoonlijke plannen (PIP) vastgesteld', 'PIP vastgesteld'),
      optionalCount('routeB1', 'Inburgeraars in de B1-route', 'B1-route'),
      optionalCount('routeEducation', 'Inburgeraars in de onderwijsroute', 'Onderwijsroute'),
      optionalCount('routeZ', 'Inburgeraars in de Z-route', 'Z-route'),
    ]),
    section(
      'knelpunten',
      'Knelpunten',
      [
        repeat('bottlenecks', {
          label: 'Knelpunten',
          itemLabel: 'Knelpunt',
          hint: 'Voeg een regel toe voor elk knelpunt dat uw gemeente ervaart.',
          max: 20,
          fields: [
            choice('domain', { label: 'Domein', csvHeader: 'Domein', widget: 'select', options: domains }),
            textarea('description', {
              label: 'Wat is het knelpunt?',
              csvHeader: 'Knelpunt',
              maxLength: 500,
            }),
            choice('severity', {
              label: 'Hoe ernstig is het?',
              csvHeader: 'Ernst',
              options: [
                { value: 'beperkt', label: 'Beperkt' },
                { value: 'aanzienlijk', label: 'Aanzienlijk' },
                { value: 'ernstig', label: 'Ernstig' },
              ],
            }),
          ],
        }),
      ],
      'Wat gaat er niet goed, of dreigt mis te gaan?',
    ),
    section(
      'ondersteuning',
      'Ondersteuningsvragen',
      [
        repeat('supportRequests', {
          label: 'Ondersteuningsvragen',
          itemLabel: 'Ondersteuningsvraag',
          hint: 'Voeg een regel toe voor elke vraag. De regietafel bundelt de vragen per partij.',
          max: 20,
          fields: [
            choice('domain', { label: 'Domein', csvHeader: 'Domein', widget: 'select', options: domains }),
            choice('addressee', {
              label: 'Aan wie is de vraag gericht?',
              csvHeader: 'Gericht aan',
              options: addressees,
            }),
            textarea('request', {
              label: 'Welke ondersteuning vraagt u?',
              csvHeader: 'Vraag',
              maxLength: 500,
            }),
          ],
        }),
      ],
      'Welke ondersteuning heeft uw gemeente nodig, en van wie?',
    ),
    contactSection(),
  ],
  warnings: (answers: Answers) => {
    const issues: RuleIssue[] = [];
    const more = (a: string, b: string, message: string) => {
      if (
        typeof answers[a] === 'number' &&
        typeof answers[b] === 'number' &&
        (answers[a] as number) > (answers[b] as number)
      ) {
        issues.push({ path: [a], message });
      }
    };
    more('intakesFinished', 'intakesStarted', 'Er zijn meer brede intakes afgerond dan gestart. Klopt dat?');
    more('adultsInWork', 'adultsAbleToWork', 'Er werken meer volwassenen dan er kunnen werken. Klopt dat?');
    return issues;
  },
});
