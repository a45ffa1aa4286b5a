import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scanTable } from '../support/faults.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * Input that the store cannot hold or that would read differently from what was meant: refused with a
 * Dutch message naming the field (or the parameter), and the table holds exactly the same items afterwards.
 */

let pipeline: TestPipeline;
const municipality = 'GM0175';

beforeAll(async () => {
  pipeline = await startTestPipeline();
  // Minting a link records it: done before the table is compared.
  for (const code of [municipality, 'GM0166', 'GM0183']) await pipeline.tokenFor(code);
});

afterAll(async () => {
  await pipeline?.stop();
});

let before: Awaited<ReturnType<typeof scanTable>>;
beforeEach(async () => {
  before = await scanTable(pipeline);
});

const unchanged = async () => expect(await scanTable(pipeline)).toEqual(before);
const withRawBody = (answers: string) => `{"answers": ${answers}}`;

describe('numbers and text the store cannot hold or that read differently → 422 naming the field', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'money below DynamoDB’s smallest number',
      { monthlyRevenue: 1e-320 },
      'monthlyRevenue',
      /twee cijfers achter de komma/,
    ],
    [
      'money that is no amount in cents',
      { monthlyRevenue: 0.30000000000000004 },
      'monthlyRevenue',
      /twee cijfers achter de komma/,
    ],
    ['money in a row', { amountCatering: 5e-324 }, 'amountCatering', /twee cijfers achter de komma/],
    [
      'a whole number far past DynamoDB',
      { adultsFull: 1e300 },
      'adultsFull',
      /Volwassenen die de volledige bijdrage betalen/,
    ],
    ['text with NUL', { contactName: 'Anna\u0000de Vries' }, 'contactName', /onzichtbaar stuurteken/],
    ['a lone surrogate', { contactName: 'Anna \uD800' }, 'contactName', /beschadigd teken/],
    [
      'a character lost in decoding (U+FFFD)',
      { contactName: 'Ren\uFFFD Jansen' },
      'contactName',
      /beschadigd teken/,
    ],
    ['a bidi override', { contactName: 'Anna \u202Eseirv ed' }, 'contactName', /leesrichting/],
    [
      'a name of only invisible characters',
      { contactName: '\u200B\u200B\u200B' },
      'contactName',
      /alleen onzichtbare tekens/,
    ],
    ['a line break in a one-line field', { contactName: 'Anna\nde Vries' }, 'contactName', /op één regel/],
    [
      'invisible text in a row',
      { locations: [{ name: '\u2060', capacity: 1, catering: false, residents: 1 }] },
      'locations.0.name',
      /onzichtbare tekens/,
    ],
  ];
  it.each(cases)('%s', async (_name, override, path, message) => {
    const response = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage(override),
    });
    expect(response.status).toBe(422);
    const errors = response.json().fieldErrors as { path: string; message: string }[];
    expect(errors.map((error) => error.path)).toEqual([path]);
    expect(errors[0]!.message).toMatch(message);
    await unchanged();
  });

  it('refuses text sent in latin-1 instead of UTF-8 (`René` as the byte E9), naming the field, whatever charset the client names', async () => {
    const body = Buffer.from(
      JSON.stringify({ answers: validEigenBijdrage({ contactName: 'René Jansen' }) }),
      'latin1',
    );
    for (const type of ['application/json', 'application/json; charset=iso-8859-1']) {
      const response = await fetch(pipeline.formUrl(municipality), {
        method: 'POST',
        headers: {
          'content-type': type,
          accept: 'application/json',
          authorization: `Bearer ${await pipeline.tokenFor(municipality)}`,
        },
        body,
      });
      expect(response.status, type).toBe(422);
      const { fieldErrors } = (await response.json()) as { fieldErrors: { path: string; message: string }[] };
      expect(fieldErrors).toEqual([
        {
          path: 'contactName',
          message:
            '‘Uw naam’ bevat een beschadigd teken. Typ de tekst opnieuw (niet plakken uit een ander programma).',
        },
      ]);
    }
    await unchanged();
  });

  it('accepts line breaks in a text area, and amounts in cents', async () => {
    const ok = await postJson(pipeline.formUrl('GM0166'), {
      answers: validEigenBijdrage({ remarks: 'regel 1\r\nregel 2\n\tmet tab', monthlyRevenue: 0.3 }),
    });
    expect(ok.status).toBe(201);
  });

  it('refuses `__proto__` in the answers, in a row and in the envelope by name', async () => {
    const answers = JSON.stringify(validEigenBijdrage());
    const inAnswers = await postJson(
      pipeline.formUrl(municipality),
      withRawBody(answers.replace('{', '{"__proto__": {"contactName": "x"},')),
    );
    expect(inAnswers.status).toBe(422);
    expect(inAnswers.json().fieldErrors).toEqual([
      { path: '__proto__', message: 'Onbekend veld ‘__proto__’: dit formulier kent dit veld niet.' },
    ]);
    const inRow = await postJson(
      pipeline.formUrl(municipality),
      withRawBody(answers.replace('{"name":"De Vechtstede"', '{"__proto__": {}, "name":"De Vechtstede"')),
    );
    expect(inRow.status).toBe(422);
    expect(inRow.json().fieldErrors).toEqual([
      {
        path: 'locations.0.__proto__',
        message: 'Opvanglocatie 1: Onbekend veld ‘__proto__’: dit formulier kent dit veld niet.',
      },
    ]);
    const inEnvelope = await postJson(
      pipeline.formUrl(municipality),
      `{"__proto__": {}, "answers": ${answers}}`,
    );
    expect(inEnvelope.status).toBe(422);
    expect(inEnvelope.json().fieldErrors).toEqual([
      {
        path: '__proto__',
        message: 'Onbekend veld ‘__proto__’: stuur alleen answers, baseVersion en submissionId.',
      },
    ]);
    await unchanged();
  });
});

describe('browser posts: only the page’s own buttons do anything', () => {
  const filled: [string, string][] = [
    ['_submissionId', 'browser-hostile-01'],
    ['_baseVersion', '0'],
    ['collects', 'nee'],
    ['incomeVerification', 'uwv'],
    ['executedBy', 'gemeente'],
    ['contactName', 'Jan Jansen'],
    ['contactEmail', 'jan@gemeente.example'],
    ['locations[0][name]', 'Blijft staan'],
  ];
  it.each([
    ['delete'],
    ['SUBMIT'],
    ['submit '],
    [' submit'],
    [''],
    ['remove:locations:'],
    ['remove:locations'],
    ['remove:locations:01'],
    ['remove:locations:5'],
    ['remove:locations:-1'],
    ['add:bestaat-niet'],
    ['add:locations:0'],
    ['submit\u0000'],
  ])('_action=%j → 400 with the input kept, nothing stored', async (action) => {
    const response = await postForm(pipeline.formUrl(municipality), [['_action', action], ...filled]);
    expect(response.status).toBe(400);
    expect(response.text).toContain('De pagina is beschadigd of verouderd');
    expect(response.text).toContain('value="Blijft staan"');
    await unchanged();
  });

  it('no _action, two of them, or damaged hidden fields → 400, nothing stored', async () => {
    for (const fields of [
      filled,
      [['_action', 'submit'], ['_action', 'review'], ...filled],
      [['_action', 'submit'], ['_baseVersion', '-1'], ...filled.slice(0, 1), ...filled.slice(2)],
      [['_action', 'submit'], ['_baseVersion', '1e3'], ...filled.slice(0, 1), ...filled.slice(2)],
      [['_action', 'submit'], ['_submissionId', ' '.repeat(8)], ...filled.slice(1)],
      [['_action', 'submit'], ['_onbekend', 'x'], ...filled],
    ] as [string, string][][]) {
      const response = await postForm(pipeline.formUrl(municipality), fields);
      expect(response.status, JSON.stringify(fields.slice(0, 3))).toBe(400);
    }
    await unchanged();
  });
});

describe('staff parameters', () => {
  it('an unknown extra part in a summary scope → 400 naming `scope`', async () => {
    const token = await pipeline.staffToken('regietafel:ijsselland');
    for (const scope of ['region:ijsselland:extra', 'region:', 'region:IJSSELLAND', 'region:ijsselland ']) {
      const response = await fetch(
        `${pipeline.baseUrl}/staf/rondes/${pipeline.round.id}/overzicht?scope=${encodeURIComponent(scope)}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(response.status, scope).toBe(400);
      expect(await response.text()).toContain('scope:');
    }
  });

  it('a table the form does not have → 400 naming `tabel`, also for XLSX', async () => {
    const token = await pipeline.staffToken('provincie:overijssel');
    for (const format of ['csv', 'xlsx']) {
      const response = await fetch(
        `${pipeline.baseUrl}/staf/formulieren/eigen-bijdrage/export?ronde=${pipeline.round.id}&formaat=${format}&tabel=zz`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(response.status, format).toBe(400);
      expect(await response.text()).toContain('tabel: de tabel ‘zz’ bestaat niet');
    }
    await unchanged();
  });

  it('ids thousands of characters long in staff and municipal paths → 404, never a 5xx', async () => {
    const token = await pipeline.staffToken('provincie:overijssel');
    const long = 'r'.repeat(2100);
    for (const path of [
      `/staf/rondes/${long}`,
      `/staf/rondes/${long}/overzicht`,
      `/staf/rondes/${long}/wijzigen`,
    ]) {
      const response = await fetch(`${pipeline.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status, path.slice(0, 40)).toBe(404);
    }
    for (const url of [
      `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${long}/${municipality}`,
      `${pipeline.baseUrl}/formulieren/eigen-bijdrage/${pipeline.round.id}/${'G'.repeat(1100)}/bevestiging`,
    ]) {
      const response = await get(url, {
        cookie: `regietafel_sessie=${await pipeline.tokenFor(municipality)}`,
      });
      expect(response.status).toBe(404);
    }
    await unchanged();
  });
});

/** Sends raw HTTP on one connection and collects what comes back until it closes or `wait` ms pass. */
function rawHttp(payload: Buffer | string, wait = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(pipeline.http.port, '127.0.0.1');
    let received = '';
    socket.on('data', (data) => {
      received += data.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.write(payload);
    const done = () => {
      socket.destroy();
      resolve(received);
    };
    socket.on('close', done);
    setTimeout(done, wait);
  });
}
const statusLines = (answer: string) => answer.split('\r\n').filter((line) => /^HTTP\/1\.1 \d{3}/.test(line));

describe('the local server (the CloudFront + API Gateway stand-in)', () => {
  it('answers a path whose percent-encoding is not UTF-8 with 400', async () => {
    for (const path of ['/staf/rondes/%C3%28', `/formulieren/eigen-bijdrage/%E0%A4%A/${municipality}`]) {
      const response = await fetch(`${pipeline.baseUrl}${path}`);
      expect(response.status, path).toBe(400);
    }
  });

  it('keeps a kept-alive connection usable after a 413, for a body over the form limit and over 10 MB', async () => {
    const next = 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n';
    for (const size of [70 * 1024, 11 * 1024 * 1024]) {
      const body = Buffer.alloc(size, 'x');
      const answer = await rawHttp(
        Buffer.concat([
          Buffer.from(
            `POST /formulieren/eigen-bijdrage/${pipeline.round.id}/${municipality} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer ${await pipeline.tokenFor(municipality)}\r\nContent-Length: ${size}\r\n\r\n`,
          ),
          body,
          Buffer.from(next),
        ]),
        5000,
      );
      expect(statusLines(answer), `${size} bytes`).toEqual([
        'HTTP/1.1 413 Payload Too Large',
        'HTTP/1.1 200 OK',
      ]);
    }
    await unchanged();
  });

  it('ignores an X-Forwarded-Host sent by the client: emailed links and the same-origin check use its own', async () => {
    await pipeline.clearMailbox();
    const stored = await postJson(
      pipeline.formUrl('GM0183'),
      { answers: validEigenBijdrage() },
      { 'x-forwarded-host': 'evil.example' },
    );
    expect(stored.status).toBe(201);
    const [mail] = await pipeline.mailbox();
    expect(mail?.body.text).toContain(new URL(pipeline.baseUrl).host);
    expect(`${mail?.body.text}${mail?.body.html}`).not.toContain('evil.example');

    // A staff post signed by the cookie, from another site that names itself as our host: refused.
    const token = await pipeline.staffToken('provincie:overijssel');
    const forged = await fetch(`${pipeline.baseUrl}/staf/rondes/${pipeline.round.id}/overzicht`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `regietafel_staf=${token}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
        'x-forwarded-host': 'evil.example',
      },
      body: 'scope=province%3Aoverijssel',
    });
    expect(forged.status).toBe(403);
  });
});
