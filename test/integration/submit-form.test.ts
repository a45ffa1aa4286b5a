import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

let pipeline: TestPipeline;
const zwolle = 'GM0193';

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

beforeEach(async () => {
  await pipeline.clearMailbox();
});

/** Nothing stored for a municipality: no version, no current copy. */
async function expectNothingStored(municipality: string) {
  expect(await pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${municipality}#`)).toEqual([]);
  expect(await pipeline.items(pipeline.round.id, `CURRENT#eigen-bijdrage#${municipality}`)).toEqual([]);
  expect(await pipeline.mailbox()).toEqual([]);
}

describe('submitting the eigen-bijdrage form as a JSON client', () => {
  it('stores version 1 in DynamoDB and mails the official their answers in Dutch', async () => {
    const response = await postJson(pipeline.formUrl(zwolle), { answers: validEigenBijdrage() });
    expect(response.status).toBe(201);
    expect(response.json()).toMatchObject({
      municipality: zwolle,
      version: 1,
      late: false,
      confirmationEmail: 'verstuurd',
    });

    const [version] = await pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${zwolle}#`);
    expect(version).toMatchObject({
      municipality: zwolle,
      roundId: pipeline.round.id,
      formId: 'eigen-bijdrage',
      version: 1,
      submittedBy: { name: 'Anna de Vries', email: 'anna.devries@zwolle.example' },
      answers: validEigenBijdrage(),
    });
    expect(Date.parse(String(version?.submittedAt))).not.toBeNaN();
    const [current] = await pipeline.items(pipeline.round.id, `CURRENT#eigen-bijdrage#${zwolle}`);
    expect(current).toMatchObject({ version: 1 });

    const mails = await pipeline.mailbox();
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.destination.to).toEqual(['anna.devries@zwolle.example']);
    expect(mail.subject).toContain('Eigen bijdrage ontheemden uit Oekraïne');
    expect(mail.subject).toContain('gemeente Zwolle');
    for (const body of [mail.body.text!, mail.body.html!]) {
      expect(body).toContain('Uw antwoorden zijn ontvangen');
      expect(body).toContain('De Vechtstede');
      expect(body).toContain('€ 244,22');
      expect(body).toContain('€ 18.450,50');
      expect(body).toContain('1 juli 2024');
      expect(body).toContain('Allebei');
    }
    expect(mail.body.html).toContain('<table');
    expect(mail.body.html).not.toMatch(/<script|<img/i);
  });

  it('stores one version when the same submission is retried (idempotent)', async () => {
    const body = { answers: validEigenBijdrage(), submissionId: 'retry-0001-abcdef', baseVersion: 0 };
    const url = pipeline.formUrl('GM0148');
    const [first, second] = await Promise.all([postJson(url, body), postJson(url, body)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    const third = await postJson(url, body);
    expect(third.status).toBe(200);
    expect(third.json()).toMatchObject({ version: 1, replayed: true });
    expect(await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0148#')).toHaveLength(1);
    expect(await pipeline.mailbox()).toHaveLength(1);
  });

  it('refuses the second of two concurrent edits with 409 and keeps the first', async () => {
    const url = pipeline.formUrl('GM0150');
    const first = await postJson(url, {
      answers: validEigenBijdrage({ contactName: 'Piet' }),
      baseVersion: 0,
    });
    expect(first.status).toBe(201);
    const second = await postJson(url, {
      answers: validEigenBijdrage({ contactName: 'Klaas' }),
      baseVersion: 0,
    });
    expect(second.status).toBe(409);
    expect(second.json().message).toMatch(/intussen gewijzigd: versie 1 .* door Piet/);
    const versions = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0150#');
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ submittedBy: { name: 'Piet' } });
  });

  it('keeps every version when an official amends from the current one', async () => {
    const url = pipeline.formUrl('GM0160');
    expect((await postJson(url, { answers: validEigenBijdrage(), baseVersion: 0 })).status).toBe(201);
    const amended = await postJson(url, { answers: validEigenBijdrage({ adultsFull: 50 }), baseVersion: 1 });
    expect(amended.status).toBe(201);
    expect(amended.json()).toMatchObject({ version: 2 });
    const versions = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0160#');
    expect(
      versions.map((item) => [item.version, (item.answers as { adultsFull: number }).adultsFull]),
    ).toEqual([
      [1, 41],
      [2, 50],
    ]);
    const [current] = await pipeline.items(pipeline.round.id, 'CURRENT#eigen-bijdrage#GM0160');
    expect(current).toMatchObject({ version: 2 });
  });
});

describe('a JSON client answering ‘nee’', () => {
  it('is stored without the answers the ‘nee’ makes irrelevant (201, not an error)', async () => {
    const response = await postJson(pipeline.formUrl('GM1708'), {
      answers: validEigenBijdrage({ collects: false, executedBy: 'extern', executorName: 'Regio Oost' }),
    });
    expect(response.status).toBe(201);
    const [version] = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM1708#');
    expect(Object.keys(version?.answers as object).sort()).toEqual([
      'collects',
      'contactEmail',
      'contactName',
      'contactRole',
      'locations',
      'remarks',
    ]);
    const [current] = await pipeline.items(pipeline.round.id, 'CURRENT#eigen-bijdrage#GM1708');
    expect(current?.answers).not.toHaveProperty('monthlyRevenue');
  });
});

describe('bad input at the submit route: a clear answer and nothing stored', () => {
  const municipality = 'GM0166';

  it('malformed JSON → 400', async () => {
    const response = await postJson(pipeline.formUrl(municipality), '{"answers": {');
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'bad_request',
      message: expect.stringContaining('geen geldige JSON'),
    });
    await expectNothingStored(municipality);
  });

  it('invalid and missing fields → 422 with a Dutch message per field', async () => {
    const response = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage({
        contactEmail: 'geen-adres',
        collectingSince: '2024-02-30',
        locations: [{ name: 'Locatie A', capacity: -5, catering: 'misschien', residents: 1.5 }],
        contactName: undefined,
      }),
    });
    expect(response.status).toBe(422);
    const body = response.json() as { fieldErrors: { path: string; message: string }[] };
    expect(Object.fromEntries(body.fieldErrors.map((error) => [error.path, error.message]))).toEqual({
      collectingSince:
        '‘Sinds wanneer vraagt uw gemeente de eigen bijdrage?’ moet een bestaande datum zijn: die dag bestaat niet. Controleer de dag en de maand.',
      'locations.0.capacity': 'Opvanglocatie 1: ‘Capaciteit’ mag niet negatief zijn.',
      'locations.0.catering': 'Opvanglocatie 1: Kies ‘ja’ of ‘nee’ bij ‘Is er catering op deze locatie?’.',
      'locations.0.residents': 'Opvanglocatie 1: ‘Aantal bewoners’ moet een heel getal zijn, zonder komma.',
      contactName: 'Vul ‘Uw naam’ in.',
      contactEmail: '‘Uw e-mailadres’ moet een geldig e-mailadres zijn, zoals naam@gemeente.nl.',
    });
    await expectNothingStored(municipality);
  });

  it('unknown extra fields are rejected (in the answers and in the envelope)', async () => {
    const inAnswers = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage({ iban: 'NL00' }),
    });
    expect(inAnswers.status).toBe(422);
    expect(inAnswers.json().fieldErrors).toEqual([
      { path: 'iban', message: 'Onbekend veld ‘iban’: dit formulier kent dit veld niet.' },
    ]);
    const inRow = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage({
        locations: [{ name: 'A', capacity: 1, catering: false, residents: 1, floor: 2 }],
      }),
    });
    expect(inRow.status).toBe(422);
    expect(inRow.json().fieldErrors).toEqual([
      {
        path: 'locations.0.floor',
        message: 'Opvanglocatie 1: Onbekend veld ‘floor’: dit formulier kent dit veld niet.',
      },
    ]);
    const inEnvelope = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage(),
      extra: true,
    });
    expect(inEnvelope.status).toBe(422);
    expect(inEnvelope.json().fieldErrors).toEqual([
      { path: 'extra', message: 'Onbekend veld ‘extra’: stuur alleen answers, baseVersion en submissionId.' },
    ]);
    await expectNothingStored(municipality);
  });

  it('JSON that is no object (an array, null, a number, a text) → 422 in Dutch, nothing stored', async () => {
    for (const body of ['[1,2]', 'null', '5', '"antwoorden"']) {
      const response = await postJson(pipeline.formUrl(municipality), body);
      expect(response.status, body).toBe(422);
      expect(response.json().fieldErrors, body).toEqual([
        {
          path: 'answers',
          message:
            'Stuur een JSON-object met ‘answers’ (de antwoorden per veld), en eventueel ‘baseVersion’ en ‘submissionId’.',
        },
      ]);
    }
    await expectNothingStored(municipality);
  });

  it('a body over 64 kB → 413', async () => {
    const response = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage({ remarks: 'x'.repeat(70 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.json().message).toContain('te groot');
    const browser = await postForm(pipeline.formUrl(municipality), [['remarks', 'y'.repeat(70 * 1024)]]);
    expect(browser.status).toBe(413);
    expect(browser.text).toContain('<html lang="nl"');
    await expectNothingStored(municipality);
  });

  it('an unknown form, round or municipality, someone else’s or an id thousands of characters long: the same 404', async () => {
    const base = pipeline.baseUrl;
    // A valid link of this municipality for the demo round.
    const token = await pipeline.tokenFor(municipality);
    const send = async (url: string) => ({
      json: await postJson(url, { answers: validEigenBijdrage() }, { authorization: `Bearer ${token}` }),
      page: await postForm(url, [['contactName', 'x']], { cookie: `regietafel_sessie=${token}` }),
    });
    const unknownForm = await send(`${base}/formulieren/bestaat-niet/${pipeline.round.id}/${municipality}`);
    expect(unknownForm.json.status).toBe(404);
    expect(unknownForm.json.json().error).toBe('not_found');
    expect(unknownForm.page.status).toBe(404);
    expect(unknownForm.page.text).toContain('Pagina niet gevonden');

    // Someone else's round or municipality answers exactly like one that does not exist: the link tells
    // what it is for, and nothing is looked up for anything else.
    const refusals = await Promise.all(
      [
        `${base}/formulieren/eigen-bijdrage/ronde-bestaat-niet/${municipality}`,
        `${base}/formulieren/eigen-bijdrage/${pipeline.rounds['voortgang-opgaven']!.id}/${municipality}`,
        `${base}/formulieren/eigen-bijdrage/${pipeline.round.id}/GM9999`,
        `${base}/formulieren/eigen-bijdrage/${pipeline.round.id}/GM0193`,
        `${base}/formulieren/eigen-bijdrage/${'r'.repeat(2100)}/${municipality}`,
        `${base}/formulieren/eigen-bijdrage/${pipeline.round.id}/${'G'.repeat(1100)}`,
      ].map(send),
    );
    // (The page's footer names the secretariat of the municipality in the address: the registry is public.)
    const main = (page: string) => page.slice(page.indexOf('<main'), page.indexOf('</main>'));
    for (const refusal of refusals) {
      expect(refusal.json.status).toBe(404);
      expect(refusal.json.text).toBe(refusals[0]!.json.text);
      expect(refusal.page.status).toBe(404);
      expect(main(refusal.page.text)).toBe(main(refusals[0]!.page.text));
    }
    await expectNothingStored(municipality);
  });

  it('a wrong method → 405 with Allow', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(pipeline.formUrl(municipality), {
        method,
        headers: { accept: 'application/json' },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST');
      expect(((await response.json()) as { message: string }).message).toContain(
        `De methode ${method} is hier niet toegestaan`,
      );
    }
    await expectNothingStored(municipality);
  });

  it('an unsupported content type → 415', async () => {
    const response = await fetch(pipeline.formUrl(municipality), {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        accept: 'application/json',
        authorization: `Bearer ${await pipeline.tokenFor(municipality)}`,
      },
      body: 'hallo',
    });
    expect(response.status).toBe(415);
    await expectNothingStored(municipality);
  });
});
