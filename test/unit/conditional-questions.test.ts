import { describe, expect, it } from 'vitest';
import {
  answersToRaw,
  decodeFormPost,
  defineForm,
  describeAnswers,
  rawToCandidate,
} from '../../forms/definition.js';
import { eigenBijdrage } from '../../forms/eigen-bijdrage.js';
import { choice, integer, repeat, section, text, yesNo } from '../../forms/fields.js';
import { renderFormPage } from '../../forms/render/form-page.js';
import { validateAnswers } from '../../forms/validate.js';
import { validEigenBijdrage } from '../support/pipeline.js';

/** A small form with a dependent question at the top and one in every row of a repeated group. */
const sheltersForm = defineForm({
  id: 'opvang-test',
  title: 'Opvang',
  intro: 'Test.',
  contactEmailKey: 'contactEmail',
  contactNameKey: 'contactName',
  sections: [
    section('opvang', 'Opvang', [
      yesNo('hasShelter', { label: 'Heeft uw gemeente een noodopvang?' }),
      integer('shelterPlaces', {
        label: 'Hoeveel plaatsen heeft de noodopvang?',
        shownWhen: { field: 'hasShelter', answers: ['ja'] },
      }),
      repeat('locations', {
        label: 'Locaties',
        itemLabel: 'Locatie',
        max: 5,
        fields: [
          text('name', { label: 'Naam van de locatie' }),
          yesNo('catering', { label: 'Is er catering op deze locatie?' }),
          choice('caterer', {
            label: 'Wie verzorgt de catering?',
            options: [
              { value: 'zelf', label: 'De gemeente' },
              { value: 'extern', label: 'Een cateraar' },
            ],
            shownWhen: { field: 'catering', answers: ['ja'] },
          }),
        ],
      }),
    ]),
    section('contact', 'Contact', [
      text('contactName', { label: 'Uw naam' }),
      text('contactEmail', { label: 'Uw e-mailadres' }),
    ]),
  ],
});

const contact = { contactName: 'Els', contactEmail: 'els@ommen.example' };

describe('questions asked only after an answer', () => {
  it('drops the answers a ‘nee’ makes irrelevant, at the top and in every row', () => {
    const outcome = validateAnswers(sheltersForm, {
      hasShelter: false,
      shelterPlaces: 'twaalf',
      locations: [
        { name: 'A', catering: false, caterer: 'extern' },
        { name: 'B', catering: true, caterer: 'zelf' },
      ],
      ...contact,
    });
    expect(outcome).toEqual({
      success: true,
      errors: [],
      answers: {
        hasShelter: false,
        locations: [
          { name: 'A', catering: false },
          { name: 'B', catering: true, caterer: 'zelf' },
        ],
        ...contact,
      },
    });
  });

  it('asks for a required dependent answer after ‘ja’, naming its label, once per field and row', () => {
    const outcome = validateAnswers(sheltersForm, {
      hasShelter: true,
      locations: [
        { name: 'A', catering: true },
        { name: 'B', catering: false },
        { name: 'C', catering: true },
      ],
      ...contact,
    });
    expect(outcome.errors).toEqual([
      { path: 'shelterPlaces', message: 'Vul een antwoord in bij ‘Hoeveel plaatsen heeft de noodopvang?’.' },
      {
        path: 'locations.0.caterer',
        message: 'Locatie 1: Kies een antwoord bij ‘Wie verzorgt de catering?’.',
      },
      {
        path: 'locations.2.caterer',
        message: 'Locatie 3: Kies een antwoord bij ‘Wie verzorgt de catering?’.',
      },
    ]);
  });

  it('asks nothing dependent while the question itself is unanswered, and says so for the question', () => {
    const outcome = validateAnswers(sheltersForm, { shelterPlaces: 12, locations: [], ...contact });
    expect(outcome.errors).toEqual([
      { path: 'hasShelter', message: 'Kies een antwoord bij ‘Heeft uw gemeente een noodopvang?’.' },
    ]);
  });

  it('gives five missing answers after ‘ja’ five messages, each naming its own field', () => {
    const outcome = validateAnswers(
      eigenBijdrage,
      validEigenBijdrage({
        collectingSince: undefined,
        scheduleApplied: undefined,
        amountOperatingCosts: undefined,
        incomeVerification: undefined,
        executedBy: undefined,
      }),
    );
    expect(outcome.errors).toEqual([
      {
        path: 'collectingSince',
        message:
          'Vul bij ‘Sinds wanneer vraagt uw gemeente de eigen bijdrage?’ een datum in, bijvoorbeeld 1-7-2024 of 1 juli 2024.',
      },
      {
        path: 'scheduleApplied',
        message: 'Kies een antwoord bij ‘Welke landelijke bedragen past uw gemeente toe?’.',
      },
      { path: 'amountOperatingCosts', message: 'Vul ‘Bedrag voor exploitatie en nutsvoorzieningen’ in.' },
      {
        path: 'incomeVerification',
        message: 'Kies een antwoord bij ‘Hoe stelt uw gemeente het inkomen vast?’.',
      },
      { path: 'executedBy', message: 'Kies een antwoord bij ‘Wie voert de eigen bijdrage uit?’.' },
    ]);
  });

  it('drops them from a browser post too, and leaves them off the check page and the email', () => {
    const params = new URLSearchParams({
      collects: 'nee',
      collectingSince: '1 juli 2024',
      amountOperatingCosts: '244,22',
      executedBy: 'extern',
      executorName: 'Regio',
      adultsFull: '12',
      contactName: 'Els',
      contactEmail: 'els@ommen.example',
    });
    const candidate = rawToCandidate(eigenBijdrage, decodeFormPost(eigenBijdrage, params).raw);
    const outcome = validateAnswers(eigenBijdrage, candidate);
    expect(outcome.answers).toEqual({
      collects: false,
      locations: [],
      contactName: 'Els',
      contactEmail: 'els@ommen.example',
    });
    const labels = describeAnswers(eigenBijdrage, outcome.answers!).flatMap((part) =>
      part.rows.map((row) => row.label),
    );
    expect(labels).toContain('Vraagt uw gemeente een eigen bijdrage van werkende ontheemden?');
    expect(labels).not.toContain('Sinds wanneer vraagt uw gemeente de eigen bijdrage?');
    expect(labels).not.toContain('Volwassenen die de volledige bijdrage betalen');
    expect(labels).toContain('Wilt u nog iets toelichten?');
  });

  it('keeps none of them in what a post leaves as the draft, but waits while the question is open', () => {
    const typed = {
      hasShelter: 'nee',
      shelterPlaces: 'twaalf',
      'locations[0][name]': 'Sporthal',
      'locations[0][catering]': 'nee',
      'locations[0][caterer]': 'extern',
      'locations[1][name]': 'Hotel',
      'locations[1][caterer]': 'zelf',
      ...contact,
    };
    expect(decodeFormPost(sheltersForm, new URLSearchParams(typed)).raw).toEqual({
      hasShelter: 'nee',
      locations: [
        { name: 'Sporthal', catering: 'nee' },
        { name: 'Hotel', caterer: 'zelf' },
      ],
      ...contact,
    });
    // Typed before the question is answered (without JavaScript every question shows): kept for it.
    const { hasShelter: _, ...open } = typed;
    expect(decodeFormPost(sheltersForm, new URLSearchParams(open)).raw).toMatchObject({
      shelterPlaces: 'twaalf',
    });
    expect(
      decodeFormPost(sheltersForm, new URLSearchParams({ ...typed, hasShelter: 'ja' })).raw,
    ).toMatchObject({ hasShelter: 'ja', shelterPlaces: 'twaalf' });
  });

  it('refuses a dependency the page could not show', () => {
    const form = (shownWhen: { field: string; answers: string[] }) => () =>
      defineForm({
        id: 'fout',
        title: 'Fout',
        intro: '',
        contactEmailKey: 'e',
        contactNameKey: 'n',
        sections: [
          section('s', 'S', [
            text('n', { label: 'Naam' }),
            yesNo('q', { label: 'Vraag?' }),
            text('e', { label: 'E-mail', shownWhen }),
          ]),
        ],
      });
    expect(form({ field: 'q', answers: ['ja'] })).not.toThrow();
    expect(form({ field: 'nergens', answers: ['ja'] })).toThrow(/niet eerder staat/);
    expect(form({ field: 'n', answers: ['ja'] })).toThrow(/geen keuzevraag/);
    expect(form({ field: 'q', answers: ['misschien'] })).toThrow(/niet kent/);
  });
});

describe('the conditional blocks on the form page', () => {
  const page = (definition = eigenBijdrage, raw = answersToRaw(eigenBijdrage)) =>
    renderFormPage({
      definition,
      municipalityName: 'Ommen',
      organisation: 'Regionale Regietafel Vluchtelingen IJsselland',
      round: { title: 'Ronde november', referenceDate: '2026-11-01', deadline: '2026-12-18T16:00:00.000Z' },
      action: '/formulieren/eigen-bijdrage/r/GM0175',
      raw,
      errors: [],
      submissionId: 'inzending-1',
      baseVersion: 0,
      draftRevision: 0,
    }).value;

  it('puts the dependent fields right after their question, in a block its answer controls', () => {
    const html = page();
    const question = html.indexOf('name="collects" value="nee"');
    const block = html.indexOf('<div class="rt-conditional" id="f-collects-vervolg"');
    expect(question).toBeGreaterThan(0);
    expect(block).toBeGreaterThan(question);
    expect(html.slice(question, block)).not.toContain('<input');
    expect(html).toContain(
      'id="f-collects" aria-controls="f-collects-vervolg f-collects-vervolg-2" name="collects" value="ja"',
    );
    expect(html).toContain('data-rt-question="collects" data-rt-answers="ja"');
    expect(html).toContain('Alleen invullen als u ‘ja’ koos bij ‘Vraagt uw gemeente een eigen bijdrage’.');
    // The nested block: the executor's name under "wie voert het uit", inside the "ja" block.
    const nested = html.indexOf('id="f-executedBy-vervolg"');
    expect(nested).toBeGreaterThan(block);
    expect(html).toContain('data-rt-question="executedBy" data-rt-answers="samenwerking extern"');
    // A section that is asked only after "ja" is itself the block.
    expect(html).toContain(
      '<section class="rt-section rt-conditional" aria-labelledby="sectie-volwassenen" id="f-collects-vervolg-2"',
    );
  });

  it('does the same in every row of a repeated group', () => {
    const html = page(sheltersForm, {
      ...answersToRaw(sheltersForm),
      locations: [
        { name: 'A', catering: 'ja', caterer: '' },
        { name: 'B', catering: '', caterer: '' },
      ],
    });
    expect(html).toContain('id="f-locations-0-catering" aria-controls="f-locations-0-catering-vervolg"');
    expect(html).toContain('data-rt-question="locations[1][catering]" data-rt-answers="ja"');
  });
});
