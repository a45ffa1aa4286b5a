import * as z from 'zod/mini';
import { dialectChoice } from '../../core/csv-format.js';
import { BadRequest } from '../../core/errors.js';
import { attachmentDisposition } from '../../core/export-delivery.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { placesCsv, placesFilename } from '../../core/places-csv.js';
import { placesRequest } from '../places-pages.js';
import type { HttpResponse } from '../responses.js';
import { staffPage } from '../staff-actions.js';

const query = lazySchema(() =>
  z.strictObject({
    van: z.optional(z.string()),
    tot: z.optional(z.string()),
    tabel: z._default(
      z.enum(['gebieden', 'locaties'], {
        error: 'tabel: kies gebieden (per gebied en gemeente) of locaties',
      }),
      'gebieden',
    ),
    dialect: z._default(z.enum(['excel-nl', 'rfc4180'], { error: `dialect: ${dialectChoice}` }), 'excel-nl'),
  }),
);

/**
 * GET /staf/rondes/{roundId}/plaatsen/export?van=…&tot=…&tabel=gebieden|locaties&dialect=excel-nl|rfc4180:
 * the figures of the places page as CSV (core/places-csv.ts). One row per municipality or location, so
 * always small enough to answer directly. Every download is in the audit trail.
 */
export const handler = staffPage(async (ctx): Promise<HttpResponse> => {
  const parsed = query().safeParse(ctx.event.queryStringParameters ?? {});
  if (!parsed.success) {
    throw new BadRequest(
      parsed.error.issues
        .map((issue) =>
          issue.code === 'unrecognized_keys'
            ? `Onbekende parameter: ${issue.keys.join(', ')}. Toegestaan: van, tot, tabel, dialect.`
            : issue.message,
        )
        .join(' '),
    );
  }
  const request = await placesRequest(ctx.deps, ctx.event, ctx.principal, ctx.registry);
  if (!request.report) {
    throw new BadRequest(
      request.errors.length > 0
        ? request.errors.map((error) => `${error.path}: ${error.message}`).join(' ')
        : 'Geef de periode op met van en tot, bijvoorbeeld van=1-7-2025&tot=1-2-2026.',
    );
  }
  const { places } = request.report;
  const { tabel, dialect } = parsed.data;
  const content = placesCsv(places, tabel, dialect);
  const filename = placesFilename(places, tabel, dialect);
  const now = ctx.deps.clock.now();
  await ctx.deps.store.audit({
    at: now.toISOString(),
    id: ctx.deps.ids.newId(),
    action: 'download',
    actor: ctx.actor,
    roundId: request.round.id,
    details: {
      kind: 'plaatsen',
      table: tabel,
      dialect,
      window: `${places.window.from}/${places.window.until}`,
      filename,
      bytes: Buffer.byteLength(content, 'utf8'),
    },
  });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentDisposition(filename),
      'cache-control': 'no-store',
    },
    body: Buffer.from(content, 'utf8').toString('base64'),
    isBase64Encoded: true,
  };
});
