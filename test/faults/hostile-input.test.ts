import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../forms/catalogue.js';
import { allItems, type FormDefinition } from '../../forms/definition.js';
import { type Field, isInput, type RepeatGroup } from '../../forms/field-types.js';
import type { Round } from '../../functions/core/model.js';
import { type Item, scanTable } from '../support/faults.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
  validSociaalDomein,
  validVoortgangOpgaven,
} from '../support/pipeline.js';

/**
 * A generated hostile-input corpus over the three forms, derived from their definitions: every input field
 * and every field of a repeated group's row with values of the wrong kind, values the store cannot hold,
 * text that reads differently from what was meant; every group with rows it cannot have; the JSON envelope
 * and the browser post's hidden fields and names. Each case must be refused (4xx, a field error naming the
 * field where one is meant), leave the table exactly as it was (a full scan compared item by item) and
 * leave the server answering. A new field in a definition adds its cases by itself.
 */

type Answers = Record<string, unknown>;
type Case = {
  readonly name: string;
  readonly formId: string;
  /** A JSON body (object or raw text) or the fields of a browser post. */
  readonly request:
    | { readonly kind: 'json'; readonly body: unknown; readonly contentType?: string }
    | { readonly kind: 'form'; readonly fields: [string, string][] };
  /** The field error's path a JSON 422 must name (undefined: any 4xx with a Dutch message). */
  readonly path?: string;
};

const valid: Record<string, () => Answers> = {
  'eigen-bijdrage': validEigenBijdrage,
  'sociaal-domein': validSociaalDomein,
  'voortgang-opgaven': validVoortgangOpgaven,
};
/** Municipalities of the demo rounds (each form's own, so no case's link is minted during the checks). */
const municipality = 'GM0193';

const invisible = '\u200B\u2060\u200B';

/** JSON values no field of this kind may take (each would be stored wrongly, or not at all). */
function hostileJsonValues(field: Field): [string, unknown][] {
  const common: [string, unknown][] = [
    ['an object', { value: 1 }],
    ['a list', [1]],
    ['null', null],
  ];
  switch (field.widget) {
    case 'text':
    case 'textarea':
    case 'email': {
      const max = field.maxLength ?? 254;
      const values: [string, unknown][] = [
        ...common,
        ['a number', 42],
        ['NUL', 'a\u0000b@example.nl'],
        ['a lone surrogate', 'a\uD800b@example.nl'],
        ['a bidi override', 'a\u202Eb@example.nl'],
        ['only invisible characters', invisible],
        ['one character too long', 'x'.repeat(max + 1)],
      ];
      if (field.widget !== 'textarea') values.push(['a line break', 'a\r\nBcc: x@evil.example']);
      if (field.widget === 'email')
        values.push(['no address', 'geen adres'], ['two addresses', 'a@b.nl,c@d.nl']);
      return values;
    }
    case 'integer':
      return [
        ...common,
        ['negative', -1],
        ['a fraction', 1.5],
        ['past DynamoDB', 1e300],
        ['past a safe integer', 2 ** 53 + 2],
        ['a numeric string', '12'],
        ['a boolean', true],
      ];
    case 'money':
      return [
        ...common,
        ['below DynamoDB’s smallest number', 1e-320],
        ['not in cents', 0.30000000000000004],
        ['a tenth of a cent', 0.001],
        ['negative', -0.01],
        ['past DynamoDB', 1e300],
        ['a Dutch amount as a string', '12,50'],
      ];
    case 'date':
      return [
        ...common,
        ['a day that does not exist', '2024-02-30'],
        ['month 13', '2024-13-01'],
        ['a timestamp', '2024-07-01T00:00:00Z'],
        ['a number', 20240701],
        ['text', 'morgen'],
      ];
    case 'yes-no':
      return [...common, ['ja as a string', 'ja'], ['a number', 1], ['true as a string', 'true']];
    case 'radio':
    case 'select':
      return [
        ...common,
        ['an unknown option', 'bestaat-niet'],
        ['an option with a suffix', `${field.options![0]!.value}x`],
        ['an option with a space', ` ${field.options![0]!.value}`],
        ['a number', 0],
      ];
    default:
      return common;
  }
}

/** What a browser could post in a field of this kind that the form must refuse. */
function hostileFormValues(field: Field): [string, string][] {
  const max = field.maxLength ?? 254;
  switch (field.widget) {
    case 'text':
    case 'textarea':
    case 'email':
      return [
        ['NUL', 'a\u0000b@example.nl'],
        ['a bidi override', 'a\u202Eb@example.nl'],
        ['only invisible characters', invisible],
        ['one character too long', 'x'.repeat(max + 1)],
        ...(field.widget === 'textarea'
          ? []
          : ([['a line break', 'a@b.nl\r\nBcc: x@evil.example']] as const)),
      ] as [string, string][];
    case 'integer':
      return [
        ['letters after the digits', '12abc'],
        ['negative', '-5'],
        ['an exponent', '1e400'],
        ['twenty digits', '99999999999999999999'],
        ['a fraction', '1,5'],
      ];
    case 'money':
      return [
        ['below DynamoDB’s smallest number', '1e-320'],
        ['a tenth of a cent', '0,001'],
        ['words', 'twaalf euro'],
        ['negative', '-3'],
      ];
    case 'date':
      return [
        ['a day that does not exist', '30-02-2024'],
        ['an ISO day that does not exist', '2024-02-30'],
        ['a word', 'morgen'],
      ];
    case 'yes-no':
      return [
        ['neither ja nor nee', 'misschien'],
        ['a number', '1'],
      ];
    case 'radio':
    case 'select':
      return [
        ['an unknown option', 'bestaat-niet'],
        ['an option with an appended part', `${field.options![0]!.value};drop`],
      ];
    default:
      return [];
  }
}

/**
 * Per field a few values of its kind, chosen in turn (field n starts at value n), so the corpus covers
 * every value of every kind over the fields of that kind while the suite stays a few minutes long on CI.
 */
const jsonPerField = 4;
const formPerField = 2;
function pick<T>(values: readonly T[], start: number, count: number): T[] {
  if (values.length <= count) return [...values];
  return Array.from({ length: count }, (_, offset) => values[(start + offset) % values.length]!);
}

const inputs = (fields: readonly Field[]) => fields.filter(isInput);
const groupsOf = (definition: FormDefinition) =>
  allItems(definition).filter((item): item is RepeatGroup => item.type === 'repeat');
const fieldsOfForm = (definition: FormDefinition) =>
  inputs(allItems(definition).filter((item): item is Field => item.type === 'field'));

/**
 * The answers with `key` set to `value` (at the top, or in the first row of `group`), and the questions it
 * depends on answered so that it is asked: an answer to a question that is not asked is dropped, never
 * judged (forms/conditions.ts), so a hostile value there would prove nothing.
 */
function withField(
  answers: Answers,
  key: string,
  value: unknown,
  group?: string,
  fields: readonly Field[] = [],
): Answers {
  const scope: Answers = { ...(group ? (answers[group] as Answers[])[0] : answers) };
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (let when = byKey.get(key)?.shownWhen; when; when = byKey.get(when.field)?.shownWhen) {
    const question = byKey.get(when.field)!;
    if (!when.answers.includes(question.toForm(scope[when.field])))
      scope[when.field] = question.fromForm(when.answers[0]!);
  }
  scope[key] = value;
  if (!group) return scope;
  const rows = answers[group] as Answers[];
  return { ...answers, [group]: [scope, ...rows.slice(1)] };
}

/** The fields a browser posts for the valid answers (what our page would send), `_action=submit`. */
function browserPost(definition: FormDefinition, answers: Answers): [string, string][] {
  const fields: [string, string][] = [
    ['_action', 'submit'],
    ['_submissionId', `hostile-${definition.id}-0001`],
    ['_baseVersion', '0'],
  ];
  for (const item of allItems(definition)) {
    if (item.type === 'field') {
      if (isInput(item)) fields.push([item.key, item.toForm(answers[item.key])]);
      continue;
    }
    for (const [index, row] of ((answers[item.key] as Answers[]) ?? []).entries()) {
      for (const field of inputs(item.fields))
        fields.push([`${item.key}[${index}][${field.key}]`, field.toForm(row[field.key])]);
    }
  }
  return fields;
}

function replaced(fields: [string, string][], name: string, value: string): [string, string][] {
  expect(
    fields.some(([candidate]) => candidate === name),
    name,
  ).toBe(true);
  return fields.map(([candidate, old]) => [candidate, candidate === name ? value : old]);
}

function corpus(): Case[] {
  const cases: Case[] = [];
  for (const definition of catalogue.values()) {
    const formId = definition.id;
    const answers = valid[formId]!();
    const json = (name: string, body: unknown, path?: string, contentType?: string) =>
      cases.push({ name: `${formId}: ${name}`, formId, request: { kind: 'json', body, contentType }, path });
    const form = (name: string, fields: [string, string][]) =>
      cases.push({ name: `${formId}: browser: ${name}`, formId, request: { kind: 'form', fields } });

    // Every field, at the top and in the first row of every group.
    const targets: { field: Field; group?: RepeatGroup }[] = [
      ...fieldsOfForm(definition).map((field) => ({ field })),
      ...groupsOf(definition).flatMap((group) => inputs(group.fields).map((field) => ({ field, group }))),
    ];
    for (const [index, { field, group }] of targets.entries()) {
      const path = group ? `${group.key}.0.${field.key}` : field.key;
      const scope = group ? inputs(group.fields) : fieldsOfForm(definition);
      const set = (value: unknown) => withField(answers, field.key, value, group?.key, scope);
      for (const [what, value] of pick(hostileJsonValues(field), index, jsonPerField))
        json(`${path} ${what}`, { answers: set(value) }, path);
      const name = group ? `${group.key}[0][${field.key}]` : field.key;
      for (const [what, value] of pick(hostileFormValues(field), index, formPerField))
        form(`${name} ${what}`, replaced(browserPost(definition, set(undefined)), name, value));
      // A required question asked only after an answer: after that answer, leaving it out is refused.
      if (field.shownWhen && field.required)
        json(`${path} asked but left out`, { answers: set(undefined) }, path);
    }

    // Every group: rows it cannot have.
    for (const group of groupsOf(definition)) {
      const rows = answers[group.key] as Answers[];
      const row = rows[0]!;
      const required = inputs(group.fields).find((field) => field.required)!;
      const { [required.key]: _dropped, ...incomplete } = row;
      json(`${group.key} as an object`, { answers: { ...answers, [group.key]: { 0: row } } }, group.key);
      json(`${group.key} as text`, { answers: { ...answers, [group.key]: 'geen' } }, group.key);
      json(`${group.key} missing`, { answers: { ...answers, [group.key]: undefined } }, group.key);
      json(
        `${group.key} one row too many`,
        { answers: { ...answers, [group.key]: Array.from({ length: group.max + 1 }, () => row) } },
        group.key,
      );
      json(`${group.key} a row as text`, { answers: { ...answers, [group.key]: ['rij'] } }, `${group.key}.0`);
      json(`${group.key} a null row`, { answers: { ...answers, [group.key]: [null] } }, `${group.key}.0`);
      json(
        `${group.key} a row with an unknown field`,
        { answers: { ...answers, [group.key]: [{ ...row, bsn: '123456789' }] } },
        `${group.key}.0.bsn`,
      );
      json(
        `${group.key} a row without ${required.key}`,
        { answers: { ...answers, [group.key]: [incomplete] } },
        `${group.key}.0.${required.key}`,
      );
      json(
        `${group.key} a row with __proto__`,
        `{"answers": ${JSON.stringify(answers).replace(`"${group.key}":[{`, `"${group.key}":[{"__proto__":{"x":1},`)}}`,
        `${group.key}.0.__proto__`,
      );
      const post = browserPost(definition, answers);
      form(`${group.key} a row past the maximum`, [
        ...post,
        ...Array.from({ length: group.max }, (_, index) =>
          inputs(group.fields).map(
            (field) =>
              [`${group.key}[${index + rows.length}][${field.key}]`, field.toForm(row[field.key])] as [
                string,
                string,
              ],
          ),
        ).flat(),
      ]);
      form(`${group.key} an unknown field in a row`, [...post, [`${group.key}[0][bsn]`, '123456789']]);
      form(`${group.key} a row index of letters`, [...post, [`${group.key}[x][${required.key}]`, '1']]);
      form(`${group.key} a row index past 1000`, [...post, [`${group.key}[1000][${required.key}]`, '1']]);
      form(`${group.key} a half-filled row`, [...post, [`${group.key}[7][${required.key}]`, 'x']]);
      form(
        `${group.key} remove a row that does not exist`,
        replaced(post, '_action', `remove:${group.key}:99`),
      );
      form(`${group.key} remove without an index`, replaced(post, '_action', `remove:${group.key}:`));
      form(`${group.key} remove with a leading zero`, replaced(post, '_action', `remove:${group.key}:00`));
    }

    // Unknown and required fields at the top.
    const contact = definition.contactEmailKey;
    const { [contact]: _email, ...withoutEmail } = answers;
    json('an unknown field', { answers: { ...answers, bsn: '123456789' } }, 'bsn');
    json('a field named constructor', { answers: { ...answers, constructor: 'x' } }, 'constructor');
    json(
      '__proto__ in the answers',
      `{"answers": ${JSON.stringify(answers).replace('{', '{"__proto__":{"contactName":"x"},')}}`,
      '__proto__',
    );
    json('without the contact email', { answers: withoutEmail }, contact);
    json('empty answers', { answers: {} });

    // The envelope.
    json('a body that is not JSON', '{"answers": {', undefined);
    json('a JSON list', [answers]);
    json('a JSON string', '"answers"');
    json('JSON null', 'null');
    json('no answers', { submissionId: 'hostile-none-0001' });
    json('answers as a list', { answers: [answers] });
    json('answers as text', { answers: 'alles' });
    json('answers null', { answers: null });
    json('an unknown envelope field', { answers, municipality: 'GM0148' }, 'municipality');
    json(
      '__proto__ in the envelope',
      `{"__proto__": {}, "answers": ${JSON.stringify(answers)}}`,
      '__proto__',
    );
    json('a submission id of 8 NULs', { answers, submissionId: '\u0000'.repeat(8) }, 'submissionId');
    json('a submission id of 8 spaces', { answers, submissionId: ' '.repeat(8) }, 'submissionId');
    json('a short submission id', { answers, submissionId: 'kort' }, 'submissionId');
    json('a submission id of 101 characters', { answers, submissionId: 'x'.repeat(101) }, 'submissionId');
    json('a submission id with a bidi override', { answers, submissionId: 'abcd\u202Eefgh' }, 'submissionId');
    json('a numeric submission id', { answers, submissionId: 12345678 }, 'submissionId');
    json('a negative base version', { answers, baseVersion: -1 }, 'baseVersion');
    json('a fractional base version', { answers, baseVersion: 0.5 }, 'baseVersion');
    json('a base version as text', { answers, baseVersion: '0' }, 'baseVersion');
    json('a base version that does not exist', { answers, baseVersion: 1 });
    json('a base version far past the latest', { answers, baseVersion: 2 ** 31 + 1 });
    json('a base version past a safe integer', { answers, baseVersion: 2 ** 53 + 2 });
    json('a body over the limit', { answers: { ...answers, remarks: 'x'.repeat(70 * 1024) } });
    json('JSON sent as text/plain', JSON.stringify({ answers }), undefined, 'text/plain');
    json('JSON sent as XML', JSON.stringify({ answers }), undefined, 'application/xml');
    json('deeply nested answers', `{"answers": ${'['.repeat(5000)}${']'.repeat(5000)}}`);

    // The browser post: only our buttons and hidden fields do anything.
    const post = browserPost(definition, answers);
    for (const action of ['delete', 'SUBMIT', 'submit ', '', 'submit\u0000', 'add:bestaat-niet', 'opslaan'])
      form(`_action ${JSON.stringify(action)}`, replaced(post, '_action', action));
    form('_action twice', [...post, ['_action', 'save-draft']]);
    form(
      'without _action',
      post.filter(([name]) => name !== '_action'),
    );
    form('_submissionId of 8 NULs', replaced(post, '_submissionId', '\u0000'.repeat(8)));
    form('_submissionId of 8 spaces', replaced(post, '_submissionId', ' '.repeat(8)));
    form('_submissionId twice', [...post, ['_submissionId', `hostile-${formId}-0002`]]);
    form('_baseVersion as a word', replaced(post, '_baseVersion', 'nul'));
    form('_baseVersion negative', replaced(post, '_baseVersion', '-1'));
    form('_baseVersion of seven digits', replaced(post, '_baseVersion', '1000000'));
    form('_baseVersion that does not exist', replaced(post, '_baseVersion', '3'));
    form('_draftRevision as a word', [...post, ['_draftRevision', 'twee']]);
    form('an unknown hidden field', [...post, ['_gemeente', 'GM0148']]);
    form('an unknown field', [...post, ['bsn', '123456789']]);
    form('a field named __proto__', [...post, ['__proto__', 'x']]);
    form('a field named constructor', [...post, ['constructor', 'x']]);
    form('a field as a list', [...post, [`${contact}[]`, 'x@y.nl']]);
    form(`${contact} twice`, [...post, [contact, 'tweede@example.nl']]);
    form('without the contact email', replaced(post, contact, ''));
  }
  return cases;
}

const cases = corpus();

let pipeline: TestPipeline;
let before: Item[];
const rounds: Record<string, Round> = {};

beforeAll(async () => {
  pipeline = await startTestPipeline();
  for (const formId of catalogue.keys()) {
    rounds[formId] = pipeline.rounds[formId]!;
    // Minting the link records it: done before the table is read.
    await pipeline.tokenFor(municipality, rounds[formId]!.id);
  }
  before = await scanTable(pipeline);
});

afterAll(async () => {
  await pipeline?.stop();
});

async function send(hostile: Case) {
  const url = pipeline.formUrl(municipality, rounds[hostile.formId]);
  if (hostile.request.kind === 'form') return postForm(url, hostile.request.fields);
  const { body, contentType } = hostile.request;
  const response = await postJson(url, body, contentType ? { 'content-type': contentType } : {});
  return { status: response.status, headers: response.headers, text: response.text };
}

describe('hostile input is refused, stores nothing and leaves the server answering', () => {
  it('has at least 500 cases over the three forms', () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
    expect(new Set(cases.map((hostile) => hostile.formId))).toEqual(new Set(catalogue.keys()));
    expect(new Set(cases.map((hostile) => hostile.name)).size).toBe(cases.length);
  });

  it.each(cases.map((hostile) => [hostile.name, hostile] as const))('%s', async (_name, hostile) => {
    const answer = await send(hostile);
    expect(answer.status, answer.text.slice(0, 400)).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text.slice(0, 400)).toBeLessThan(500);
    if (answer.headers.get('content-type')?.includes('application/json')) {
      const body = JSON.parse(answer.text) as { message: string; fieldErrors?: { path: string }[] };
      expect(body.message).toMatch(/[a-z]{3}/);
      if (hostile.path) {
        expect(answer.status).toBe(422);
        expect(body.fieldErrors?.map((error) => error.path)).toContain(hostile.path);
      }
    } else {
      expect(answer.text).toContain('lang="nl"');
    }
    const previous = before;
    // A case that stored something fails alone: the next one compares with the table as it is now.
    before = await scanTable(pipeline);
    expect(before).toEqual(previous);
    expect((await get(`${pipeline.baseUrl}/toegankelijkheid`)).status).toBe(200);
  });

  it('still takes a valid submission of each form afterwards', async () => {
    for (const formId of catalogue.keys()) {
      const answer = await postJson(pipeline.formUrl(municipality, rounds[formId]), {
        answers: valid[formId]!(),
      });
      expect(answer.status, answer.text.slice(0, 400)).toBe(201);
    }
  });
});
