import { describe, expect, it } from 'vitest';
import { setting } from '../../functions/config.js';
import { parseRetention } from '../../functions/core/retention.js';

/**
 * zod/mini loads no locale of its own (its messages would read 'Invalid input'): forms/zod-defaults.ts
 * registers the English messages classic zod registers. This file builds no classic zod schema, so each
 * message here is zod/mini's alone, and reads as it did with classic zod.
 */
describe('zod/mini’s messages without classic zod', () => {
  it('a setting names what is wrong in zod’s English', () => {
    expect(() => setting('EXPORT_LINK_SECRET', { EXPORT_LINK_SECRET: 'kort' })).toThrow(
      'Ongeldige configuratie:\nEXPORT_LINK_SECRET: Too small: expected string to have >=16 characters',
    );
    // A setting's own Dutch message stays its own.
    expect(() => setting('TABLE_NAME', {})).toThrow(
      'Ongeldige configuratie:\nTABLE_NAME: TABLE_NAME ontbreekt: de naam van de DynamoDB-tabel',
    );
  });

  it('a retention policy names the key and what is wrong with it', () => {
    expect(() => parseRetention('{"draftDays":-1,"dagen":2}')).toThrow(
      'RETENTION ongeldig: draftDays: Too small: expected number to be >=0; Unrecognized key: "dagen": Unrecognized key: "dagen"',
    );
  });
});
