import { describe, expect, it } from 'vitest';
import { answersToRaw, csvColumns, defineForm } from '../../forms/definition.js';
import { eigenBijdrage } from '../../forms/eigen-bijdrage.js';
import { integer, section } from '../../forms/fields.js';
import { renderConfirmationEmail } from '../../forms/render/email.js';
import { renderFormPage } from '../../forms/render/form-page.js';
import { compoundHeading } from '../../forms/render/html.js';
import { validateAnswers } from '../../forms/validate.js';
import { renderAccessibilityStatement } from '../../functions/pages/accessibility-statement.js';
import { validEigenBijdrage } from '../support/pipeline.js';

const round = { title: 'Ronde november', referenceDate: '2026-11-01', deadline: '2026-12-18T16:00:00.000Z' };

function page(overrides: Partial<Parameters<typeof renderFormPage>[0]> = {}) {
  return renderFormPage({
    definition: eigenBijdrage,
    municipalityName: 'Kampen',
    organisation: 'Regionale Regietafel Vluchtelingen IJsselland',
    round,
    action: '/formulieren/eigen-bijdrage/r1/GM0166',
    raw: answersToRaw(eigenBijdrage),
    errors: [],
    submissionId: 'sub-123456',
    baseVersion: 0,
    draftRevision: 0,
    ...overrides,
  }).value;
}

describe('the form page, rendered from the definition', () => {
  it('is a Dutch page with one h1, a section heading per section and the round facts', () => {
    const html = page();
    expect(html).toContain('<html lang="nl"');
    expect(html.match(/<h1 /g)).toHaveLength(1);
    for (const title of [
      'Invoering van de eigen bijdrage',
      'Opvanglocaties',
      'Volwassenen en opbrengst',
      'Uw gegevens',
    ]) {
      expect(html).toContain(`>${title}</h2>`);
    }
    expect(html).toContain('18 december 2026 om 17:00');
    expect(html).toContain('1 november 2026');
    expect(html).toContain('€ 244,22 voor exploitatie');
    expect(html).toContain(
      '<form class="utrecht-form rt-form" method="post" action="/formulieren/eigen-bijdrage/r1/GM0166" novalidate>',
    );
  });

  it('labels every input, links hints with aria-describedby and marks optional fields', () => {
    const html = page();
    const ids = [...html.matchAll(/<(?:input|textarea|select)[^>]*\bid="([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(html, id).toContain(`for="${id}"`);
    expect(html).toMatch(/id="f-amountCatering"[^>]*aria-describedby="f-amountCatering-hint"/);
    expect(html).toContain('Bedrag voor catering <span class="rt-optional">(niet verplicht)</span>');
    expect(html).toMatch(
      /<legend[^>]*>Vraagt uw gemeente een eigen bijdrage van werkende ontheemden\?<\/legend>/,
    );
  });

  it('shows an error summary linking to each field, and marks the fields invalid', () => {
    const html = page({
      errors: [
        { path: 'collects', message: 'Kies een antwoord bij ‘Eigen bijdrage gevraagd’.' },
        { path: 'locations.0.capacity', message: 'Opvanglocatie 1: ‘Capaciteit’ mag niet negatief zijn.' },
      ],
      raw: {
        ...answersToRaw(eigenBijdrage),
        locations: [{ name: 'A', capacity: '-1', catering: '', residents: '' }],
      },
    });
    expect(html).toContain('<title>Fout: Eigen bijdrage ontheemden uit Oekraïne');
    expect(html).toContain('Er zijn 2 problemen met uw antwoorden');
    expect(html).toContain('href="#f-collects"');
    expect(html).toContain('href="#f-locations-0-capacity"');
    expect(html).toMatch(/id="f-collects"[^>]*name="collects" value="ja"/);
    expect(html).toMatch(
      /id="f-locations-0-capacity"[^>]*value="-1"[^>]*aria-describedby="f-locations-0-capacity-error" aria-invalid="true"/,
    );
  });

  it('escapes whatever the official typed', () => {
    const html = page({
      raw: { ...answersToRaw(eigenBijdrage), contactName: '"><script>alert(1)</script>' },
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('offers add and remove buttons for locations that work without JavaScript', () => {
    const html = page({
      raw: {
        ...answersToRaw(eigenBijdrage),
        locations: [{ name: 'A', capacity: '', catering: '', residents: '' }],
      },
    });
    expect(html).toContain('name="_action" value="remove:locations:0"');
    expect(html).toContain('name="_action" value="add:locations"');
    // No inline script: the one script the layout loads only adds to the page.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    // Enter in a text field submits the form, not "add a row".
    expect(html.indexOf('value="review"')).toBeLessThan(html.indexOf('value="add:locations"'));
  });
});

describe('the confirmation email', () => {
  it('lists the answers in Dutch, as HTML tables and as plain text', () => {
    const mail = renderConfirmationEmail({
      definition: eigenBijdrage,
      municipalityName: 'Zwolle',
      organisation: 'Regionale Regietafel Vluchtelingen IJsselland',
      roundTitle: 'Ronde november',
      version: 2,
      submittedAt: '2026-11-27T13:05:00.000Z',
      submittedBy: 'Anna de Vries',
      answers: validEigenBijdrage(),
      late: false,
      amendUrl: 'https://formulieren.example/uitnodiging?code=abc.def.ghi',
    });
    expect(mail.subject).toBe(
      'Ontvangen: Eigen bijdrage ontheemden uit Oekraïne – gemeente Zwolle (Ronde november, versie 2)',
    );
    expect(mail.text).toContain('versie 2, ingezonden op 27 november 2026 om 14:05 door Anna de Vries');
    expect(mail.text).toContain('Opvanglocatie 2');
    expect(mail.text).toContain('Capaciteit: 40 plaatsen');
    expect(mail.text).toContain(
      'U kunt uw antwoorden tot de sluitingsdatum wijzigen via deze link, op elk apparaat: https://formulieren.example/uitnodiging?code=abc.def.ghi',
    );
    expect(mail.html).toContain('<a href="https://formulieren.example/uitnodiging?code=abc.def.ghi"');
    expect(mail.html).toContain(
      '<td style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;padding:6px 0;',
    );
    expect(mail.html).toContain('€ 18.450,50 per maand');
    expect(mail.html).not.toMatch(/<script|<img|<link/);
  });
});

describe('one definition drives every output', () => {
  it('a field added to the definition appears in the page, the validation, the email and the CSV columns', () => {
    const [first, ...rest] = eigenBijdrage.sections;
    const extended = defineForm({
      ...eigenBijdrage,
      sections: [
        section(first!.key, first!.title, [
          ...first!.items,
          integer('householdsCharged', {
            label: 'Aantal huishoudens dat betaalt',
            csvHeader: 'Huishoudens die betalen',
          }),
        ]),
        ...rest,
      ],
    });
    const html = renderFormPage({
      definition: extended,
      municipalityName: 'Kampen',
      organisation: 'x',
      round,
      action: '/x',
      raw: answersToRaw(extended),
      errors: [],
      submissionId: 'sub-123456',
      baseVersion: 0,
      draftRevision: 0,
    }).value;
    expect(html).toContain(
      '<label class="utrecht-form-label" for="f-householdsCharged">Aantal huishoudens dat betaalt</label>',
    );
    expect(validateAnswers(extended, validEigenBijdrage()).errors).toEqual([
      { path: 'householdsCharged', message: 'Vul ‘Aantal huishoudens dat betaalt’ in.' },
    ]);
    const answers = validEigenBijdrage({ householdsCharged: 37 });
    expect(validateAnswers(extended, answers).success).toBe(true);
    const mail = renderConfirmationEmail({
      definition: extended,
      municipalityName: 'Kampen',
      organisation: 'x',
      roundTitle: 'x',
      version: 1,
      submittedAt: '2026-11-27T13:05:00.000Z',
      submittedBy: 'x',
      answers,
      late: false,
    });
    expect(mail.text).toContain('Aantal huishoudens dat betaalt: 37');
    expect(mail.html).toContain('Aantal huishoudens dat betaalt');
    const column = csvColumns(extended).find((candidate) => candidate.key === 'householdsCharged');
    expect(column?.header).toBe('Huishoudens die betalen');
    expect(column?.value(answers)).toBe(37);
  });
});

describe('long compounds in the headings of the form pages', () => {
  it('may break with a hyphen after the linking ‘ings’ of a long word, and nowhere else', () => {
    expect(String(compoundHeading('Ondersteuningsvragen'))).toBe('Ondersteunings&shy;vragen');
    expect(String(compoundHeading('Ondersteuningsvraag 1'))).toBe('Ondersteunings&shy;vraag 1');
    for (const title of [
      'Opvanglocaties',
      'Aandelen asielopvang (Spreidingswet)',
      'Inburgering',
      'Uw gegevens',
    ])
      expect(String(compoundHeading(title))).toBe(title);
  });
});

describe('the accessibility statement', () => {
  it('has the sections of the government model, with the test method, the date and the measures', () => {
    const page = renderAccessibilityStatement([
      {
        organisation: 'Regietafel Test',
        name: 'Secretariaat Test',
        email: 'test@example.nl',
        phone: '010 000 00 00',
      },
    ]).value;
    const headings = [...page.matchAll(/<h2 class="utrecht-heading-2">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'Verklaring',
      'Nalevingsstatus',
      'Onderbouwing: hoe we de website onderzochten',
      'Nog niet toegankelijke onderdelen',
      'Maatregelen',
      'Feedback en contactgegevens',
      'Handhavingsprocedure',
      'Aanvullende informatie',
      'Akkoordverklaring',
    ]);
    expect(page).toContain('Laatste onderzoek: 1 december 2026');
    expect(page).toContain('axe-core');
    expect(page).toContain('WCAG-EM');
    expect(page).toContain('<html lang="nl"');
    // The footer names the secretariat and links the statement.
    expect(page).toMatch(/<footer[\s\S]*Secretariaat Test[\s\S]*href="\/toegankelijkheid"[\s\S]*<\/footer>/);
  });
});
