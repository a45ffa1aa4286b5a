import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../forms/catalogue.js';
import { defineForm, type FormDefinition } from '../../forms/definition.js';
import { choice, type Field, integer, type SectionItem } from '../../forms/fields.js';
import { sociaalDomein } from '../../forms/sociaal-domein.js';
import type { Round } from '../../functions/core/model.js';
import { pageFields } from '../support/form-fields.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validSociaalDomein,
} from '../support/pipeline.js';

/**
 * Changing a form during a round, with stored versions: the sociaal-domein form gets a revision 2 that
 * renames a field, removes one, adds one and takes an option away from a choice. Nothing stored may be
 * hidden: the confirmation page shows it, the export has a column for it, the summary says what it could
 * not read, and an amendment starts from what still fits and tells the official what no longer exists.
 */

const withoutGp = sociaalDomein.sections
  .flatMap((section) => section.items)
  .find((item): item is Field => item.key === 'withoutGp')!;

/** Revision 2: pupilsWaiting → pupilsOnWaitingList, withoutGp gone, interpreters new, domain ‘werk’ gone. */
function revisionTwo(): FormDefinition {
  const domains = [
    { value: 'zorg', label: 'Zorg' },
    { value: 'onderwijs', label: 'Onderwijs' },
    { value: 'inburgering', label: 'Inburgering' },
    { value: 'huisvesting', label: 'Huisvesting' },
  ];
  const change = (item: SectionItem): SectionItem[] => {
    if (item.key === 'withoutGp') return [];
    if (item.key === 'pupilsWaiting')
      return [
        integer('pupilsOnWaitingList', {
          label: 'Leerlingen die op een plek wachten',
          csvHeader: 'Leerlingen wachtend op een plek',
          optional: true,
        }),
      ];
    if (item.key === 'careSituation')
      return [
        item,
        integer('interpreters', { label: 'Beschikbare tolken', csvHeader: 'Tolken', optional: true }),
      ];
    if (item.type === 'repeat' && item.key === 'bottlenecks')
      return [
        {
          ...item,
          fields: item.fields.map((field) =>
            field.key === 'domain'
              ? choice('domain', {
                  label: 'Domein',
                  csvHeader: 'Domein',
                  widget: 'select',
                  options: domains,
                  formerOptions: [{ value: 'werk', label: 'Werk' }],
                })
              : field,
          ),
        },
      ];
    return [item];
  };
  return defineForm({
    ...sociaalDomein,
    revision: 2,
    changes: [
      {
        revision: 2,
        note: 'test: rename, remove, add, option gone',
        renamed: [{ from: 'pupilsWaiting', to: 'pupilsOnWaitingList' }],
        removed: [withoutGp],
      },
    ],
    sections: sociaalDomein.sections.map((section) => ({ ...section, items: section.items.flatMap(change) })),
  });
}

let pipeline: TestPipeline;
let round: Round;
let provinceToken: string;
const forms = catalogue as Map<string, FormDefinition>;

const formUrl = (code: string) => pipeline.formUrl(code, round);
const staff = () => ({ authorization: `Bearer ${provinceToken}`, accept: 'text/html' });

beforeAll(async () => {
  pipeline = await startTestPipeline();
  round = pipeline.rounds['sociaal-domein']!;
  provinceToken = await pipeline.staffToken('provincie:overijssel');
  // Stored under revision 1: Zwolle with a ‘werk’ bottleneck, Deventer without.
  const zwolle = validSociaalDomein({
    withoutGp: 14,
    pupilsWaiting: 6,
    bottlenecks: [
      { domain: 'werk', description: 'Weinig werkgevers', severity: 'ernstig' },
      { domain: 'onderwijs', description: 'Wachtlijst ISK', severity: 'aanzienlijk' },
    ],
  });
  expect((await postJson(formUrl('GM0193'), { answers: zwolle })).status).toBe(201);
  expect(
    (await postJson(formUrl('GM0150'), { answers: validSociaalDomein({ pupilsWaiting: 2 }) })).status,
  ).toBe(201);
  forms.set('sociaal-domein', revisionTwo());
});

afterAll(async () => {
  forms.set('sociaal-domein', sociaalDomein);
  await pipeline?.stop();
});

describe('a form that changed after versions were stored', () => {
  it('stored the first versions with revision 1, and shows their answers with today’s form', async () => {
    const [stored] = await pipeline.items(round.id, 'VERSION#sociaal-domein#GM0193#');
    expect(stored).toMatchObject({ version: 1, definitionRevision: 1 });
    const page = await (await get(`${formUrl('GM0193')}/bevestiging?versie=1`)).text();
    // The renamed field under its new label, with the stored figure.
    expect(page).toMatch(/Leerlingen die op een plek wachten<\/dt><dd[^>]*>6<\/dd>/);
    // The removed field is still there, under its own heading.
    expect(page).toContain('Niet meer in het formulier');
    expect(page).toMatch(/Nieuwkomers zonder huisarts<\/dt><dd[^>]*>14<\/dd>/);
    // The choice that is no longer offered keeps its label and says why.
    expect(page).toContain('Werk <span class="rt-hint">(‘Werk’ is geen keuze meer bij ‘Domein’.)</span>');
  });

  it('exports a column for every field in the data: the renamed one filled, the removed one marked', async () => {
    const download = async (query: Record<string, string>) => {
      const url = `${pipeline.baseUrl}/staf/formulieren/sociaal-domein/export?${new URLSearchParams({ ronde: round.id, dialect: 'rfc4180', ...query })}`;
      const response = await get(url, { authorization: `Bearer ${provinceToken}` });
      expect(response.status).toBe(200);
      return parse(await response.text()) as string[][];
    };
    const [keys, ...rows] = await download({ kop: 'sleutel' });
    const [headers] = await download({});
    const zwolle = rows.find((row) => row[0] === 'GM0193')!;
    const cell = (key: string) => zwolle[keys!.indexOf(key)];
    expect(cell('formulierrevisie')).toBe('1');
    expect(cell('pupilsOnWaitingList')).toBe('6');
    expect(cell('withoutGp')).toBe('14');
    expect(headers![keys!.indexOf('withoutGp')]).toBe('Nieuwkomers zonder huisarts (vervallen)');
    expect(cell('interpreters')).toBe('');
    expect(keys).not.toContain('pupilsWaiting');
    expect(cell('overig')).toBe('');
    // The bottleneck with the option no longer offered keeps its stored value, as a code or a label.
    const [, ...bottlenecks] = await download({ tabel: 'bottlenecks' });
    expect(bottlenecks.filter((row) => row[0] === 'GM0193').map((row) => row[6])).toEqual([
      'werk',
      'onderwijs',
    ]);
    const [, ...labelled] = await download({ tabel: 'bottlenecks', waarden: 'label' });
    expect(labelled.filter((row) => row[0] === 'GM0193').map((row) => row[6])).toEqual(['Werk', 'Onderwijs']);
  });

  it('summarises what it can read and says what it could not', async () => {
    const response = await get(
      `${pipeline.baseUrl}/staf/rondes/${round.id}/overzicht?scope=province:overijssel`,
      staff(),
    );
    expect(response.status).toBe(200);
    const email = await response.text();
    expect(email).toContain('Niet meegeteld: antwoorden uit een eerdere versie van het formulier');
    expect(email).toContain(
      'Zwolle (IJsselland), versie 1: Knelpunt 1 – Domein: Werk — ‘Werk’ is geen keuze meer bij ‘Domein’.',
    );
    // The renamed figure is counted under its new name: 6 + 2 = 8.
    expect(email).toMatch(/Leerlingen die op een plek wachten[^\n]*8/);
    expect(email).not.toContain('Nieuwkomers zonder huisarts');
  });

  it('opens an amendment with what still fits, and tells the official what no longer exists', async () => {
    const page = await (await get(formUrl('GM0193'))).text();
    expect(page).toContain('Het formulier is veranderd sinds uw vorige versie.');
    expect(page).toContain('Nieuwkomers zonder huisarts: 14');
    expect(page).toContain('Knelpunt 1 – Domein (‘Werk’ is geen keuze meer bij ‘Domein’.)');
    expect(page).toMatch(/name="pupilsOnWaitingList" value="6"/);
    expect(page).not.toContain('name="withoutGp"');
    expect(page).toMatch(/name="interpreters" value=""/);
    // The second bottleneck keeps its domain; the first one's is empty, to choose again.
    expect(page).toMatch(/<option value="onderwijs" selected>/);
    expect(page.match(/<select[^>]*name="bottlenecks\[0\]\[domain\]"[\s\S]*?<\/select>/)![0]).not.toContain(
      'selected',
    );
  });

  it('stores the amendment with revision 2, and names the removed answer among the changes', async () => {
    const answers = validSociaalDomein({
      pupilsOnWaitingList: 7,
      interpreters: 3,
      bottlenecks: [
        { domain: 'huisvesting', description: 'Weinig werkgevers', severity: 'ernstig' },
        { domain: 'onderwijs', description: 'Wachtlijst ISK', severity: 'aanzienlijk' },
      ],
    });
    delete answers.withoutGp;
    delete answers.pupilsWaiting;
    const submitted = await postJson(formUrl('GM0193'), { answers, baseVersion: 1 });
    expect(submitted.status, submitted.text).toBe(201);
    const [, second] = await pipeline.items(round.id, 'VERSION#sociaal-domein#GM0193#');
    expect(second).toMatchObject({ version: 2, definitionRevision: 2 });
    const confirmation = await (await get(`${formUrl('GM0193')}/bevestiging?versie=2`)).text();
    expect(confirmation).toContain('Nieuwkomers zonder huisarts (staat niet meer in het formulier): 14 → —');
    expect(confirmation).toContain('Leerlingen die op een plek wachten: 6 → 7');
    expect(confirmation).toContain('Knelpunt 1 – Domein: Werk → Huisvesting');
    // A renamed field is not a change in itself, and nothing is left over from revision 1.
    expect(confirmation).not.toContain('Niet meer in het formulier</h3>');
    // The old version is still there, whole.
    const [first] = await pipeline.items(round.id, 'VERSION#sociaal-domein#GM0193#');
    expect((first!.answers as Record<string, unknown>).withoutGp).toBe(14);
  });

  it('a browser amendment without JavaScript posts the prefilled page back as revision 2', async () => {
    const page = await (await get(formUrl('GM0150'))).text();
    const posted = pageFields(page);
    const submitted = await postForm(formUrl('GM0150'), [...posted, ['_action', 'submit']]);
    expect(submitted.status, submitted.text.slice(0, 2000)).toBe(303);
    const versions = await pipeline.items(round.id, 'VERSION#sociaal-domein#GM0150#');
    expect(versions.at(-1)).toMatchObject({ version: 2, definitionRevision: 2 });
    expect((versions.at(-1)!.answers as Record<string, unknown>).pupilsOnWaitingList).toBe(2);
  });
});
