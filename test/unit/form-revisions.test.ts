import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../forms/catalogue.js';
import { allItems, defineForm } from '../../forms/definition.js';
import { diffStored } from '../../forms/diff.js';
import { choice, integer, repeat, section, text } from '../../forms/fields.js';
import { knownKeys, readStored, usableAnswers } from '../../forms/revisions.js';
import { answerColumns, groupRows, pathLabel, rowColumns } from '../../functions/core/export-columns.js';

/**
 * A form definition changes without losing data: stored answers are read with the current definition
 * (forms/revisions.ts), and every key a form ever had stays accounted for (forms/revisions.json).
 */

const phase = (formerOptions?: { value: string; label: string }[]) =>
  choice('phase', {
    label: 'Fase',
    widget: 'select',
    options: [
      { value: 'besluit', label: 'Besluit' },
      { value: 'operationeel', label: 'Operationeel' },
    ],
    formerOptions,
  });

const first = defineForm({
  id: 'proef',
  title: 'Proef',
  intro: '',
  contactEmailKey: 'email',
  contactNameKey: 'name',
  sections: [
    section('a', 'A', [
      integer('places', { label: 'Plaatsen', csvHeader: 'Plaatsen' }),
      integer('share', { label: 'Aandeel', csvHeader: 'Aandeel' }),
      repeat('sites', {
        label: 'Locaties',
        itemLabel: 'Locatie',
        max: 5,
        fields: [text('title', { label: 'Naam' }), text('operator', { label: 'Beheerder' }), phase()],
      }),
      repeat('notes', {
        label: 'Notities',
        itemLabel: 'Notitie',
        max: 5,
        fields: [text('note', { label: 'Notitie' })],
      }),
    ]),
  ],
});

const removedShare = allItems(first).find((item) => item.key === 'share')!;
const removedNotes = allItems(first).find((item) => item.key === 'notes')!;

/** Revision 2: places → capacity, share and the notes group gone, sites.title → sites.name, sites.operator gone, phase ‘voornemen’ gone. */
const second = defineForm({
  id: 'proef',
  title: 'Proef',
  intro: '',
  contactEmailKey: 'email',
  contactNameKey: 'name',
  revision: 2,
  changes: [
    {
      revision: 2,
      renamed: [
        { from: 'places', to: 'capacity' },
        { from: 'sites.title', to: 'sites.name' },
      ],
      removed: [removedShare, removedNotes],
      removedFromGroups: { sites: [text('operator', { label: 'Beheerder', csvHeader: 'Beheerder' })] },
    },
  ],
  sections: [
    section('a', 'A', [
      integer('capacity', { label: 'Capaciteit', csvHeader: 'Capaciteit', max: 500 }),
      repeat('sites', {
        label: 'Locaties',
        itemLabel: 'Locatie',
        max: 5,
        fields: [text('name', { label: 'Naam' }), phase([{ value: 'voornemen', label: 'Voornemen' }])],
      }),
    ]),
  ],
});

const stored = {
  places: 800,
  share: 717,
  sites: [
    { title: 'Hanzelaan', operator: 'COA', phase: 'voornemen' },
    { title: 'Assendorp', phase: 'operationeel' },
  ],
  notes: [{ note: 'eerste' }],
  mystery: 'x',
};

describe('reading answers stored under an earlier revision', () => {
  const reading = readStored(second, stored, 1);

  it('moves renamed answers to their new key, also inside a repeated group', () => {
    expect(reading.answers).toEqual({
      capacity: 800,
      sites: [
        { name: 'Hanzelaan', phase: 'voornemen' },
        { name: 'Assendorp', phase: 'operationeel' },
      ],
    });
  });

  it('keeps what left the form apart, read with its old definition (unknown keys by their raw key)', () => {
    expect(reading.retired.map(({ path, label, value }) => ({ path, label, value }))).toEqual([
      { path: 'sites.0.operator', label: 'Locatie 1 – Beheerder', value: 'COA' },
      { path: 'share', label: 'Aandeel', value: '717' },
      { path: 'notes', label: 'Notities', value: '1 notitie' },
      { path: 'mystery', label: 'mystery', value: 'x' },
    ]);
  });

  it('lists the answers today’s form would not accept, with the reason, and leaves them out of an amendment', () => {
    // 800 is above the new maximum of 500; ‘voornemen’ is no longer an option.
    expect(reading.invalid).toEqual([
      {
        path: 'capacity',
        label: 'Capaciteit',
        value: '800',
        reason: '‘Capaciteit’ mag niet groter zijn dan 500.',
      },
      {
        path: 'sites.0.phase',
        label: 'Locatie 1 – Fase',
        value: 'Voornemen',
        reason: '‘Voornemen’ is geen keuze meer bij ‘Fase’.',
      },
    ]);
    expect(usableAnswers(reading)).toEqual({
      sites: [{ name: 'Hanzelaan' }, { name: 'Assendorp', phase: 'operationeel' }],
    });
  });

  it('reads answers of the current revision as they are', () => {
    const now = { capacity: 40, sites: [{ name: 'X', phase: 'besluit' }] };
    expect(readStored(second, now, 2)).toEqual({ revision: 2, answers: now, retired: [], invalid: [] });
  });

  it('never overwrites with a rename: when the new key is there already, the old answer is kept apart', () => {
    const reading = readStored(second, { capacity: 3, places: 9 }, 1);
    expect(reading.answers).toEqual({ capacity: 3 });
    expect(reading.retired).toMatchObject([{ path: 'places', value: '9' }]);
  });
});

describe('what changed between versions of different revisions', () => {
  it('is not the rename, but the figures and what left the form', () => {
    const changes = diffStored(
      second,
      { answers: stored, definitionRevision: 1 },
      {
        answers: {
          capacity: 450,
          sites: [
            { name: 'Hanzelaan', phase: 'besluit' },
            { name: 'Assendorp', phase: 'operationeel' },
          ],
        },
        definitionRevision: 2,
      },
    );
    expect(changes).toEqual([
      { label: 'Capaciteit', before: '800', after: '450' },
      { label: 'Locatie 1 – Fase', before: 'Voornemen', after: 'Besluit' },
      { label: 'Locatie 1 – Beheerder (staat niet meer in het formulier)', before: 'COA', after: '—' },
      { label: 'Aandeel (staat niet meer in het formulier)', before: '717', after: '—' },
      { label: 'Notities (staat niet meer in het formulier)', before: '1 notitie', after: '—' },
      { label: 'mystery (staat niet meer in het formulier)', before: 'x', after: '—' },
    ]);
  });
});

describe('export columns of a changed form', () => {
  const reading = readStored(second, stored, 1);

  it('a column per current field, per removed field (vervallen) and one for undeclared data', () => {
    const columns = answerColumns(second);
    expect(columns.map(({ key, header, type }) => ({ key, header, type }))).toEqual([
      { key: 'capacity', header: 'Capaciteit', type: 'number' },
      { key: 'share', header: 'Aandeel (vervallen)', type: 'number' },
      { key: 'overig', header: 'Overige gegevens (niet in het formulier)', type: 'text' },
    ]);
    expect(columns.map((column) => column.cell(reading, 'code'))).toEqual([800, 717, 'mystery: x']);
  });

  it('group tables keep the fields that left the group, and choices export as codes or labels', () => {
    const group = allItems(second).find((item) => item.key === 'sites')!;
    if (group.type !== 'repeat') throw new Error('sites is a group');
    const columns = rowColumns(second, group);
    expect(columns.map((column) => column.header)).toEqual([
      'Naam',
      'Fase',
      'Beheerder (vervallen)',
      'Overige gegevens (niet in het formulier)',
    ]);
    const rows = groupRows(reading, group);
    expect(rows.map((row) => columns.map((column) => column.cell(row, 'code')))).toEqual([
      ['Hanzelaan', 'voornemen', 'COA', ''],
      ['Assendorp', 'operationeel', '', ''],
    ]);
    expect(rows.map((row) => columns[1]!.cell(row, 'label'))).toEqual(['Voornemen', 'Operationeel']);
    // The removed group still reads its rows.
    const notes = allItems(first).find((item) => item.key === 'notes')!;
    if (notes.type !== 'repeat') throw new Error('notes is a group');
    expect(groupRows(reading, notes, true).map((row) => row.answers)).toEqual([{ note: 'eerste' }]);
  });

  it('names a warning’s field by its label and row from 1', () => {
    expect(pathLabel(second, 'sites.1.phase')).toBe('Locatie 2 – Fase');
    expect(pathLabel(second, 'capacity')).toBe('Capaciteit');
    expect(pathLabel(second, 'gone.0.x')).toBe('gone.0.x');
  });
});

describe('a definition’s history', () => {
  it('refuses changes that do not fit its revision', () => {
    expect(() => defineForm({ ...second, revision: 1 })).toThrow(/revisie 2 past niet bij revisie 1/);
  });

  /**
   * forms/revisions.json records, per form and revision, the keys its fields had. A definition whose
   * fields change must get a new revision (and an entry there), and every key it ever had must still be a
   * current field, a renamed one or a removed one declared in `changes`: otherwise stored answers to it
   * would be hidden.
   */
  it('accounts for every key every form ever had (forms/revisions.json)', () => {
    const lock = JSON.parse(
      readFileSync(new URL('../../forms/revisions.json', import.meta.url), 'utf8'),
    ) as Record<string, { revision: number; keys: string[] }[]>;
    for (const [id, definition] of catalogue) {
      const history = lock[id];
      expect(history, `forms/revisions.json mist het formulier ${id}`).toBeDefined();
      const latest = history!.at(-1)!;
      const keys: string[] = [];
      for (const item of allItems(definition)) {
        keys.push(item.key);
        if (item.type === 'repeat') for (const field of item.fields) keys.push(`${item.key}.${field.key}`);
      }
      expect(
        latest.revision,
        `${id}: de velden zijn veranderd; verhoog de revisie en voeg haar toe aan forms/revisions.json`,
      ).toBe(definition.revision);
      expect(
        keys.sort(),
        `${id} revisie ${definition.revision}: velden anders dan in forms/revisions.json`,
      ).toEqual(latest.keys);
      const known = new Set(knownKeys(definition));
      for (const entry of history!) {
        for (const key of entry.keys) {
          expect(
            known.has(key),
            `${id}: ‘${key}’ (revisie ${entry.revision}) is weg zonder hernoeming of verwijdering in changes`,
          ).toBe(true);
        }
      }
    }
  });
});
