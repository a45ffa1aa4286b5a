import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import {
  get,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validVoortgangOpgaven,
} from '../support/pipeline.js';
import { type StaffBrowser, staffBrowser } from '../support/staff.js';
import { addEarlierRounds } from '../support/trend-rounds.js';

/**
 * Trends across rounds, through the routes: two earlier rounds of the voortgang form (June and September)
 * are in the table, the demo round is the third. The round page shows per region and for the province a
 * chart and the figures over the three rounds, and per municipality the change since its previous round;
 * the summary has one line per area and attaches the changes per municipality and the shares.
 */

let pipeline: TestPipeline;
let current: Round;
let province: StaffBrowser;

const text = (html: string) => html.replace(/&nbsp;/g, ' ').replace(/&#39;|&rsquo;/g, '’');

/** The cells of the table row headed by `name` in the table with this id. */
function rowOf(page: string, tableId: string, name: string): string[] {
  const table = page.slice(
    page.indexOf(`id="${tableId}"`),
    page.indexOf('</table>', page.indexOf(`id="${tableId}"`)),
  );
  const row = table.split('<tr').find((candidate) => candidate.includes(`scope="row">${name}<`));
  if (!row) throw new Error(`Geen rij ${name} in ${tableId}`);
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((match) =>
    match[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

beforeAll(async () => {
  pipeline = await startTestPipeline();
  current = pipeline.rounds['voortgang-opgaven']!;
  // June: Zwolle and Deventer; September: Zwolle and Enschede (test/support/trend-rounds.ts).
  await addEarlierRounds(pipeline);
  const now = { regularCommitted: 650, regularRealised: 360 };
  expect(
    (await postJson(pipeline.formUrl('GM0193', current), { answers: validVoortgangOpgaven(now) })).status,
  ).toBe(201);
  const deventer = validVoortgangOpgaven({ regularCommitted: 260, regularRealised: 120 });
  expect((await postJson(pipeline.formUrl('GM0150', current), { answers: deventer })).status).toBe(201);
  province = await staffBrowser(pipeline, 'provincie:overijssel');
});

afterAll(async () => {
  await pipeline?.stop();
});

describe('the round page’s trend', () => {
  it('shows per region and for the province a chart and the figures of every round', async () => {
    const page = await province.get(`/staf/rondes/${current.id}`);
    expect(page.status).toBe(200);
    const html = text(page.text);
    expect(html).toContain('<h2 class="utrecht-heading-2" id="verloop">Verloop over de rondes</h2>');
    for (const area of ['IJsselland', 'Twente', 'Provincie Overijssel']) {
      expect(html).toContain(`${area}: toegezegd en gerealiseerd per ronde, tegen de taak</title>`);
    }
    // The shares of the demo data: IJsselland's task is the sum of its 11 shares, the province's 6.325.
    const ijsselland = html.slice(html.indexOf('scope="rowgroup" colspan="8">IJsselland'));
    const rows = ijsselland.slice(0, ijsselland.indexOf('</tbody>'));
    expect(rows).toContain('Stand juni 2026');
    expect(rows).toContain('Stand september 2026');
    // June: Zwolle 540 + Deventer 240 = 780; September: Zwolle 600; now: Zwolle 690 + Deventer 300 = 990.
    const committed = [...rows.matchAll(/<tr class="utrecht-table__row"><th[\s\S]*?<\/tr>/g)].map(
      (row) => [...row[0].matchAll(/--numeric">([^<]*)</g)].map((cell) => cell[1])[2],
    );
    expect(committed).toEqual(['780', '600', '990']);
    expect(html).toMatch(/Provincie Overijssel<\/th><\/tr>[\s\S]*?6\.325/);
  });

  it('says per municipality what changed since its previous round, and past a round it missed', async () => {
    const html = text((await province.get(`/staf/rondes/${current.id}`)).text);
    expect(rowOf(html, 'veranderingen-tabel', 'Zwolle')).toEqual([
      'Zwolle',
      'IJsselland',
      'vorige ronde ‘Stand september 2026’',
      '690',
      '+90',
      '384',
      '+30',
      '717',
    ]);
    expect(rowOf(html, 'veranderingen-tabel', 'Deventer').slice(2, 7)).toEqual([
      'niet ingezonden in vorige ronde; vergeleken met ‘Stand juni 2026’',
      '300',
      '+60',
      '144',
      '+20',
    ]);
    expect(rowOf(html, 'veranderingen-tabel', 'Enschede').slice(2, 5)).toEqual([
      'nog niet ingezonden in deze ronde; laatst ‘Stand september 2026’',
      '—',
      '—',
    ]);
  });

  it('lists the municipalities that have not submitted in this round last, in the same order otherwise', async () => {
    const html = text((await province.get(`/staf/rondes/${current.id}`)).text);
    const table = html.slice(html.indexOf('id="veranderingen-tabel"'));
    const body = table.slice(table.indexOf('<tbody'), table.indexOf('</table>'));
    const names = [...body.matchAll(/<th class="utrecht-table__header-cell" scope="row">([^<]*)</g)].map(
      (match) => match[1],
    );
    // Zwolle and Deventer submitted in this round; the others follow, by region and name as before.
    expect(names).toEqual([
      'Deventer',
      'Zwolle',
      ...['Dalfsen', 'Hardenberg', 'Kampen', 'Olst-Wijhe', 'Ommen', 'Raalte', 'Staphorst'],
      ...['Steenwijkerland', 'Zwartewaterland'],
      ...['Almelo', 'Borne', 'Dinkelland', 'Enschede', 'Haaksbergen', 'Hellendoorn', 'Hengelo'],
      ...['Hof van Twente', 'Losser', 'Oldenzaal', 'Rijssen-Holten', 'Tubbergen', 'Twenterand', 'Wierden'],
    ]);
    expect(html).toContain('Gemeenten die in deze ronde nog niet inzonden staan onderaan.');
  });

  it('shows a regietafel its own region only', async () => {
    const regietafel = await staffBrowser(pipeline, 'regietafel:ijsselland');
    const html = text((await regietafel.get(`/staf/rondes/${current.id}`)).text);
    expect(html).toContain('IJsselland: toegezegd en gerealiseerd per ronde, tegen de taak');
    expect(html).not.toContain('Twente: toegezegd en gerealiseerd per ronde');
    expect(html).not.toContain('>Enschede<');
  });
});

describe('the summary’s trend', () => {
  it('has one line per area after the headline, and attaches the changes and the shares', async () => {
    const token = await pipeline.staffToken('provincie:overijssel');
    const preview = await get(
      `${pipeline.baseUrl}/staf/rondes/${current.id}/overzicht?scope=province:overijssel`,
      { authorization: `Bearer ${token}`, accept: 'text/html' },
    );
    const html = text(await preview.text());
    expect(html).toContain('<h2>Verloop over de rondes</h2>');
    expect(html).toContain(
      'Rondes: Stand juni 2026 (1 juni 2026) → Stand september 2026 (1 september 2026) →',
    );
    expect(html).toMatch(
      /<strong>IJsselland \(ingezonden 2 → 1 → 2 van 11\)<\/strong>: toegezegd 780 → 600 → 990; gerealiseerd 448 → 354 → 528;/,
    );
    expect(html).toMatch(/<strong>Twente \(ingezonden 0 → 1 → 0 van 14\)<\/strong>: toegezegd 0 → 440 → 0;/);
    // The trend comes right after the headline's figures, before what needs action.
    expect(html.indexOf('Verloop over de rondes')).toBeLessThan(html.indexOf('Wat aandacht vraagt'));
    expect(html.indexOf('Verloop over de rondes')).toBeGreaterThan(
      html.indexOf('Asielopvang: taak en voortgang'),
    );

    await pipeline.clearMailbox();
    const page = await province.get(`/staf/rondes/${current.id}`);
    const form = page.text.slice(page.text.indexOf('value="province:overijssel"') - 200);
    const requestId = /name="requestId" value="([^"]+)"/.exec(form)![1]!;
    const sent = await province.post(`/staf/rondes/${current.id}/overzicht`, {
      scope: 'province:overijssel',
      requestId,
    });
    expect(sent.status).toBe(303);
    const mail = (await pipeline.mailbox()).find((candidate) => candidate.subject.startsWith('Overzicht'))!;
    const names = mail.attachments.map((attachment) => attachment.filename ?? '');
    expect(names.some((name) => name.startsWith('voortgang-opgaven_aandelen_overijssel_'))).toBe(true);
    const trend = mail.attachments.find((attachment) => attachment.filename?.includes('_verloop_'))!;
    const csv = Buffer.from(trend.content, 'base64').toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffGemeentecode;Gemeente;Regio;Vergeleken met;Ronde vergeleken;Aandeel vorige ronde;Aandeel nu;Toegezegd toen;Toegezegd nu;Verschil toegezegd;Gerealiseerd toen;Gerealiseerd nu;Verschil gerealiseerd',
    );
    expect(csv).toContain(
      'GM0193;Zwolle;IJsselland;vorige ronde ‘Stand september 2026’;voortgang-september;717;717;600;690;90;354;384;30',
    );
    expect(mail.body.text).toContain('VERLOOP OVER DE RONDES');
  });
});
