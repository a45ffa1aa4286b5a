import { contactSection } from './contact-section.js';
import { contributionSchedule, rateOn } from './data/contribution-schedule.js';
import { type Answers, defineForm, type RuleIssue } from './definition.js';
import { choice, date, integer, money, repeat, section, text, textarea, yesNo } from './fields.js';
import { formatDate, formatMoney } from './format.js';

/** The questions asked only of a municipality that collects (answered ‘ja’ to the first question). */
const collecting = { field: 'collects', answers: ['ja'] } as const;

/**
 * Eigen bijdrage Oekraïners: whether and how the municipality charges working displaced persons from
 * Ukraine the national own contribution, its reception locations and the adults charged.
 */
export const eigenBijdrage = defineForm({
  id: 'eigen-bijdrage',
  title: 'Eigen bijdrage ontheemden uit Oekraïne',
  intro:
    'Volwassenen in de gemeentelijke opvang met een inkomen betalen een vaste landelijke eigen bijdrage per maand. ' +
    'Met dit formulier laat uw gemeente de regietafel weten of en hoe zij de eigen bijdrage int. ' +
    'Vul de stand in op de peildatum. U kunt uw antwoorden tot de sluitingsdatum wijzigen.',
  contactEmailKey: 'contactEmail',
  contactNameKey: 'contactName',
  roundNotice: ({ referenceDate }) => {
    const rate = rateOn(referenceDate);
    if (!rate) return undefined;
    return (
      `Landelijke bedragen op de peildatum (${formatDate(referenceDate)}): ` +
      `${formatMoney(rate.operatingCosts)} voor exploitatie en nutsvoorzieningen en ` +
      `${formatMoney(rate.catering)} voor catering, per volwassene per maand ` +
      `(geldig vanaf ${formatDate(rate.effectiveFrom)}).`
    );
  },
  sections: [
    section('invoering', 'Invoering van de eigen bijdrage', [
      yesNo('collects', {
        label: 'Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?',
        name: 'Vraagt uw gemeente een eigen bijdrage',
        csvHeader: 'Vraagt eigen bijdrage',
      }),
      date('collectingSince', {
        label: 'Sinds wanneer vraagt uw gemeente de eigen bijdrage?',
        csvHeader: 'Eigen bijdrage sinds',
        shownWhen: collecting,
      }),
      choice('scheduleApplied', {
        label: 'Welke landelijke bedragen past uw gemeente toe?',
        hint: 'De bedragen worden landelijk vastgesteld: exploitatie en catering per volwassene per maand.',
        csvHeader: 'Toegepaste bedragen vanaf',
        widget: 'select',
        shownWhen: collecting,
        options: contributionSchedule.map((rate) => ({
          value: rate.effectiveFrom,
          label: `Vanaf ${formatDate(rate.effectiveFrom)} (${formatMoney(rate.operatingCosts)} en ${formatMoney(rate.catering)})`,
        })),
      }),
      money('amountOperatingCosts', {
        label: 'Bedrag voor exploitatie en nutsvoorzieningen',
        hint: 'Per volwassene per maand, zoals uw gemeente het in rekening brengt.',
        example: '244,22',
        unit: 'per volwassene per maand',
        csvHeader: 'Bedrag exploitatie per volwassene per maand (EUR)',
        shownWhen: collecting,
      }),
      money('amountCatering', {
        label: 'Bedrag voor catering',
        hint: 'Per volwassene per maand, alleen op locaties met catering. Laat leeg als geen locatie catering heeft.',
        example: '252,18',
        unit: 'per volwassene per maand',
        csvHeader: 'Bedrag catering per volwassene per maand (EUR)',
        optional: true,
        shownWhen: collecting,
      }),
      choice('incomeVerification', {
        label: 'Hoe stelt uw gemeente het inkomen vast?',
        csvHeader: 'Inkomenscontrole',
        shownWhen: collecting,
        options: [
          { value: 'eigen-verklaring', label: 'Met een eigen verklaring van de bewoner' },
          { value: 'uwv', label: 'Met gegevens van UWV' },
          { value: 'beide', label: 'Allebei' },
        ],
      }),
      choice('executedBy', {
        label: 'Wie voert de eigen bijdrage uit?',
        csvHeader: 'Uitvoering door',
        shownWhen: collecting,
        options: [
          { value: 'gemeente', label: 'De gemeente zelf' },
          { value: 'samenwerking', label: 'Een andere gemeente of een regionale samenwerking' },
          { value: 'extern', label: 'Een externe organisatie' },
        ],
      }),
      text('executorName', {
        label: 'Naam van de uitvoerende organisatie',
        csvHeader: 'Naam uitvoerder',
        maxLength: 150,
        shownWhen: { field: 'executedBy', answers: ['samenwerking', 'extern'] },
      }),
    ]),
    section(
      'locaties',
      'Opvanglocaties',
      [
        repeat('locations', {
          label: 'Opvanglocaties',
          itemLabel: 'Opvanglocatie',
          hint: 'Voeg een regel toe voor elke gemeentelijke opvanglocatie voor ontheemden uit Oekraïne.',
          max: 50,
          fields: [
            text('name', {
              label: 'Naam van de locatie',
              name: 'Naam van de locatie',
              csvHeader: 'Locatie',
              maxLength: 120,
            }),
            integer('capacity', {
              label: 'Capaciteit',
              unit: 'plaatsen',
              csvHeader: 'Capaciteit (plaatsen)',
              max: 5000,
            }),
            yesNo('catering', {
              label: 'Is er catering op deze locatie?',
              csvHeader: 'Catering',
            }),
            integer('residents', {
              label: 'Aantal bewoners op de peildatum',
              name: 'Aantal bewoners',
              unit: 'bewoners',
              csvHeader: 'Bewoners',
              max: 5000,
            }),
          ],
        }),
      ],
      'De locaties waar uw gemeente ontheemden uit Oekraïne opvangt, met de stand op de peildatum.',
    ),
    section(
      'volwassenen',
      'Volwassenen en opbrengst',
      [
        integer('adultsFull', {
          label: 'Volwassenen die de volledige bijdrage betalen',
          unit: 'volwassenen',
          csvHeader: 'Volwassenen volledige bijdrage',
          optional: true,
          shownWhen: collecting,
        }),
        integer('adultsPartial', {
          label: 'Volwassenen die een gedeeltelijke bijdrage betalen',
          hint: 'Hun inkomen ligt tussen de inkomensgrenzen.',
          unit: 'volwassenen',
          csvHeader: 'Volwassenen gedeeltelijke bijdrage',
          optional: true,
          shownWhen: collecting,
        }),
        integer('adultsCustom', {
          label: 'Volwassenen met maatwerk',
          name: 'Volwassenen met maatwerk',
          hint: 'Individuele schrijnende gevallen waarin uw gemeente afwijkt.',
          unit: 'volwassenen',
          csvHeader: 'Volwassenen maatwerk',
          optional: true,
          shownWhen: collecting,
        }),
        money('monthlyRevenue', {
          label: 'Opbrengst per maand',
          name: 'Opbrengst per maand',
          hint: 'Het totaal dat uw gemeente per maand aan eigen bijdragen ontvangt.',
          unit: 'per maand',
          csvHeader: 'Opbrengst per maand (EUR)',
          optional: true,
          shownWhen: collecting,
        }),
      ],
      'Maximaal twee volwassenen per huishouden betalen.',
    ),
    section('toelichting', 'Toelichting', [
      textarea('remarks', {
        label: 'Wilt u nog iets toelichten?',
        hint: 'Bijvoorbeeld knelpunten in de uitvoering of vragen aan de regietafel.',
        csvHeader: 'Toelichting',
        optional: true,
      }),
    ]),
    contactSection(),
  ],
  warnings: (answers, { referenceDate }) => {
    const issues: RuleIssue[] = [];
    const rate = rateOn(referenceDate);
    if (!rate || answers.collects !== true) return issues;
    const differs = (key: string, expected: number, what: string) => {
      const value = answers[key];
      if (typeof value === 'number' && Math.abs(value - expected) > 0.005) {
        issues.push({
          path: [key],
          message: `Het bedrag voor ${what} (${formatMoney(value)}) wijkt af van het landelijke bedrag op de peildatum (${formatMoney(expected)}). Klopt dat?`,
        });
      }
    };
    differs('amountOperatingCosts', rate.operatingCosts, 'exploitatie en nutsvoorzieningen');
    differs('amountCatering', rate.catering, 'catering');
    if (typeof answers.scheduleApplied === 'string' && answers.scheduleApplied !== rate.effectiveFrom) {
      issues.push({
        path: ['scheduleApplied'],
        message: `Op de peildatum gelden de bedragen vanaf ${formatDate(rate.effectiveFrom)}. Uw gemeente past andere bedragen toe. Klopt dat?`,
      });
    }
    const revenue = answers.monthlyRevenue;
    const full = typeof answers.adultsFull === 'number' ? answers.adultsFull : 0;
    const partial = typeof answers.adultsPartial === 'number' ? answers.adultsPartial : 0;
    if (typeof revenue === 'number' && full + partial > 0) {
      const locations = Array.isArray(answers.locations) ? (answers.locations as Answers[]) : [];
      const catering = locations.some((location) => location.catering === true) ? rate.catering : 0;
      const lowest = full * rate.operatingCosts;
      const highest = (full + partial) * (rate.operatingCosts + catering);
      if (revenue < lowest * 0.5 || revenue > highest * 1.5) {
        issues.push({
          path: ['monthlyRevenue'],
          message: `De opbrengst (${formatMoney(revenue)}) ligt ver van wat het aantal volwassenen doet verwachten (${formatMoney(lowest)} tot ${formatMoney(highest)} per maand). Klopt dat?`,
        });
      }
    }
    return issues;
  },
});
