import { describe, expect, it } from 'vitest';
import { contributionSchedule, rateOn } from '../../forms/data/contribution-schedule.js';
import {
  answersToRaw,
  csvColumns,
  decodeFormPost,
  describeAnswers,
  rawToCandidate,
} from '../../forms/definition.js';
import { eigenBijdrage } from '../../forms/eigen-bijdrage.js';
import { validateAnswers } from '../../forms/validate.js';
import { validEigenBijdrage } from '../support/pipeline.js';

describe('the eigen-bijdrage definition', () => {
  it('accepts a complete set of answers and rejects unknown fields', () => {
    expect(validateAnswers(eigenBijdrage, validEigenBijdrage()).success).toBe(true);
    expect(validateAnswers(eigenBijdrage, validEigenBijdrage({ extra: 1 })).errors).toEqual([
      { path: 'extra', message: 'Onbekend veld ‘extra’: dit formulier kent dit veld niet.' },
    ]);
  });

  it('asks for the start date, amount, verification and executor when the municipality collects', () => {
    const outcome = validateAnswers(
      eigenBijdrage,
      validEigenBijdrage({
        collectingSince: undefined,
        amountOperatingCosts: undefined,
        incomeVerification: undefined,
        executedBy: undefined,
      }),
    );
    expect(outcome.errors.map((error) => error.path)).toEqual([
      'collectingSince',
      'amountOperatingCosts',
      'incomeVerification',
      'executedBy',
    ]);
  });

  it('needs no figures from a municipality that does not collect, and drops those it filled in anyway', () => {
    const notCollecting = {
      collects: false,
      locations: [],
      contactName: 'Els',
      contactEmail: 'els@ommen.example',
    };
    expect(validateAnswers(eigenBijdrage, notCollecting)).toEqual({
      success: true,
      answers: notCollecting,
      errors: [],
    });
    // Filled in before choosing "nee" (or sent by a client): ignored, even when not valid, and not stored.
    const outcome = validateAnswers(eigenBijdrage, {
      ...notCollecting,
      collectingSince: '2024-02-31',
      scheduleApplied: '2024-07-01',
      amountOperatingCosts: 105,
      executedBy: 'extern',
      executorName: 'Regio',
      monthlyRevenue: 100,
    });
    expect(outcome).toEqual({ success: true, answers: notCollecting, errors: [] });
  });

  it('asks for the executor’s name, in the words of its label, when someone else executes it', () => {
    expect(validateAnswers(eigenBijdrage, validEigenBijdrage({ executedBy: 'extern' })).errors).toEqual([
      { path: 'executorName', message: 'Vul ‘Naam van de uitvoerende organisatie’ in.' },
    ]);
    expect(
      validateAnswers(eigenBijdrage, validEigenBijdrage({ executedBy: 'gemeente', executorName: 'Regio' }))
        .answers,
    ).not.toHaveProperty('executorName');
  });

  it('limits the number of locations', () => {
    const locations = Array.from({ length: 51 }, (_, index) => ({
      name: `L${index}`,
      capacity: 1,
      catering: false,
      residents: 1,
    }));
    expect(validateAnswers(eigenBijdrage, validEigenBijdrage({ locations })).errors).toEqual([
      { path: 'locations', message: 'U kunt hoogstens 50 regels invullen bij ‘Opvanglocaties’.' },
    ]);
  });

  it('lists errors in the order the fields appear on the page', () => {
    const outcome = validateAnswers(eigenBijdrage, { contactEmail: 'x', locations: [{}], collects: 'x' });
    expect(outcome.errors.map((error) => error.path)).toEqual([
      'collects',
      'locations.0.name',
      'locations.0.capacity',
      'locations.0.catering',
      'locations.0.residents',
      'contactName',
      'contactEmail',
    ]);
  });

  it('round-trips stored answers through the page state (prefill for an amendment)', () => {
    const answers = validateAnswers(eigenBijdrage, validEigenBijdrage()).answers!;
    const raw = answersToRaw(eigenBijdrage, answers);
    expect(raw.amountOperatingCosts).toBe('244,22');
    expect(raw.collects).toBe('ja');
    expect(validateAnswers(eigenBijdrage, rawToCandidate(eigenBijdrage, raw)).answers).toEqual(answers);
  });

  it('decodes a browser post, drops blank location rows and reports unknown names', () => {
    const decoded = decodeFormPost(
      eigenBijdrage,
      new URLSearchParams([
        ['_action', 'submit'],
        ['locations[1][name]', 'Tweede'],
        ['locations[0][name]', 'Eerste'],
        ['locations[2][name]', ''],
        ['locations[2][capacity]', ' '],
        ['locations[0][colour]', 'rood'],
        ['nonsense', 'x'],
      ]),
    );
    expect(decoded.control).toEqual({ _action: 'submit' });
    expect(decoded.unknownNames).toEqual(['locations[0][colour]', 'nonsense']);
    expect(rawToCandidate(eigenBijdrage, decoded.raw).locations).toEqual([
      { name: 'Eerste' },
      { name: 'Tweede' },
    ]);
  });

  it('derives CSV columns with stable keys and Dutch headers, and readable answers', () => {
    const columns = csvColumns(eigenBijdrage);
    expect(columns.map((column) => column.key)).toContain('amountOperatingCosts');
    expect(columns.find((column) => column.key === 'collects')?.header).toBe('Vraagt eigen bijdrage');
    expect(columns.some((column) => column.key === 'locations')).toBe(false);
    const sections = describeAnswers(eigenBijdrage, validEigenBijdrage());
    expect(sections.map((section) => section.title)).toEqual([
      'Invoering van de eigen bijdrage',
      'Opvanglocaties',
      'Volwassenen en opbrengst',
      'Toelichting',
      'Uw gegevens',
    ]);
    expect(sections[1]?.groups.map((group) => group.title)).toEqual(['Opvanglocatie 1', 'Opvanglocatie 2']);
  });
});

describe('the national own-contribution schedule (data)', () => {
  it('gives the schedule in force on a reference date', () => {
    expect(rateOn('2024-06-30')).toBeUndefined();
    expect(rateOn('2024-07-01')).toMatchObject({ operatingCosts: 105, catering: 242.48 });
    expect(rateOn('2025-09-30')).toMatchObject({ operatingCosts: 105, catering: 252.18 });
    expect(rateOn('2026-11-01')).toMatchObject({
      operatingCosts: 244.22,
      catering: 252.18,
      householdMaximum: 992.8,
    });
    expect(contributionSchedule).toHaveLength(3);
  });

  it('is shown at the top of the form for the round’s reference date', () => {
    expect(eigenBijdrage.roundNotice?.({ referenceDate: '2026-11-01' })).toBe(
      'Landelijke bedragen op de peildatum (1 november 2026): € 244,22 voor exploitatie en nutsvoorzieningen en € 252,18 voor catering, per volwassene per maand (geldig vanaf 1 oktober 2025).',
    );
  });
});
