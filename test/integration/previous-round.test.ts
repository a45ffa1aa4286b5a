import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import { pageFields } from '../support/form-fields.js';
import {
  get,
  newRoundFields,
  postForm,
  postFormAndFollow,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validVoortgangOpgaven,
} from '../support/pipeline.js';
import { formFields, staffBrowser } from '../support/staff.js';

/**
 * A round as one of a cycle: a municipality opening the next round of a form it answered starts from
 * those answers (not the ones that belong to the round itself), nothing is stored until it submits, and
 * the check page, the confirmation, the email and the summary say what changed since the previous round.
 */

let pipeline: TestPipeline;
let first: Round;
let next: Round;
let withoutPrefill: Round;
let provinceToken: string;
const day = 24 * 3600 * 1000;

const url = (round: Round, code: string) => pipeline.formUrl(code, round);

beforeAll(async () => {
  pipeline = await startTestPipeline();
  first = pipeline.rounds['voortgang-opgaven']!;
  const later = new Date(Date.now() + 90 * day).toISOString().slice(0, 10);
  next = {
    ...first,
    id: 'voortgang-volgende',
    title: 'Voortgang, volgende ronde',
    referenceDate: later,
    opensAt: new Date(Date.now() - day).toISOString(),
    deadline: new Date(Date.now() + 20 * day).toISOString(),
  };
  withoutPrefill = { ...next, id: 'voortgang-zonder', title: 'Voortgang, leeg begonnen', prefill: false };
  expect(await pipeline.store.createRound(next)).toBe(true);
  expect(await pipeline.store.createRound(withoutPrefill)).toBe(true);
  provinceToken = await pipeline.staffToken('provincie:overijssel');
  // Zwolle answered the first round (and amended it: the current version counts); Deventer did not.
  expect((await postJson(url(first, 'GM0193'), { answers: validVoortgangOpgaven() })).status).toBe(201);
  const amended = validVoortgangOpgaven({ regularRealised: 360, contactRole: 'Beleidsmedewerker' });
  expect((await postJson(url(first, 'GM0193'), { answers: amended, baseVersion: 1 })).status).toBe(201);
});

afterAll(async () => {
  await pipeline?.stop();
});

describe('the next round of a form', () => {
  it('opens with the previous round’s current answers, except what belongs to the round, and stores nothing', async () => {
    const page = await (await get(url(next, 'GM0193'))).text();
    expect(page).toMatch(
      /Overgenomen uit ronde ‘Demo-ronde voortgang opgaven’ van \d+ \w+ \d{4} \(versie 2\): controleer en werk bij\./,
    );
    expect(page).toContain(
      'Niet overgenomen, want dat hoort bij deze ronde: Halfjaar (taakstelling per halfjaar), Uw naam, Uw e-mailadres, Uw functie.',
    );
    expect(page).toContain('Er is nog niets ingezonden: dat gebeurt pas als u verstuurt.');
    const fields = new Map(pageFields(page));
    expect(fields.get('regularRealised')).toBe('360');
    expect(fields.get('asylumLocations[0][name]')).toBe('Voormalig kantoor Hanzelaan');
    expect(fields.get('asylumLocations[0][availableFrom]')).toBe('1-7-2025');
    expect(fields.get('housing[0][task]')).toBe('96');
    expect(fields.get('housing[0][period]')).toBe('');
    expect(fields.get('contactName')).toBe('');
    expect(fields.get('_baseVersion')).toBe('0');
    expect(await pipeline.items(next.id, 'VERSION#')).toEqual([]);
    expect(await pipeline.items(next.id, 'DRAFT#')).toEqual([]);
  });

  it('opens empty for a municipality that skipped the previous round, and when the round does not prefill', async () => {
    const skipped = await (await get(url(next, 'GM0150'))).text();
    expect(skipped).not.toContain('Overgenomen uit');
    expect(new Map(pageFields(skipped)).get('regularRealised')).toBe('');
    const off = await (await get(url(withoutPrefill, 'GM0193'))).text();
    expect(off).not.toContain('Overgenomen uit');
    expect(new Map(pageFields(off)).get('regularRealised')).toBe('');
  });

  it('names what changed since the previous round on the check page, the confirmation and in the email', async () => {
    await pipeline.clearMailbox();
    const fields = pageFields(await (await get(url(next, 'GM0193'))).text()).map(
      ([name, value]): [string, string] => {
        if (name === 'regularCommitted') return [name, '650'];
        if (name === 'housing[0][period]') return [name, '2027-H1'];
        if (name === 'contactName') return [name, 'Sanne Visser'];
        if (name === 'contactEmail') return [name, 's.visser@zwolle.example'];
        return [name, value];
      },
    );
    const check = await postFormAndFollow(url(next, 'GM0193'), [...fields, ['_action', 'review']]);
    expect(check.status, check.text.slice(0, 3000)).toBe(200);
    expect(check.text).toContain('Wat is er veranderd sinds de vorige ronde');
    expect(check.text).toContain('Vergeleken met uw antwoorden in de ronde ‘Demo-ronde voortgang opgaven’.');
    const since = check.text.slice(check.text.indexOf('id="sinds-vorige-ronde"'));
    const listed = [...since.slice(0, since.indexOf('</section>')).matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map(
      (match) => match[1],
    );
    // Who fills it in and the half year belong to the round: not named as changes.
    expect(listed).toEqual(['Toegezegde reguliere plaatsen: 600 plaatsen → 650 plaatsen']);

    const submitted = await postForm(url(next, 'GM0193'), [...fields, ['_action', 'submit']]);
    expect(submitted.status).toBe(303);
    const [version] = await pipeline.items(next.id, 'VERSION#voortgang-opgaven#GM0193#');
    expect(version).toMatchObject({ version: 1, previousRound: { roundId: first.id, version: 2 } });
    const confirmation = await (await get(`${url(next, 'GM0193')}/bevestiging`)).text();
    expect(confirmation).toContain('Wat is er veranderd sinds de vorige ronde');
    expect(confirmation).toContain('Toegezegde reguliere plaatsen: 600 plaatsen → 650 plaatsen');
    const mails = await pipeline.mailbox();
    const mail = mails.find((candidate) => candidate.destination.to.includes('s.visser@zwolle.example'))!;
    expect(mail.body.text).toContain(
      'WAT IS ER VERANDERD SINDS DE VORIGE RONDE (DEMO-RONDE VOORTGANG OPGAVEN)\n- Toegezegde reguliere plaatsen: 600 plaatsen → 650 plaatsen',
    );
  });

  it('says in the summary, per municipality, what changed since the previous round', async () => {
    // Deventer answers the next round without having answered the first.
    expect((await postJson(url(next, 'GM0150'), { answers: validVoortgangOpgaven() })).status).toBe(201);
    const preview = async (scope: string) => {
      const response = await get(`${pipeline.baseUrl}/staf/rondes/${next.id}/overzicht?scope=${scope}`, {
        authorization: `Bearer ${provinceToken}`,
        accept: 'text/html',
      });
      expect(response.status).toBe(200);
      return (await response.text()).replace(/&nbsp;/g, ' ');
    };
    const region = await preview('region:ijsselland');
    expect(region).toContain('Wat is er veranderd sinds de vorige ronde (Demo-ronde voortgang opgaven)');
    expect(region).toContain(
      'Zwolle: 1 antwoord gewijzigd — Toegezegde reguliere plaatsen: 600 plaatsen → 650 plaatsen',
    );
    expect(region).toContain('Niet ingezonden in de vorige ronde: Deventer');
    const province = await preview('province:overijssel');
    expect(province).toContain(
      'IJsselland: 1 gewijzigd, 0 ongewijzigd (in beide rondes ingezonden: 1 gemeente)',
    );
    expect(province).not.toContain('Zwolle: 1 antwoord gewijzigd');
  });

  it('is prefilled unless staff choose otherwise when they open it', async () => {
    const staff = await staffBrowser(pipeline, 'regietafel:ijsselland');
    const open = async (prefill: string, referenceDate: string) => {
      const fields = newRoundFields({ formId: 'voortgang-opgaven', referenceDate, prefill });
      const check = await staff.post('/staf/nieuwe-ronde', { _action: 'controleren', ...fields });
      expect(check.status).toBe(200);
      expect(check.text).toContain(
        prefill === 'nee' ? 'Nee, een leeg formulier' : 'Ja, met de antwoorden van de vorige ronde',
      );
      const opened = await staff.post('/staf/nieuwe-ronde', formFields(check.text, 'openen'));
      expect(opened.status).toBe(303);
      return pipeline.store.getRound(
        `voortgang-opgaven-${referenceDate
          .split('-')
          .reverse()
          .map((part) => part.padStart(2, '0'))
          .join('-')}`,
      );
    };
    expect((await open('ja', '1-3-2099'))?.prefill).toBeUndefined();
    expect((await open('nee', '1-6-2099'))?.prefill).toBe(false);
  });
});
