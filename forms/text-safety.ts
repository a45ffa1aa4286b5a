/**
 * What a typed answer may not contain, whatever the field: characters that are invisible or that change
 * how the text around them reads. They arrive through copy and paste from other programs, or from a hostile
 * client; stored, they would show up in emails, on the dashboard and in spreadsheets as something other
 * than what the official saw. A field that holds only invisible characters holds nothing.
 */

/** C0 and C1 control characters; a tab is allowed, line breaks (LF, CR) only where the field has lines. */
function hasControlCharacter(value: string, multiLine: boolean): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 0x09 || (multiLine && (code === 0x0a || code === 0x0d))) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
/** Bidirectional embeddings, overrides and isolates: they make text read in another order than it is stored. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
/** A UTF-16 surrogate without its partner: not a character at all (it cannot be stored as UTF-8). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * The replacement character: what a decoder puts where the bytes were not UTF-8 (a latin-1 `é` posted by a
 * client that says another charset, or a `%E9` in a form post). What was typed is lost; stored, `Ren�`
 * would go into the confirmation and the exports as if it were the name.
 */
const replacementCharacter = /\uFFFD/;
/** Noncharacters, which Unicode reserves and no text uses. */
const nonCharacters = /[\uFDD0-\uFDEF\uFFFE\uFFFF]/;
/** What shows nothing: whitespace and the zero-width characters (allowed inside text, as in some names). */
const invisible = /[\s\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/** The Dutch problem with a text answer of the field called `name`, or undefined when it is fine. */
export function textProblem(value: string, name: string, multiLine: boolean): string | undefined {
  const field = `‘${name}’`;
  if (loneSurrogate.test(value) || nonCharacters.test(value) || replacementCharacter.test(value)) {
    return `${field} bevat een beschadigd teken. Typ de tekst opnieuw (niet plakken uit een ander programma).`;
  }
  if (bidiControls.test(value)) {
    return `${field} bevat een onzichtbaar teken dat de leesrichting omdraait. Typ de tekst opnieuw zonder dat teken.`;
  }
  if (!multiLine && /[\r\n]/.test(value)) return `${field} moet op één regel staan, zonder regeleinde.`;
  if (hasControlCharacter(value, multiLine)) {
    return `${field} bevat een onzichtbaar stuurteken (bijvoorbeeld uit een kopie uit een ander programma). Typ de tekst opnieuw.`;
  }
  if (value.replace(invisible, '') === '') {
    return `${field} bevat alleen onzichtbare tekens. Vul tekst in, of laat het veld leeg als dat mag.`;
  }
  return undefined;
}
