/**
 * Orders without ICU's collator, whose first use costs a cold start 6–9 ms (issue 14).
 *
 * Code-point order: for ISO dates and times (`2026-12-03T08:00:00.000Z`) and identifiers the same order
 * as `localeCompare`.
 */
export function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/*
 * Dutch alphabetical order, exactly as `a.localeCompare(b, 'nl')` (ICU's root collation: Dutch has no
 * tailoring) for text of printable ASCII and the Latin letters with the accents below (é, ë, ï, â, ú, ç, …):
 * municipality, region and person names. Three levels, as ICU compares them: first the letters, digits,
 * spaces and punctuation (case and accents aside, in the order below), then the accents, then the case
 * (lower before upper). Any other character (ø, ß, ĳ, a curly apostrophe) leaves the comparison to ICU.
 * test/unit/dutch-order.test.ts holds this against Intl.Collator('nl'), over real names and random text.
 */
const primaryOrder = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz`;
/** Acute, grave, breve, circumflex, caron, ring, diaeresis, double acute, tilde, dot, cedilla, ogonek, macron. */
const accentOrder = '\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0327\u0328\u0304';

interface SortKey {
  readonly letters: string;
  readonly accents: string;
  readonly cases: string;
}

/** The three levels as strings that compare in code-point order; undefined outside the repertoire. */
function sortKey(text: string): SortKey | undefined {
  let letters = '';
  let accents = '';
  let cases = '';
  for (const character of text.normalize('NFD')) {
    const accent = accentOrder.indexOf(character);
    if (accent >= 0) {
      if (letters === '') return undefined;
      accents += String.fromCharCode(0x42 + accent);
      cases += 'a';
      continue;
    }
    const lower = character.toLowerCase();
    const rank = character <= '~' ? primaryOrder.indexOf(lower) : -1;
    if (rank < 0) return undefined;
    letters += String.fromCharCode(0x41 + rank);
    accents += 'A';
    cases += lower === character ? 'a' : 'b';
  }
  return { letters, accents, cases };
}

/** Names come back (a page sorts the same few hundred many times): their keys are kept, up to a bound. */
const keys = new Map<string, SortKey | null>();

function keyOf(text: string): SortKey | null {
  let key = keys.get(text);
  if (key === undefined) {
    key = sortKey(text) ?? null;
    if (keys.size >= 10_000) keys.clear();
    keys.set(text, key);
  }
  return key;
}

/** `a.localeCompare(b, 'nl')`, without the collator for the text people type in names. */
export function dutchOrder(a: string, b: string): number {
  if (a === b) return 0;
  const x = keyOf(a);
  const y = keyOf(b);
  if (!x || !y) return a.localeCompare(b, 'nl');
  return (
    codePointOrder(x.letters, y.letters) ||
    codePointOrder(x.accents, y.accents) ||
    codePointOrder(x.cases, y.cases)
  );
}

/** `a.localeCompare(b, 'nl', { sensitivity: 'base' }) === 0`: the same letters, whatever case and accents. */
export function sameLetters(a: string, b: string): boolean {
  const x = keyOf(a);
  const y = keyOf(b);
  if (!x || !y) return a.localeCompare(b, 'nl', { sensitivity: 'base' }) === 0;
  return x.letters === y.letters;
}
