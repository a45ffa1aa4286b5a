import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AggregationScope, AggregationSnapshot } from '../../functions/core/aggregation/types.js';
import type { SubmissionVersion } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { type SummaryModel, summaryModel } from '../../functions/core/summary-model.js';
import { narrowStyles } from '../../functions/emails/summary-blocks.js';
import { renderSummaryEmail } from '../../functions/emails/summary-email.js';
import { formatPercent, shorten, summaryDate } from '../../functions/emails/summary-format.js';
import {
  asylumTargets,
  savedDraft as draft,
  published,
  roundFor,
  submittedVersion as version,
} from '../support/aggregation-fixtures.js';
import { validEigenBijdrage, validSociaalDomein, validVoortgangOpgaven } from '../support/pipeline.js';

/**
 * The compiled summary email, rendered from real aggregates (aggregateRound over fixtures). Expected figures
 * are worked out by hand next to them.
 */

const now = new Date('2026-11-27T09:00:00.000Z');
const region: AggregationScope = { type: 'region', id: 'ijsselland' };
const province: AggregationScope = { type: 'province', id: 'overijssel' };
const board = { recipientLabel: 'Regionale Regietafel Vluchtelingen IJsselland' };

const voortgangRound = roundFor('voortgang-opgaven', { title: 'Voortgang opgaven november 2026' });

/** Zwolle as in the shared fixture: share 717 + 61 = 778, committed 600 + 40 = 640, realised 350 + 24 = 374. */
const zwolle = validVoortgangOpgaven();
/** Deventer over its share: 450 + 35 = 485 committed of 400 + 35 = 435 (111,5 %), 100 realised (23,0 %). */
const deventer = validVoortgangOpgaven({
  regularCommitted: 450,
  regularRealised: 100,
  amvCommitted: 35,
  amvRealised: 0,
  asylumLocations: [
    {
      name: 'Azc Zuidbroek',
      type: 'azc',
      capacity: 400,
      availableFrom: '2026-06-01',
      phase: 'ruimtelijke-procedure',
    },
  ],
  housing: [{ period: '2026-H2', task: 60, backlog: 10, housed: 64, ibtColour: 'groen' }],
});
/** Kampen ahead on housing: a lead of 4 (backlog -4), task 30, housed 30 → balance -4. Nothing committed yet. */
const kampen = validVoortgangOpgaven({
  regularCommitted: 0,
  regularRealised: 0,
  amvCommitted: 0,
  amvRealised: 0,
  asylumLocations: [],
  housing: [{ period: '2026-H2', task: 30, backlog: -4, housed: 30, ibtColour: 'rood' }],
});

/** The published shares: Zwolle 717 + 61, Deventer 400 + 35, Kampen 180 + 15, Enschede 584 + 54, others 200 + 17. */
const voortgangTargets = published(
  asylumTargets({ GM0193: [717, 61], GM0150: [400, 35], GM0166: [180, 15], GM0153: [584, 54] }),
);

function voortgangModel(
  options: { scope?: AggregationScope; previous?: AggregationSnapshot; current?: SubmissionVersion[] } = {},
): SummaryModel {
  return summaryModel({
    round: voortgangRound,
    registry: overijssel,
    scope: options.scope ?? region,
    current: options.current ?? [
      version(voortgangRound, 'GM0193', zwolle, {
        warnings: [
          {
            path: 'ukraineOccupied',
            message: 'Er zijn meer plaatsen bezet (430) dan er zijn (420). Klopt dat?',
          },
        ],
      }),
      version(voortgangRound, 'GM0150', deventer, { late: false }),
      version(voortgangRound, 'GM0166', kampen, { submittedAt: '2026-11-26T18:30:00.000Z' }),
    ],
    drafts: [draft(voortgangRound, 'GM0177')],
    previous: options.previous,
    targets: voortgangTargets,
    now,
  });
}

/** Writes a rendered summary under test-results/ (gitignored), to open in a browser. */
function preview(name: string, content: string): void {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(`test-results/${name}`, content);
}

const tags = /<(img|script|link|iframe|object|embed|form|svg)\b/i;
const position = (text: string, needle: string) => {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return at;
};

describe('the summary email of voortgang opgaven for a region', () => {
  const email = renderSummaryEmail(voortgangModel(), board);

  it('names the round, the region and the date of the summary in the subject', () => {
    expect(email.subject).toBe(
      'Overzicht: Voortgang opgaven november 2026 – regio IJsselland – stand 27 november 2026',
    );
  });

  it('styles once, in the head: no style repeated per cell, nothing loaded from elsewhere', () => {
    expect(email.html).not.toMatch(tags);
    expect(email.html).not.toMatch(/url\(/);
    // The sheet, and the 320 px media query in a block of its own (a client that refuses it drops only that).
    expect(email.html.match(/<style>/g)).toHaveLength(2);
    expect(email.html).toContain(`<style>${narrowStyles}</style></head>`);
    expect(email.html.indexOf('<style>')).toBeLessThan(email.html.indexOf('<body'));
    // No cell carries a style; the few inline styles are the 600 px column, the legend's colour squares
    // and the contact line of the footer.
    expect(email.html).not.toMatch(/<t[dhr][^>]* style=/);
    expect(email.html.match(/ style="/g)?.length).toBeLessThanOrEqual(10);
    // Gmail drops a whole <style> block with an error or a comment; keep it plain.
    const sheet = email.html.slice(email.html.indexOf('<style>') + 7, email.html.indexOf('</style>'));
    expect(sheet).not.toMatch(/\/\*|@|\[/);
    expect(sheet.length).toBeLessThan(16 * 1024);
    // Outlook ignores max-width: it gets a fixed 600 px table in a conditional comment.
    expect(email.html).toContain('<!--[if mso]><table role="presentation" width="600"');
    expect(email.html).toContain('<html lang="nl">');
    expect(email.text.startsWith('Aan: Regionale Regietafel Vluchtelingen IJsselland')).toBe(true);
  });

  it('starts with the headline: response, then task against committed, realised and still to realise', () => {
    expect(email.html).toContain(
      '<strong>3 van de 11 gemeenten hebben ingezonden; 1 alleen een concept; 7 nog niets.</strong>',
    );
    // The region's task is the sum of all eleven published shares: 778 + 435 + 195 + 8 × 217 = 3.144.
    // Committed by the three that submitted: 640 + 485 + 0 = 1.125 = 35,8 % of it; realised 374 + 100 = 474
    // = 15,1 %; still to realise at those three 404 + 335 + 195 = 934. Over those three only (1.408): 79,9 %
    // and 33,7 %; the other 3.144 − 1.408 = 1.736 places are not known yet.
    expect(email.text).toContain(
      '- IJsselland (3 van 11 ingezonden): taak 3.144, toegezegd 1.125 (35,8 %), gerealiseerd 474 (15,1 %), nog te realiseren 934; over de ingezonden gemeenten 79,9 % toegezegd en 33,7 % gerealiseerd van hun aandeel (1.408); van 1.736 plaatsen is de stand nog niet bekend',
    );
    expect(email.html).toMatch(/<td align="right">1\.125<br><span>35,8&nbsp;%<\/span><\/td>/);
    expect(email.html).toContain('IJsselland<br><span>3 van 11 ingezonden</span>');
    // The headline comes before what needs action, which comes before the other figures.
    const text = email.text;
    expect(position(text, 'ASIELOPVANG: TAAK EN VOORTGANG')).toBeLessThan(
      position(text, 'WAT AANDACHT VRAAGT'),
    );
    expect(position(text, 'WAT AANDACHT VRAAGT')).toBeLessThan(position(text, 'VERDER IN DEZE RONDE'));
  });

  it('draws the bars as cells of N % width in the attribute, committed thick and realised thin', () => {
    // 35,8 % → 36 % blue and 64 % grey; 15,1 % → 15 % green.
    expect(email.html).toContain(
      '<tr><td width="36%" height="10" bgcolor="#1f5f99">&nbsp;</td><td width="64%" height="10" bgcolor="#e3e3e3">&nbsp;</td></tr>',
    );
    expect(email.html).toContain('<td width="15%" height="5" bgcolor="#2e7d32">&nbsp;</td>');
  });

  it('counts the places available in the Spreidingswet window, guaranteed and with intentions', () => {
    // Zwolle's 350 operational places from 1 July 2025 count; its 24 (from March 2026) and Deventer's 400
    // (from June 2026) come too late. 350 / 3.144 = 11,1 %.
    expect(email.text).toContain('PLAATSEN BESCHIKBAAR 1 JULI 2025 – 1 FEBRUARI 2026');
    expect(email.text).toContain(
      '- IJsselland: gegarandeerd 350 (11,1 %), met voornemens 350 (11,1 %) van de taak 3.144',
    );
  });

  it('keeps per-municipality figures out of the body: they are in the attachments and on the dashboard', () => {
    // Deventer submitted without warnings: it is named nowhere in the first summary.
    expect(email.text).not.toContain('Deventer');
    expect(email.html).not.toContain('Deventer');
    expect(email.text).not.toMatch(/Zwolle: aandeel/);
  });

  it('puts the municipalities that sent nothing, the drafts and the warnings under what needs action', () => {
    expect(email.html).toMatch(
      /Nog niets ingezonden \(7\):<\/strong><br>Dalfsen, Hardenberg, Olst-Wijhe, Ommen, Staphorst, Steenwijkerland, Zwartewaterland/,
    );
    expect(email.html).toContain(
      'Alleen een concept, nog niet ingezonden (1):</strong><br>Raalte (concept van 20 november 2026)',
    );
    expect(email.text).toContain(
      'NOG NIETS INGEZONDEN (7): Dalfsen, Hardenberg, Olst-Wijhe, Ommen, Staphorst, Steenwijkerland, Zwartewaterland',
    );
    expect(email.text).toContain(
      '- Zwolle (versie 1):\n    * Er zijn meer plaatsen bezet (430) dan er zijn (420). Klopt dat?',
    );
  });

  it('sums the locations by phase, Ukraine reception and the statushouders half years for the region', () => {
    // Zwolle: operationeel 350, realisatie 24; Deventer: ruimtelijke procedure 400.
    expect(email.text).toContain('- Ruimtelijke procedure: 1 locatie, 400 plaatsen');
    expect(email.text).toContain('- Operationeel: 1 locatie, 350 plaatsen');
    expect(email.text).toContain('- Totaal: 3 locaties, 774 plaatsen');
    // Three times 420 places, 388 occupied: 1.260 and 1.164 (92,4 %).
    expect(email.text).toContain('- IJsselland: 1.260 plaatsen, waarvan 1.164 bezet (92,4 %)');
    // 2026-H2: tasks 96 + 60 + 30 = 186; backlog 12 + 10 − 4 = 18; housed 80 + 64 + 30 = 174; balance 30.
    expect(email.text).toContain(
      '- IJsselland (3 van 11 gemeenten): taakstelling 186, achterstand begin 18, gehuisvest 174, saldo eind 30; IBT: 1 groen, 1 oranje, 1 rood',
    );
  });

  it('says plainly that this is the first summary', () => {
    expect(email.text).toContain('WAT IS ER VERANDERD SINDS HET VORIGE OVERZICHT');
    expect(email.text).toContain('Dit is het eerste overzicht van deze ronde');
  });

  it('has a plain-text twin without markup', () => {
    expect(email.text).not.toMatch(/<[a-z]/i);
    expect(email.text).not.toContain('&amp;');
    expect(email.text).not.toContain('&shy;');
    expect(email.text).not.toMatch(/\n\n\n/);
  });

  it('writes a preview to look at in a browser', () => {
    preview('summary-preview.html', email.html);
  });
});

describe('changes since the previous summary', () => {
  const first = voortgangModel().aggregate;
  const snapshot = JSON.parse(JSON.stringify(first.snapshot)) as AggregationSnapshot;

  it('lists new submissions and amendments with their versions', () => {
    const later = voortgangModel({
      previous: snapshot,
      current: [
        version(voortgangRound, 'GM0193', zwolle, { version: 2, submittedAt: '2026-11-26T10:00:00.000Z' }),
        version(voortgangRound, 'GM0150', deventer),
        version(voortgangRound, 'GM0166', kampen),
        version(voortgangRound, 'GM0175', kampen, { submittedAt: '2026-11-26T11:15:00.000Z', late: true }),
      ],
    });
    const email = renderSummaryEmail(later, board);
    expect(email.text).toContain('Vergeleken met het overzicht van 27 november 2026 om 10:00.');
    expect(email.text).toContain(
      'Nieuw ingezonden (1):\n- Ommen: versie 1, 26 november 2026 om 12:15 (te laat)',
    );
    expect(email.text).toContain('Gewijzigd (1):\n- Zwolle: versie 1 → versie 2, 26 november 2026 om 11:00');
    expect(email.html).toContain('<strong>Gewijzigd (1)</strong>');
    expect(email.text).not.toContain('Dit is het eerste overzicht');
  });

  it('says so when nothing changed', () => {
    const email = renderSummaryEmail(voortgangModel({ previous: snapshot }), board);
    expect(email.text).toContain(
      'Niets: sinds het vorige overzicht is er niets ingezonden, gewijzigd of als concept opgeslagen.',
    );
  });
});

describe('the summary for the province', () => {
  const enschede = validVoortgangOpgaven({ regularCommitted: 300 });
  const model = voortgangModel({
    scope: province,
    current: [version(voortgangRound, 'GM0193', zwolle), version(voortgangRound, 'GM0153', enschede)],
  });
  const email = renderSummaryEmail(model, {
    recipientLabel: 'Provincie Overijssel',
    dashboardUrl: 'https://regietafel.example/staf/rondes/voortgang-opgaven-2026-11',
    previewNote: 'Dit overzicht is niet verzonden.',
  });

  it('has a line per region and the province against the provincial task (6.325)', () => {
    expect(email.subject).toBe(
      'Overzicht: Voortgang opgaven november 2026 – provincie Overijssel – stand 27 november 2026',
    );
    // IJsselland: all eleven shares 3.144; Zwolle committed 640 (20,4 %), realised 374 (11,9 %), 404 to go.
    // Twente: 638 + 13 × 217 = 3.459; Enschede 340 (9,8 %), 374 (10,8 %), 264 to go. Province: 980 of 6.325
    // (15,5 %), 748 (11,8 %), 668 to go; over the two that reported (1.416): 69,2 % and 52,8 %; the shares
    // of the other 23 (6.603 − 1.416 = 5.187) are not known yet.
    expect(email.text).toContain(
      '- IJsselland (1 van 11 ingezonden): taak 3.144, toegezegd 640 (20,4 %), gerealiseerd 374 (11,9 %), nog te realiseren 404;',
    );
    expect(email.text).toContain(
      '- Twente (1 van 14 ingezonden): taak 3.459, toegezegd 340 (9,8 %), gerealiseerd 374 (10,8 %), nog te realiseren 264;',
    );
    expect(email.text).toContain(
      '- Provincie Overijssel (2 van 25 ingezonden): taak 6.325, toegezegd 980 (15,5 %), gerealiseerd 748 (11,8 %), nog te realiseren 668; over de ingezonden gemeenten 69,2 % toegezegd en 52,8 % gerealiseerd van hun aandeel (1.416); van 5.187 plaatsen is de stand nog niet bekend',
    );
    expect(email.html).toMatch(
      /<tr class="total lead"><th scope="row" align="left">Provincie Overijssel<br><span>2 van 25 ingezonden<\/span><\/th><td align="right">6\.325<\/td>/,
    );
    // Where the task comes from, and that the shares do not add up to it.
    expect(email.text).toContain('De provinciale taak is nog te bevestigen.');
    expect(email.text).toContain(
      'De aandelen tellen op tot 6.603 plaatsen (waarvan 522 AMV); de provinciale taak is 6.325 (waarvan 538 AMV).',
    );
    // Places in the window: 350 each; 700 of 6.325 = 11,1 %; Twente 350 / 3.459 = 10,1 %.
    expect(email.text).toContain(
      '- Provincie Overijssel: gegarandeerd 700 (11,1 %), met voornemens 700 (11,1 %) van de taak 6.325',
    );
    expect(email.text).toContain(
      '- Twente: gegarandeerd 350 (10,1 %), met voornemens 350 (10,1 %) van de taak 3.459',
    );
    expect(email.text).toContain('- IJsselland: 1 van 11 ingezonden, 1 alleen concept, 9 nog niets');
  });

  it('names the missing municipalities per region, and no municipality’s figures', () => {
    expect(email.text).toContain(
      'NOG NIETS INGEZONDEN (22):\n- IJsselland: Dalfsen, Deventer, Hardenberg, Kampen, Olst-Wijhe, Ommen, Staphorst, Steenwijkerland, Zwartewaterland\n- Twente: Almelo, Borne,',
    );
    expect(email.html).toContain('<br><strong>Twente:</strong> Almelo, Borne, Dinkelland, Haaksbergen,');
    expect(email.text).not.toMatch(/Zwolle[^,\n]*: taak/);
  });

  it('shows the preview note and the dashboard link', () => {
    expect(email.html).toContain('<strong>Voorbeeld.</strong> Dit overzicht is niet verzonden.');
    expect(email.html).toContain('href="https://regietafel.example/staf/rondes/voortgang-opgaven-2026-11"');
    expect(email.text.startsWith('VOORBEELD. Dit overzicht is niet verzonden.')).toBe(true);
  });

  it('writes a preview', () => preview('summary-preview-provincie.html', email.html));

  it('lists the attachments, or says where to download them when they were too large', () => {
    const attached = renderSummaryEmail(model, {
      recipientLabel: 'Provincie Overijssel',
      attachments: [{ filename: 'voortgang-opgaven_overijssel_2026-11-27.csv' }],
    });
    expect(attached.text).toContain(
      'bijlagen (CSV, te openen in Excel): voortgang-opgaven_overijssel_2026-11-27.csv.',
    );
    const linked = renderSummaryEmail(model, {
      recipientLabel: 'Provincie Overijssel',
      attachmentsUrl: 'https://regietafel.example/staf/rondes/r/export.csv',
    });
    expect(linked.html).toContain('href="https://regietafel.example/staf/rondes/r/export.csv"');
    expect(linked.text).toContain('te groot om mee te sturen');
  });

  it('never links anything but http(s)', () => {
    const other = renderSummaryEmail(model, { recipientLabel: 'x', dashboardUrl: 'javascript:alert(1)' });
    expect(other.html).not.toContain('javascript:');
  });
});

describe('the summary email of eigen bijdrage', () => {
  const round = roundFor('eigen-bijdrage', { title: 'Eigen bijdrage november 2026' });
  const model = summaryModel({
    round,
    registry: overijssel,
    scope: region,
    current: [
      version(round, 'GM0193', validEigenBijdrage()),
      // Deventer applies the old amounts (from 1 January 2025: € 105,00 and € 252,18).
      version(
        round,
        'GM0150',
        validEigenBijdrage({
          scheduleApplied: '2025-01-01',
          amountOperatingCosts: 105,
          collectingSince: '2025-01-15',
        }),
      ),
      version(
        round,
        'GM0180',
        validEigenBijdrage({
          collects: false,
          collectingSince: undefined,
          scheduleApplied: undefined,
          amountOperatingCosts: undefined,
          amountCatering: undefined,
          incomeVerification: undefined,
          executedBy: undefined,
          adultsFull: undefined,
          adultsPartial: undefined,
          adultsCustom: undefined,
          monthlyRevenue: undefined,
        }),
      ),
    ],
    now,
  });
  const email = renderSummaryEmail(model, board);

  it('starts with who collects, who pays and the revenue against what was expected', () => {
    expect(email.subject).toBe(
      'Overzicht: Eigen bijdrage november 2026 – regio IJsselland – stand 27 november 2026',
    );
    // 2 of 3 collect; 55 + 55 adults; revenue 18.450,50 × 2 = 36.901,00 of 2 × 23.330,80 = 46.661,60 (79,1 %).
    expect(email.text).toContain(
      '- IJsselland: 2 van 3 ingezonden gemeenten vragen een bijdrage; 110 volwassenen betalen; opbrengst € 36.901,00 per maand (79,1 % van verwacht)',
    );
    expect(email.html).toContain('€&nbsp;36.901,00');
    expect(email.html).toContain('79,1&nbsp;% van verwacht');
  });

  it('names the deviations under what needs action, and the schedule in force further down', () => {
    expect(email.text).toContain(
      '1 gemeente wijkt af van de landelijke bedragen of van de verwachte opbrengst',
    );
    expect(email.text).toContain(
      '- Deventer:\n    AFWIJKING: Het bedrag voor exploitatie en nutsvoorzieningen (€ 105,00) wijkt af',
    );
    expect(email.text).toContain(
      'Landelijke bedragen op de peildatum (1 november 2026): € 244,22 voor exploitatie en nutsvoorzieningen en € 252,18 voor catering',
    );
    expect(email.text).toContain(
      'Toegepaste bedragen: bedragen vanaf 1 januari 2025: 1 gemeente; bedragen vanaf 1 oktober 2025 (geldend op de peildatum): 1 gemeente',
    );
    expect(email.html).not.toMatch(tags);
    preview('summary-preview-eigen-bijdrage.html', email.html);
  });
});

describe('the summary email of sociaal domein', () => {
  const round = roundFor('sociaal-domein', { title: 'Inventarisatie sociaal domein 2026' });
  const malicious = '<script>alert("knelpunt")</script> & meer';
  const long = `Wachtlijsten ${'en nog meer wachtlijsten '.repeat(30)}einde`;
  const model = summaryModel({
    round,
    registry: overijssel,
    scope: region,
    current: [
      version(round, 'GM0177', validSociaalDomein()),
      version(
        round,
        'GM0193',
        validSociaalDomein({
          bottlenecks: [
            { domain: 'zorg', description: malicious, severity: 'ernstig' },
            { domain: 'werk', description: long, severity: 'beperkt' },
          ],
          supportRequests: [
            {
              domain: 'zorg',
              addressee: 'provincie',
              request: '<img src=x onerror=alert(1)> GGD-capaciteit',
            },
            { domain: 'onderwijs', addressee: 'rijk', request: 'Bekostiging ISK' },
          ],
        }),
      ),
    ],
    now,
  });
  const email = renderSummaryEmail(model, board);

  it('escapes everything a municipality typed', () => {
    expect(email.html).not.toMatch(tags);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;knelpunt&quot;)&lt;/script&gt; &amp; meer');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; GGD-capaciteit');
    expect(email.text).toContain(`- [ernstig] Zwolle: ${malicious}`);
  });

  it('counts per region first, then groups bottlenecks by domain and requests by addressee', () => {
    expect(email.text).toContain('- IJsselland: 4 knelpunten (waarvan 2 ernstig), 3 ondersteuningsvragen');
    // Zorg: Zwolle ernstig, Raalte aanzienlijk. Onderwijs: Raalte ernstig. Werk: Zwolle beperkt.
    expect(email.text).toContain('Zorg\n----\n2 knelpunten bij 2 gemeenten: 1 ernstig, 1 aanzienlijk.');
    expect(email.text).toContain('Inburgering\n-----------\nGeen knelpunten gemeld.');
    expect(email.text).toContain(
      'Aan: Rijk\n---------\n2 vragen van 2 gemeenten.\n- Raalte (onderwijs): Extra bekostiging nieuwkomersonderwijs\n- Zwolle (onderwijs): Bekostiging ISK',
    );
    expect(email.text).toContain('Aan: Provincie\n--------------\n1 vraag van 1 gemeente.');
    // A long text is shortened in the email (the attachment has it whole).
    expect(email.text).toContain(`- [beperkt] Zwolle: ${shorten(long, 240)}`);
    expect(email.text).not.toContain(long);
    expect(email.text).toContain('- Nieuwkomers zonder huisarts: 28 (ingevuld door 2 van 2)');
    preview('summary-preview-sociaal-domein.html', email.html);
  });
});

describe('formatting helpers', () => {
  it('formats percentages the Dutch way and dates in Dutch time', () => {
    expect(formatPercent(61.1)).toBe('61,1 %');
    expect(formatPercent(100)).toBe('100,0 %');
    expect(formatPercent(null)).toBe('—');
    expect(summaryDate('2026-11-27T23:30:00.000Z')).toBe('2026-11-28');
  });

  it('shortens long answers at a word, with an ellipsis', () => {
    expect(shorten('kort', 10)).toBe('kort');
    expect(shorten('een twee drie vier vijf zes', 15)).toBe('een twee drie …');
    expect(shorten('regel een\nregel twee', 40)).toBe('regel een regel twee');
  });
});
