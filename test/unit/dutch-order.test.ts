import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dutchOrder, sameLetters } from '../../forms/order.js';
import { repoRoot } from '../../infra/route-function.js';

/**
 * forms/order.ts orders names as `localeCompare(…, 'nl')` does without ICU's collator (6–9 ms at a cold
 * start, issue 14). Held against Intl.Collator('nl') itself: real municipality names, and random text
 * made of what people type in names.
 */
const collator = new Intl.Collator('nl');
const base = new Intl.Collator('nl', { sensitivity: 'base' });

const municipalities = [
  "'s-Gravenhage",
  "'s-Hertogenbosch",
  'Aa en Hunze',
  'Aalsmeer',
  'Alphen aan den Rijn',
  'Ameland',
  'Bergen (L.)',
  'Bergen (NH.)',
  'Bergen op Zoom',
  'Borne',
  'Capelle aan den IJssel',
  'Dalfsen',
  'Dantumadiel',
  'De Bilt',
  'De Fryske Marren',
  'De Ronde Venen',
  'De Wolden',
  'Den Helder',
  'Deventer',
  'Dinkelland',
  'Eijsden-Margraten',
  'Enschede',
  'Gemert-Bakel',
  'Goeree-Overflakkee',
  'Haaksbergen',
  'Hardenberg',
  'Hellendoorn',
  'Hendrik-Ido-Ambacht',
  'Hengelo',
  'Hof van Twente',
  'IJsselstein',
  'Kaag en Braassem',
  'Kampen',
  'Krimpen aan den IJssel',
  'Losser',
  'Noardeast-Fryslân',
  'Nuenen, Gerwen en Nederwetten',
  'Olst-Wijhe',
  'Oldebroek',
  'Oldenzaal',
  'Ommen',
  'Raalte',
  'Rijssen-Holten',
  'Schiermonnikoog',
  'Sittard-Geleen',
  'Staphorst',
  'Steenwijkerland',
  'Súdwest-Fryslân',
  'Tubbergen',
  'Twenterand',
  'Tytsjerksteradiel',
  'Utrechtse Heuvelrug',
  'Waadhoeke',
  'Wierden',
  'Zwolle',
  'Zwartewaterland',
  'de Bilt',
  'Eemsdelta',
  'Zeeuws-Vlaanderen',
  'Ede',
  'Édé',
  'Eede',
  'Noord-Brabant',
];

/** Deterministic, so a failure names the same text every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const alphabet = [...'aAbBeEiIjJoOuUyYzZ0159 -.\'(),&/_"', ...'éÉèëËïÏöÖüÜâÂúÚçÇôñãåÅčŠžśęāž'];

/** Letters that differ only in accent or case: swapping one for another leaves the first level equal. */
const variants = [
  'aáàâäåAÁÀÂÄÅ',
  'eéèêëēęEÉÈÊËĒ',
  'iíìîïIÍÏ',
  'oóòôöõOÓÔÖ',
  'uúùûüUÚÜ',
  'cçčCÇČ',
  'nñNÑ',
  'sšśSŠ',
  'zžZŽ',
  'yýÿYÝ',
];

/** The same text with one letter swapped for another of its variants. */
function variantOf(value: string, next: () => number): string {
  const characters = [...value];
  const at = Math.floor(next() * characters.length);
  const group = variants.find((candidate) => candidate.includes(characters[at]!));
  if (!group) return `${value}${variants[0]![Math.floor(next() * 12)]}`;
  characters[at] = [...group][Math.floor(next() * [...group].length)]!;
  return characters.join('');
}

function text(next: () => number): string {
  const length = 1 + Math.floor(next() * 6);
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

describe('Dutch alphabetical order without ICU (issue 14)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sorts municipality names as Intl.Collator("nl") does', () => {
    const shuffled = [...municipalities].reverse();
    expect([...shuffled].sort(dutchOrder)).toEqual([...shuffled].sort(collator.compare));
  });

  it('agrees with Intl.Collator("nl") on 12,000 pairs of random names: letters, accents, case, digits, punctuation, and names that differ only in an accent or a capital', () => {
    const next = random(20261203);
    const texts = Array.from({ length: 3000 }, () => text(next));
    // Near neighbours too: the same letters with one accent or one capital changed.
    for (const [a, b] of [
      ['Ede', 'Édé'],
      ['ea', 'éa'],
      ['éa', 'eá'],
      ['Éa', 'éA'],
      ['a-b', 'a b'],
      ['', 'a'],
    ])
      texts.push(a!, b!);
    const disagreements: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i]!;
      const b = texts[(i * 7 + 1) % texts.length]!;
      const c = texts[(i + 1) % texts.length]!;
      for (const other of [b, c, variantOf(a, next), variantOf(variantOf(a, next), next)]) {
        if (Math.sign(dutchOrder(a, other)) !== Math.sign(collator.compare(a, other)))
          disagreements.push(`${JSON.stringify(a)} ~ ${JSON.stringify(other)}`);
        if (sameLetters(a, other) !== (base.compare(a, other) === 0))
          disagreements.push(`same letters? ${JSON.stringify(a)} ~ ${JSON.stringify(other)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('asks ICU only for characters outside its repertoire, and then agrees with it', () => {
    const localeCompare = vi.spyOn(String.prototype, 'localeCompare');
    expect([...municipalities].sort(dutchOrder)).toHaveLength(municipalities.length);
    expect(sameLetters('Súdwest-Fryslân', 'sudwest-fryslan')).toBe(true);
    expect(localeCompare).not.toHaveBeenCalled();
    for (const [a, b] of [
      ['Ørsted', 'Oosterhout'],
      ['Straße', 'Strasse'],
      ['ĳsselstein', 'IJsselstein'],
      ['’s-Gravenhage', "'s-Gravenhage"],
    ]) {
      expect(Math.sign(dutchOrder(a!, b!))).toBe(Math.sign(collator.compare(a!, b!)));
      expect(sameLetters(a!, b!)).toBe(base.compare(a!, b!) === 0);
    }
    expect(localeCompare).toHaveBeenCalled();
  });

  it('is what the code sorts names with: no localeCompare outside forms/order.ts', () => {
    const callers = ['functions', 'forms'].flatMap((folder) =>
      (fs.readdirSync(path.join(repoRoot, folder), { recursive: true }) as string[])
        .filter((file) => file.endsWith('.ts'))
        .map((file) => path.join(folder, file))
        .filter((file) => file !== path.join('forms', 'order.ts'))
        .filter((file) => fs.readFileSync(path.join(repoRoot, file), 'utf8').includes('.localeCompare(')),
    );
    expect(callers).toEqual([]);
  });
});
