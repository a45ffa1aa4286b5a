import * as z from 'zod/mini';
import { lazySchema } from '../lazy-schema.js';

/**
 * Email addresses as staff type them: one or more per field, separated by new lines, commas, semicolons
 * or spaces. Each is checked on its own, so an error can name the address that is wrong. Addresses copied
 * from a mail program come with their names (`Anna de Vries <anna@zwolle.nl>; "Vries, Piet de"
 * <piet@zwolle.nl>`): then the address between the angle brackets counts, and the name is left out.
 */

const address = lazySchema(() => z.email());

/** A comma outside double quotes (a quoted name may hold one: `"Vries, Anna de" <anna@zwolle.nl>`). */
const unquotedComma = /,(?=(?:[^"]*"[^"]*")*[^"]*$)/;

export function splitAddresses(text: string): string[] {
  return text
    .split(/[\r\n;]+/)
    .flatMap((line) => line.split(unquotedComma))
    .flatMap((part) => {
      // `Anna <anna@zwolle.nl>`; also `Anna <anna@` (cut off while copying), so the error names `anna@`.
      const named = /<([^<>]*)>?/.exec(part);
      return named ? [named[1]!] : part.split(/\s+/);
    })
    .map((part) => part.trim().replace(/^mailto:/i, ''))
    .filter((part) => part.length > 0);
}

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && address().safeParse(value).success;
}

/** The addresses of a field, and the parts that are not an address (for the error message). */
export function parseAddresses(text: string): { addresses: string[]; invalid: string[] } {
  const parts = splitAddresses(text);
  const unique = [...new Set(parts.map((part) => part.toLowerCase()))];
  return {
    addresses: unique.filter(isEmailAddress),
    invalid: unique.filter((part) => !isEmailAddress(part)),
  };
}

/** `‘a@’ en ‘b’` — how a Dutch error names the wrong parts. */
export function quoteList(values: readonly string[]): string {
  const quoted = values.map((value) => `‘${value.length > 60 ? `${value.slice(0, 57)}…` : value}’`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} en ${quoted.at(-1)}`;
}
