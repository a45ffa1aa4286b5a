import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfYearOf } from '../../functions/local/demo-targets.js';
import {
  get,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
  validSociaalDomein,
  validVoortgangOpgaven,
} from '../support/pipeline.js';

let pipeline: TestPipeline;

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

const url = (formId: string, municipality: string) =>
  `${pipeline.baseUrl}/formulieren/${formId}/${pipeline.rounds[formId]!.id}/${municipality}`;

async function expectRejected(
  formId: string,
  municipality: string,
  answers: unknown,
  errors: Record<string, string>,
) {
  const response = await postJson(url(formId, municipality), { answers });
  expect(response.status).toBe(422);
  const fieldErrors = (response.json() as { fieldErrors: { path: string; message: string }[] }).fieldErrors;
  expect(Object.fromEntries(fieldErrors.map((error) => [error.path, error.message]))).toEqual(errors);
  expect(await pipeline.items(pipeline.rounds[formId]!.id, `VERSION#${formId}#${municipality}#`)).toEqual([]);
}

describe('every form of the catalogue accepts a complete submission', () => {
  it.each([
    ['eigen-bijdrage', validEigenBijdrage()],
    ['sociaal-domein', validSociaalDomein()],
    ['voortgang-opgaven', validVoortgangOpgaven()],
  ])('%s', async (formId, answers) => {
    const response = await postJson(url(formId, 'GM0141'), { answers });
    expect(response.status).toBe(201);
    const [version] = await pipeline.items(pipeline.rounds[formId]!.id, `VERSION#${formId}#GM0141#`);
    expect(version?.answers).toEqual(answers);
    const page = await get(`${url(formId, 'GM0141')}/bevestiging`);
    expect(page.status).toBe(200);
  });

  it('computes the statushouders balance in the confirmation (backlog + task − housed)', async () => {
    const page = await (await get(`${url('voortgang-opgaven', 'GM0141')}/bevestiging`)).text();
    expect(page).toContain('Saldo aan het eind</dt><dd class="utrecht-data-list__item-value">28 personen');
  });
});

describe('bad input for every form: a Dutch message per field, nothing stored', () => {
  it('eigen-bijdrage: wrong types, negative numbers, too-long text, too many rows', async () => {
    await expectRejected(
      'eigen-bijdrage',
      'GM0147',
      validEigenBijdrage({
        collects: 'ja',
        adultsFull: -1,
        remarks: 'x'.repeat(2001),
        locations: Array.from({ length: 51 }, () => ({
          name: 'L',
          capacity: 1,
          catering: false,
          residents: 0,
        })),
      }),
      {
        collects: 'Kies ‘ja’ of ‘nee’ bij ‘Vraagt uw gemeente een eigen bijdrage’.',
        locations: 'U kunt hoogstens 50 regels invullen bij ‘Opvanglocaties’.',
        // adultsFull is asked only after a ‘ja’: with no readable answer to that, it is not judged.
        remarks: '‘Wilt u nog iets toelichten?’ mag maximaal 2.000 tekens lang zijn.',
      },
    );
  });

  it('sociaal-domein: unknown addressee and severity, negative figures, missing descriptions', async () => {
    await expectRejected(
      'sociaal-domein',
      'GM0147',
      validSociaalDomein({
        pupilsPrimary: '38',
        routeZ: -2,
        bottlenecks: [{ domain: 'wonen', severity: 'heel erg' }],
        supportRequests: [{ domain: 'zorg', addressee: 'gemeente', request: 'x'.repeat(501) }],
      }),
      {
        pupilsPrimary:
          '‘Nieuwkomersleerlingen in het primair onderwijs’ moet een heel getal zijn, bijvoorbeeld 12.',
        routeZ: '‘Inburgeraars in de Z-route’ mag niet negatief zijn.',
        'bottlenecks.0.domain':
          'Knelpunt 1: Kies bij ‘Domein’ een van de mogelijkheden: Zorg, Onderwijs, Werk, Inburgering.',
        'bottlenecks.0.description': 'Knelpunt 1: Vul een antwoord in bij ‘Wat is het knelpunt?’.',
        'bottlenecks.0.severity':
          'Knelpunt 1: Kies bij ‘Hoe ernstig is het?’ een van de mogelijkheden: Beperkt, Aanzienlijk, Ernstig.',
        'supportRequests.0.addressee':
          'Ondersteuningsvraag 1: Kies bij ‘Aan wie is de vraag gericht?’ een van de mogelijkheden: Rijk, Provincie, Ketenpartners (COA, GGD, scholen, UWV …), Maatschappelijke organisaties (Vluchtelingenwerk …).',
        'supportRequests.0.request':
          'Ondersteuningsvraag 1: ‘Welke ondersteuning vraagt u?’ mag maximaal 500 tekens lang zijn.',
      },
    );
  });

  it('voortgang-opgaven: negative places, dates out of order, a duplicated half year, a derived field posted', async () => {
    await expectRejected(
      'voortgang-opgaven',
      'GM0147',
      validVoortgangOpgaven({
        regularCommitted: -5,
        asylumLocations: [
          {
            name: 'A',
            type: 'azc',
            capacity: 100,
            availableFrom: '2026-07-01',
            availableUntil: '2026-01-01',
            phase: 'besluit',
          },
        ],
        housing: [
          { period: '2026-H2', task: 10, backlog: 0, housed: 5 },
          { period: '2026-H2', task: 10, backlog: 0, housed: 5, balance: 5 },
        ],
      }),
      {
        regularCommitted: '‘Toegezegde reguliere plaatsen’ mag niet negatief zijn.',
        'housing.1.balance': 'Halfjaar 2: Onbekend veld ‘balance’: dit formulier kent dit veld niet.',
        'asylumLocations.0.availableUntil':
          'Asiellocatie 1: ‘Beschikbaar tot’ moet na ‘Beschikbaar vanaf’ liggen.',
        'housing.1.period':
          'Halfjaar 2: Bij ‘Halfjaar’ staat 2e helft 2026 al in een eerdere regel. Kies een ander halfjaar of verwijder deze regel.',
      },
    );
  });

  it('refuses another form’s payload with an unknown-field message for each foreign field', async () => {
    const response = await postJson(url('voortgang-opgaven', 'GM0147'), { answers: validEigenBijdrage() });
    expect(response.status).toBe(422);
    const paths = (response.json() as { fieldErrors: { path: string }[] }).fieldErrors.map(
      (error) => error.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining(['collects', 'locations', 'monthlyRevenue', 'regularCommitted']),
    );
    expect(
      await pipeline.items(pipeline.rounds['voortgang-opgaven']!.id, 'VERSION#voortgang-opgaven#GM0147#'),
    ).toEqual([]);
  });
});

describe('plausibility warnings per form (stored, never blocking)', () => {
  it('voortgang-opgaven warns about realised above committed, a task other than published, housing far above it', async () => {
    // The seed publishes a (demo) statushouders task for Enschede for the current half year; 20 differs.
    const period = halfYearOf(new Date());
    const published = (await pipeline.store.listTargets('overijssel')).find(
      (targets) => targets.kind === 'huisvesting' && targets.period === period,
    );
    expect(
      published?.kind === 'huisvesting' && published.tasks.find((t) => t.municipality === 'GM0153')?.task,
    ).not.toBe(20);
    const response = await postJson(url('voortgang-opgaven', 'GM0153'), {
      answers: validVoortgangOpgaven({
        regularRealised: 650,
        housing: [{ period, task: 20, backlog: 0, housed: 90 }],
      }),
    });
    expect(response.status).toBe(201);
    const [version] = await pipeline.items(
      pipeline.rounds['voortgang-opgaven']!.id,
      'VERSION#voortgang-opgaven#GM0153#',
    );
    expect((version!.warnings as { path: string }[]).map((warning) => warning.path)).toEqual([
      'regularRealised',
      'housing.0.task',
      'housing.0.housed',
    ]);
    expect((version!.warnings as { message: string }[])[1]!.message).toMatch(
      /^Halfjaar 1: de taakstelling \(20\) wijkt af van wat de provincie voor \de helft \d{4} heeft gepubliceerd \(\d+\)\. Klopt dat\?$/,
    );
  });
});
