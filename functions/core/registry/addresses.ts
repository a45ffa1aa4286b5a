import * as z from 'zod';

/**
 * Email addresses as staff type them: one or more per field, separated by new lines, commas, semicolons
 * or spaces. Each is checked on its own, so an error can name the address that is wrong.
 */

const address = z.email();

export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && address.safeParse(value).success;
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
