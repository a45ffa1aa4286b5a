/**
 * A tiny HTML template tag that escapes every interpolated value unless it is already `Html`.
 * Enough for server-rendered pages and emails without a template engine, and safe by default.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => entities[char]!);
}

type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new Html(out);
}

/** Marks trusted markup (never user input) as HTML. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * A long token (an email address, a file name) that may wrap after its `_`, `-`, `.` and `@`: `<wbr>` works
 * without a stylesheet, as the Gmail app shows mail from other accounts, where `word-break` is stripped.
 */
export function breakable(token: string): Html {
  return html`${token.split(/(?<=[_\-.@])/).map((piece, index) => (index === 0 ? piece : html`<wbr>${piece}`))}`;
}

/**
 * A heading's long Dutch compound that may break with a hyphen at its joint (`Ondersteunings-vragen`): a
 * soft hyphen after the linking `ings` of a word of 16 letters or more. Where the browser has no Dutch
 * hyphenation dictionary (Chromium on Linux), `hyphens: auto` does nothing and the word would break just
 * anywhere on a 320 px phone (`Ondersteuningsvrag` / `en`).
 */
export function compoundHeading(text: string): Html {
  return html`${text
    .split(/(\s+)/)
    .map((word) =>
      word.length >= 16
        ? html`${word.split(/(?<=\p{L}{4,}ings)(?=\p{L}{4,})/u).map((piece, index) => (index === 0 ? piece : html`&shy;${piece}`))}`
        : word,
    )}`;
}

/**
 * Text whose long words (more than 20 characters, such as an email address) may wrap as `breakable` lets
 * them; shorter words, and so every number, stay whole.
 */
export function breakableText(text: string): Html {
  return html`${text.split(/(\s+)/).map((word) => (word.length > 20 ? breakable(word) : word))}`;
}
