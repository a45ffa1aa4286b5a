import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

let pipeline: TestPipeline;
const day = 24 * 3600 * 1000;

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

function round(id: string, overrides: Partial<Round> = {}): Round {
  return {
    ...pipeline.round,
    id,
    title: `Ronde ${id}`,
    opensAt: new Date(Date.now() - 10 * day).toISOString(),
    deadline: new Date(Date.now() + 10 * day).toISOString(),
    ...overrides,
  };
}

const draftFields = (revision: number, extra: [string, string][] = []): [string, string][] => [
  ['_action', 'save-draft'],
  ['_submissionId', 'draft-page-0001'],
  ['_baseVersion', '0'],
  ['_draftRevision', String(revision)],
  ['collects', 'ja'],
  ['amountOperatingCosts', 'nog uitzoeken'],
  ['locations[0][name]', 'De Hoeve'],
  ...extra,
];

describe('drafts (Opslaan en later verder)', () => {
  const municipality = 'GM0175';

  it('saves an incomplete page as a draft that is not a submission, and opens it again', async () => {
    const saved = await postForm(pipeline.formUrl(municipality), draftFields(0));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(
      `/formulieren/eigen-bijdrage/${pipeline.round.id}/${municipality}?concept=opgeslagen`,
    );

    const [draft] = await pipeline.items(pipeline.round.id, `DRAFT#eigen-bijdrage#${municipality}`);
    expect(draft).toMatchObject({
      revision: 1,
      baseVersion: 0,
      raw: { collects: 'ja', amountOperatingCosts: 'nog uitzoeken' },
    });
    expect(draft?.expiresAt).toBeGreaterThan(Date.parse(pipeline.round.deadline) / 1000);
    expect(await pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${municipality}`)).toEqual([]);
    expect(await pipeline.items(pipeline.round.id, `CURRENT#eigen-bijdrage#${municipality}`)).toEqual([]);

    const page = await (await get(`${pipeline.baseUrl}${saved.headers.get('location')}`)).text();
    expect(page).toContain('Uw concept is opgeslagen op');
    expect(page).toContain('value="nog uitzoeken"');
    expect(page).toContain('value="De Hoeve"');
    expect(page).toContain('name="_draftRevision" value="1"');

    // A colleague with the same link continues it later.
    const later = await (await get(pipeline.formUrl(municipality))).text();
    expect(later).toContain('U gaat verder met het concept dat op');
  });

  it('refuses a draft save from a stale page (409) and keeps the colleague’s draft', async () => {
    const stale = await postForm(
      pipeline.formUrl(municipality),
      draftFields(0, [['remarks', 'van een oude pagina']]),
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Een collega heeft dit concept intussen opgeslagen');
    expect(stale.text).toContain('value="nog uitzoeken"');
    expect(stale.text).toContain('name="_draftRevision" value="1"');
    const [draft] = await pipeline.items(pipeline.round.id, `DRAFT#eigen-bijdrage#${municipality}`);
    expect(draft).toMatchObject({ revision: 1 });
    expect((draft!.raw as { remarks?: string }).remarks).toBeUndefined();
  });

  it('refuses unknown fields in a draft (422)', async () => {
    const response = await postForm(pipeline.formUrl(municipality), draftFields(1, [['geheim', 'x']]));
    expect(response.status).toBe(422);
    expect(response.text).toContain('Onbekend veld ‘geheim’');
  });

  it('is superseded by a submission: the draft is removed and the form opens on the new version', async () => {
    const submitted = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage(),
      baseVersion: 0,
    });
    expect(submitted.status).toBe(201);
    expect(await pipeline.items(pipeline.round.id, `DRAFT#eigen-bijdrage#${municipality}`)).toEqual([]);
    const page = await (await get(pipeline.formUrl(municipality))).text();
    expect(page).toContain('U wijzigt versie 1');
    expect(page).not.toContain('concept dat op');
  });
});

describe('amendments, history and warnings', () => {
  const municipality = 'GM0177';

  it('stores plausibility warnings with the version without blocking it', async () => {
    const response = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage({ amountOperatingCosts: 105 }),
    });
    expect(response.status).toBe(201);
    const [version] = await pipeline.items(pipeline.round.id, `VERSION#eigen-bijdrage#${municipality}#`);
    expect(version?.warnings).toEqual([
      {
        path: 'amountOperatingCosts',
        message:
          'Het bedrag voor exploitatie en nutsvoorzieningen (€ 105,00) wijkt af van het landelijke bedrag op de peildatum (€ 244,22). Klopt dat?',
      },
    ]);
  });

  it('mails what changed since the previous version when an official amends', async () => {
    await pipeline.clearMailbox();
    const response = await postJson(pipeline.formUrl(municipality), {
      answers: validEigenBijdrage({
        amountOperatingCosts: 244.22,
        adultsFull: 160,
        locations: [{ name: 'De Vechtstede', capacity: 130, catering: true, residents: 98 }],
      }),
      baseVersion: 1,
    });
    expect(response.status).toBe(201);
    const [mail] = await pipeline.mailbox();
    expect(mail?.subject).toContain('versie 2');
    const text = mail!.body.text!;
    expect(text).toContain('WAT IS ER VERANDERD SINDS DE VORIGE VERSIE');
    expect(text).toContain(
      '- Bedrag voor exploitatie en nutsvoorzieningen: € 105,00 per volwassene per maand → € 244,22 per volwassene per maand',
    );
    expect(text).toContain('- Opvanglocatie 1 – Capaciteit: 120 plaatsen → 130 plaatsen');
    expect(text).toContain('- Opvanglocatie 2: Hotel Wijthmen, 40 plaatsen, Nee, 35 bewoners → verwijderd');
    expect(text).toContain(
      '‘Volwassenen die de volledige bijdrage betalen’ is sterk veranderd sinds de vorige versie: van 41 naar 160. Klopt dat?',
    );
    expect(mail!.body.html).toContain('Wat is er veranderd sinds de vorige versie');
  });

  it('shows every version with who, when and what changed on the confirmation page', async () => {
    const page = await (await get(`${pipeline.formUrl(municipality)}/bevestiging`)).text();
    expect(page).toContain('Alle versies');
    expect(page).toContain('>Versie 2</td>');
    expect(page).toContain(
      'href="/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0177/bevestiging?versie=1">Versie 1</a>',
    );
    expect(page).toContain('Eerste versie');
    expect(page).toContain('Opvanglocatie 1 – Capaciteit: 120 plaatsen → 130 plaatsen');
    // An earlier version says it was replaced, and by which: not "ontvangen", nothing to correct in it.
    const first = await (await get(`${pipeline.formUrl(municipality)}/bevestiging?versie=1`)).text();
    expect(first).toContain('<h1 class="utrecht-heading-1">Versie 1 (vervangen)</h1>');
    expect(first).toContain(
      'Deze versie is vervangen. Wat nu geldt, is <a class="utrecht-link utrecht-link--html-a" href="/formulieren/eigen-bijdrage/eigen-bijdrage-demo/GM0177/bevestiging?versie=2">versie 2</a>',
    );
    expect(first).toContain('Waarschuwingen bij deze versie');
    expect(first).toContain('wijkt af van het landelijke bedrag');
    expect(first).not.toContain('Uw antwoorden zijn ontvangen');
    expect(first).not.toContain('Klopt er iets niet?');
    // The latest is what it always was.
    const latest = await (await get(`${pipeline.formUrl(municipality)}/bevestiging?versie=2`)).text();
    expect(latest).toContain('Uw antwoorden zijn ontvangen');
  });
});

describe('deadlines', () => {
  it('shows a closed round read-only and refuses submissions and drafts', async () => {
    const closed = round('gesloten', { deadline: new Date(Date.now() - day).toISOString() });
    await pipeline.store.createRound(closed);
    const url = pipeline.formUrl('GM0180', closed);
    const page = await get(url);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('De sluitingsdatum');
    expect(text).toContain('is verstreken. U kunt dit formulier niet meer wijzigen.');
    expect(text).not.toContain('<form');
    const json = await postJson(url, { answers: validEigenBijdrage() });
    expect(json.status).toBe(403);
    expect(json.json().message).toContain('De sluitingsdatum van deze ronde is verstreken');
    const draft = await postForm(url, [['_action', 'save-draft']]);
    expect(draft.status).toBe(403);
    expect(await pipeline.items(closed.id, 'VERSION#')).toEqual([]);
    expect(await pipeline.items(closed.id, 'DRAFT#')).toEqual([]);
  });

  it('accepts a late submission only when the round allows it, and marks it late', async () => {
    const late = round('laat-toegestaan', {
      deadline: new Date(Date.now() - day).toISOString(),
      acceptsLate: true,
    });
    await pipeline.store.createRound(late);
    const response = await postJson(pipeline.formUrl('GM0180', late), { answers: validEigenBijdrage() });
    expect(response.status).toBe(201);
    expect(response.json()).toMatchObject({ late: true });
    const [version] = await pipeline.items(late.id, 'VERSION#eigen-bijdrage#GM0180#');
    expect(version).toMatchObject({ late: true });
  });

  it('refuses a round that has not opened yet', async () => {
    const future = round('toekomst', { opensAt: new Date(Date.now() + day).toISOString() });
    await pipeline.store.createRound(future);
    const response = await postJson(pipeline.formUrl('GM0180', future), { answers: validEigenBijdrage() });
    expect(response.status).toBe(403);
    const page = await (await get(pipeline.formUrl('GM0180', future))).text();
    expect(page).toContain('Deze ronde is nog niet geopend');
  });
});
