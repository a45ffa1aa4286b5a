import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregateRound } from '../../functions/core/aggregation/aggregate-round.js';
import type {
  AggregationScope,
  AggregationSnapshot,
  RoundAggregate,
} from '../../functions/core/aggregation/types.js';
import type { SubmissionVersion } from '../../functions/core/model.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';
import { formatPercent, renderSummaryEmail, summaryDate } from '../../functions/emails/summary-email.js';
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
  regularShare: 400,
  regularCommitted: 450,
  regularRealised: 100,
  amvShare: 35,
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
  regularShare: 180,
  regularCommitted: 0,
  regularRealised: 0,
  amvShare: 15,
  amvCommitted: 0,
  amvRealised: 0,
  asylumLocations: [],
  housing: [{ period: '2026-H2', task: 30, backlog: -4, housed: 30, ibtColour: 'rood' }],
});

/** The published shares: Zwolle 717 + 61, Deventer 400 + 35, Kampen 180 + 15, Enschede 584 + 54, others 200 + 17. */
const voortgangTargets = published(
  asylumTargets({ GM0193: [717, 61], GM0150: [400, 35], GM0166: [180, 15], GM0153: [584, 54] }),
);

function voortgangAggregate(
  options: { scope?: AggregationScope; previous?: AggregationSnapshot; current?: SubmissionVersion[] } = {},
): RoundAggregate {
  return aggregateRound({
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

const tags = /<(img|script|link|style|iframe|object|embed|form)\b/i;

describe('the summary email of voortgang opgaven for a region', () => {
  const aggregate = voortgangAggregate();
  const email = renderSummaryEmail(aggregate, board);

  it('names the round, the region and the date of the summary in the subject', () => {
    expect(email.subject).toBe(
      'Overzicht: Voortgang opgaven november 2026 – regio IJsselland – stand 27 november 2026',
    );
  });

  it('is HTML of tables with inline styles: no images, scripts, stylesheets or classes', () => {
    expect(email.html).not.toMatch(tags);
    expect(email.html).not.toMatch(/\sclass=/);
    expect(email.html).not.toMatch(/url\(/);
    expect(email.html).toContain('<html lang="nl">');
    expect(email.html).toContain('Aan: Regionale Regietafel Vluchtelingen IJsselland');
  });

  it('shows the response status, with the municipalities that sent nothing up front', () => {
    // 11 municipalities: 3 submitted, Raalte a draft, 7 nothing.
    expect(email.html).toContain(
      '3 van de 11 gemeenten hebben ingezonden; 1 alleen een concept; 7 nog niets.',
    );
    expect(email.html).toMatch(
      /Nog niets ingezonden \(7\):<\/strong><br>Dalfsen, Hardenberg, Olst-Wijhe, Ommen, Staphorst, Steenwijkerland, Zwartewaterland/,
    );
    expect(email.html).toContain(
      'Alleen een concept, nog niet ingezonden (1):</strong><br>Raalte (concept van 20 november 2026)',
    );
    expect(email.text).toContain(
      'NOG NIETS INGEZONDEN (7): Dalfsen, Hardenberg, Olst-Wijhe, Ommen, Staphorst, Steenwijkerland, Zwartewaterland',
    );
    // Kampen submitted at 18:30 UTC = 19:30 Dutch time.
    expect(email.text).toContain('- Kampen: ingezonden, versie 1, 26 november 2026 om 19:30');
    expect(email.text).toContain('- Zwolle: ingezonden, versie 1, 10 november 2026 om 10:00, 1 waarschuwing');
  });

  it('shows places per municipality and in total, with AMV, as numbers and percentages', () => {
    expect(email.html).toContain('778<br><span style="font-size:12px;color:#555555;">waarvan AMV 61</span>');
    // Zwolle: 640 / 778 = 82,3 %, 374 / 778 = 48,1 %; still to realise 778 − 374 = 404.
    expect(email.text).toContain(
      '- Zwolle: aandeel 778, toegezegd 640 (82,3 %), gerealiseerd 374 (48,1 %), nog te realiseren 404',
    );
    expect(email.text).toContain('    AMV: aandeel 61, toegezegd 40 (65,6 %), gerealiseerd 24 (39,3 %)');
    // A municipality that did not submit still has its share: Dalfsen 217.
    expect(email.text).toContain('- Dalfsen: aandeel 217, nog niet ingezonden');
    // The region's task is the sum of all eleven shares: 778 + 435 + 195 + 8 × 217 = 3.144. Committed by the
    // three that submitted: 640 + 485 + 0 = 1.125 = 35,8 % of the task; realised 374 + 100 = 474 = 15,1 %.
    // Over those three only (1.408): 79,9 % and 33,7 %; still to realise 404 + 335 + 195 = 934; 1.736 unknown.
    expect(email.text).toContain(
      '- Totaal regio IJsselland: taak 3.144, toegezegd 1.125 (35,8 % van de taak), gerealiseerd 474 (15,1 %); 3 van 11 gemeenten ingezonden: over de ingezonden gemeenten alleen 79,9 % toegezegd en 33,7 % gerealiseerd van hun aandeel (1.408), nog te realiseren 934; van 1.736 plaatsen is de stand nog niet bekend',
    );
    expect(email.html).toContain('Totaal regio IJsselland');
    expect(email.html).toContain('3.144');
    expect(email.html).toContain('3 van 11 gemeenten ingezonden');
  });

  it('draws a bar per municipality: a two-cell table whose coloured cell is N % wide', () => {
    // Zwolle 82,3 % → 82 % blue and 18 % grey; realised 48,1 % → 48 % green.
    expect(email.html).toMatch(
      /<td width="82%" height="10" bgcolor="#1f5f99"[^>]*>&nbsp;<\/td><td width="18%" height="10" bgcolor="#e3e3e3"/,
    );
    expect(email.html).toMatch(
      /<td width="48%" height="6" bgcolor="#2e7d32"[^>]*>&nbsp;<\/td><td width="52%"/,
    );
    // Deventer 111,5 % → a full bar, one cell; the figure says how far.
    expect(email.html).toMatch(
      /<td width="100%" height="10" bgcolor="#1f5f99"[^>]*>&nbsp;<\/td><\/tr><\/table>/,
    );
    expect(email.html).toContain('>111,5&nbsp;%</td>');
    // Kampen 0 % → only the grey cell.
    expect(email.html).toMatch(/<tr><td width="100%" height="10" bgcolor="#e3e3e3"/);
    // One blue bar per municipality that submitted and one for the total.
    expect(
      email.html.match(
        /height="10" bgcolor="#(1f5f99|e3e3e3)"[^>]*>&nbsp;<\/td>(<td width="\d+%" height="10" bgcolor="#e3e3e3"[^>]*>&nbsp;<\/td>)?<\/tr>/g,
      ),
    ).toHaveLength(4);
  });

  it('lists the locations by phase, Ukraine reception, and the statushouders balance with IBT colours', () => {
    // Zwolle: operationeel 350, realisatie 24; Deventer: ruimtelijke procedure 400.
    expect(email.text).toContain('- Ruimtelijke procedure: 1 locatie, 400 plaatsen');
    expect(email.text).toContain('- Operationeel: 1 locatie, 350 plaatsen');
    expect(email.text).toContain('- Totaal: 3 locaties, 774 plaatsen');
    // Three times 420 places, 388 occupied: 1.260 and 1.164 (92,4 %).
    expect(email.text).toContain(
      'Gemeentelijke opvang van ontheemden uit Oekraïne: 1.260 plaatsen, waarvan 1.164 bezet (92,4 %).',
    );
    // 2026-H2: tasks 96 + 60 + 30 = 186; backlog 12 + 10 − 4 = 18; housed 80 + 64 + 30 = 174; balance 28 + 6 − 4 = 30.
    expect(email.text).toContain(
      '3 gemeenten: taakstelling 186, achterstand begin 18, gehuisvest 174, saldo eind 30. IBT-oordeel: 1 groen (op schema), 1 oranje, 1 rood.',
    );
    expect(email.text).toContain(
      '- Kampen: taakstelling 30, achterstand begin -4, gehuisvest 30, saldo eind -4, IBT: Rood',
    );
    expect(email.html).toContain('>Rood</span>');
    expect(email.html).toContain('>Groen (op schema)</span>');
  });

  it('says plainly that this is the first summary, and carries the warnings per municipality', () => {
    expect(email.text).toContain('WAT IS ER VERANDERD SINDS HET VORIGE OVERZICHT');
    expect(email.text).toContain('Dit is het eerste overzicht van deze ronde');
    expect(email.html).toContain('Er zijn meer plaatsen bezet (430) dan er zijn (420). Klopt dat?');
    expect(email.text).toContain(
      '- Zwolle (versie 1):\n    * Er zijn meer plaatsen bezet (430) dan er zijn (420). Klopt dat?',
    );
  });

  it('has a plain-text twin without markup', () => {
    expect(email.text).not.toMatch(/<[a-z]/i);
    expect(email.text).not.toContain('&amp;');
    expect(email.text.startsWith('Aan: Regionale Regietafel Vluchtelingen IJsselland')).toBe(true);
    expect(email.text).not.toMatch(/\n\n\n/);
  });

  it('writes a preview to look at in a browser', () => {
    preview('summary-preview.html', email.html);
  });
});

describe('changes since the previous summary', () => {
  const first = voortgangAggregate();
  const snapshot = JSON.parse(JSON.stringify(first.snapshot)) as AggregationSnapshot;

  it('lists new submissions, amendments and other status moves', () => {
    const later = voortgangAggregate({
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
    const email = renderSummaryEmail(voortgangAggregate({ previous: snapshot }), board);
    expect(email.text).toContain(
      'Niets: sinds het vorige overzicht is er niets ingezonden, gewijzigd of als concept opgeslagen.',
    );
  });
});

describe('the summary for the province', () => {
  const enschede = validVoortgangOpgaven({ regularCommitted: 300 });
  const aggregate = voortgangAggregate({
    scope: province,
    current: [version(voortgangRound, 'GM0193', zwolle), version(voortgangRound, 'GM0153', enschede)],
  });
  const email = renderSummaryEmail(aggregate, {
    recipientLabel: 'Provincie Overijssel',
    dashboardUrl: 'https://regietafel.example/staf/rondes/voortgang-opgaven-2026-11',
    previewNote: 'Dit overzicht is niet verzonden.',
  });

  it('names the province and compares with the provincial task (6.325, of which 538 AMV)', () => {
    expect(email.subject).toBe(
      'Overzicht: Voortgang opgaven november 2026 – provincie Overijssel – stand 27 november 2026',
    );
    // Committed: Zwolle 640 + Enschede 340 = 980 of 6.325 = 15,5 %; AMV 40 + 40 = 80 of 538 = 14,9 %;
    // regular 600 + 300 = 900 of 5.787 = 15,6 %.
    expect(email.text).toContain(
      'samen 6.325 opvangplaatsen bieden, waarvan 538 voor alleenstaande minderjarige',
    );
    expect(email.text).toContain('- Totaal: opgave 6.325, toegezegd 980 (15,5 %), gerealiseerd 748 (11,8 %)');
    expect(email.text).toContain('- AMV: opgave 538, toegezegd 80 (14,9 %), gerealiseerd 48 (8,9 %)');
    expect(email.text).toContain('- Regulier: opgave 5.787, toegezegd 900 (15,6 %)');
    expect(email.text).toContain('De provinciale taak is nog te bevestigen.');
    // 2 of 25 submitted; the shares add up to 3.144 + 638 + 13 × 217 = 6.603 (AMV 247 + 54 + 13 × 17 = 522),
    // not the task: it says so.
    expect(email.text).toContain('2 van 25 gemeenten ingezonden.');
    expect(email.text).toContain(
      'De aandelen tellen op tot 6.603 plaatsen (waarvan 522 AMV); de provinciale taak is 6.325 (waarvan 538 AMV). Verschil: 278 plaatsen meer dan de taak, 16 AMV-plaatsen minder.',
    );
    expect(email.html).toMatch(/<td width="16%" height="10" bgcolor="#1f5f99"/);
  });

  it('groups the municipalities by region and names the region in lists', () => {
    expect(email.html).toContain('>Regio IJsselland</td>');
    expect(email.html).toContain('>Regio Twente</td>');
    expect(email.text).toContain('Regio Twente:\n- Almelo: nog niets');
    expect(email.text).toContain(
      'NOG NIETS INGEZONDEN (22):\n- IJsselland: Dalfsen, Deventer, Hardenberg, Kampen, Olst-Wijhe, Ommen, Staphorst, Steenwijkerland, Zwartewaterland\n- Twente: Almelo, Borne,',
    );
    expect(email.html).toContain('<br><strong>Twente:</strong> Almelo, Borne, Dinkelland, Haaksbergen,');
  });

  it('shows the preview note and the dashboard link', () => {
    expect(email.html).toContain('<strong>Voorbeeld.</strong> Dit overzicht is niet verzonden.');
    expect(email.html).toContain('href="https://regietafel.example/staf/rondes/voortgang-opgaven-2026-11"');
    expect(email.text.startsWith('VOORBEELD. Dit overzicht is niet verzonden.')).toBe(true);
  });

  it('writes a preview', () => preview('summary-preview-provincie.html', email.html));

  it('lists the attachments, or says where to download them when they were too large', () => {
    const attached = renderSummaryEmail(aggregate, {
      recipientLabel: 'Provincie Overijssel',
      attachments: [{ filename: 'voortgang-opgaven_overijssel_2026-11-27.csv' }],
    });
    expect(attached.text).toContain(
      'bijlagen (CSV, te openen in Excel): voortgang-opgaven_overijssel_2026-11-27.csv.',
    );
    const linked = renderSummaryEmail(aggregate, {
      recipientLabel: 'Provincie Overijssel',
      attachmentsUrl: 'https://regietafel.example/staf/rondes/r/export.csv',
    });
    expect(linked.html).toContain('href="https://regietafel.example/staf/rondes/r/export.csv"');
    expect(linked.text).toContain('te groot om mee te sturen');
  });

  it('never links anything but http(s)', () => {
    const other = renderSummaryEmail(aggregate, { recipientLabel: 'x', dashboardUrl: 'javascript:alert(1)' });
    expect(other.html).not.toContain('javascript:');
  });
});

describe('the summary email of eigen bijdrage', () => {
  const round = roundFor('eigen-bijdrage', { title: 'Eigen bijdrage november 2026' });
  const aggregate = aggregateRound({
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
  const email = renderSummaryEmail(aggregate, board);

  it('names the schedule in force, who collects since when and under which schedule', () => {
    expect(email.subject).toBe(
      'Overzicht: Eigen bijdrage november 2026 – regio IJsselland – stand 27 november 2026',
    );
    expect(email.text).toContain(
      'Landelijke bedragen op de peildatum (1 november 2026): € 244,22 voor exploitatie en nutsvoorzieningen en € 252,18 voor catering',
    );
    expect(email.text).toContain(
      'Vragen een eigen bijdrage: 2 van de 3 gemeenten die hebben ingezonden; 1 (nog) niet\n',
    );
    expect(email.text).toContain(
      'Toegepaste bedragen: bedragen vanaf 1 januari 2025: 1 gemeente; bedragen vanaf 1 oktober 2025 (geldend op de peildatum): 1 gemeente\n',
    );
    expect(email.text).toContain('- Staphorst: vraagt (nog) geen eigen bijdrage');
    expect(email.html).toContain('Vraagt (nog) geen eigen bijdrage');
  });

  it('compares revenue with the expected revenue and flags deviations', () => {
    // Per adult 244,22 + 252,18 = 496,40; expected 41 × 496,40 + 12 × 0,5 × 496,40 = 23.330,80; 18.450,50 is 79,1 %.
    expect(email.text).toContain(
      '- Zwolle: vraagt sinds 1 juli 2024, bedragen vanaf 1 oktober 2025 (geldend op de peildatum), 55 volwassenen betalen (volledig 41, gedeeltelijk 12, maatwerk 2), opbrengst € 18.450,50 per maand, verwacht € 23.330,80 (79,1 %)',
    );
    // Totals of the two that reported revenue: 36.901,00 of 46.661,60 = 79,1 %.
    expect(email.text).toContain(
      'Opbrengst per maand: € 36.901,00, verwacht € 46.661,60 (79,1 % van verwacht), bij de 2 gemeenten die de opbrengst meldden\n',
    );
    expect(email.text).toContain(
      '    AFWIJKING: Het bedrag voor exploitatie en nutsvoorzieningen (€ 105,00) wijkt af',
    );
    expect(email.html).toContain('<strong>Afwijking:</strong> Past de bedragen vanaf 1 januari 2025 toe');
    expect(email.text).toContain(
      '1 gemeente wijkt af van de landelijke regeling of van de verwachte opbrengst',
    );
    // Amounts and percentages stay on one line in the HTML.
    expect(email.html).toContain('€&nbsp;18.450,50');
    expect(email.html).toContain('79,1&nbsp;%');
    expect(email.html).not.toMatch(tags);
    preview('summary-preview-eigen-bijdrage.html', email.html);
  });
});

describe('the summary email of sociaal domein', () => {
  const round = roundFor('sociaal-domein', { title: 'Inventarisatie sociaal domein 2026' });
  const malicious = '<script>alert("knelpunt")</script> & meer';
  const aggregate = aggregateRound({
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
            {
              domain: 'werk',
              description: 'Weinig banen in loondienst\nvoor Oekraïners',
              severity: 'beperkt',
            },
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
  const email = renderSummaryEmail(aggregate, board);

  it('escapes everything a municipality typed', () => {
    expect(email.html).not.toMatch(tags);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;knelpunt&quot;)&lt;/script&gt; &amp; meer');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; GGD-capaciteit');
    // Line breaks of a textarea are kept.
    expect(email.html).toContain('Weinig banen in loondienst<br>voor Oekraïners');
    // The plain text shows it as typed.
    expect(email.text).toContain(`- [ernstig] Zwolle: ${malicious}`);
  });

  it('groups bottlenecks by domain with severity, and support requests by addressee', () => {
    // Zorg: Zwolle ernstig, Raalte aanzienlijk. Onderwijs: Raalte ernstig. Werk: Zwolle beperkt.
    expect(email.text).toContain('Zorg\n----\n2 knelpunten bij 2 gemeenten: 1 ernstig, 1 aanzienlijk.');
    expect(email.text).toContain('Inburgering\n-----------\nGeen knelpunten gemeld.');
    expect(email.text).toContain(
      'Aan: Rijk\n---------\n2 vragen van 2 gemeenten.\n- Raalte (onderwijs): Extra bekostiging nieuwkomersonderwijs\n- Zwolle (onderwijs): Bekostiging ISK',
    );
    expect(email.text).toContain('Aan: Provincie\n--------------\n1 vraag van 1 gemeente.');
    expect(email.text).toContain('Ketenpartners (COA, GGD, scholen, UWV …)\n');
    expect(email.html).toContain('>Ernstig</span>');
    // Figures: 14 + 14 without a GP, reported by 2 of 2.
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
});
