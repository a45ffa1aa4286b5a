import { auditCsv, roundAuditTrail } from '../../core/audit-trail.js';
import type { CsvDialect } from '../../core/csv-format.js';
import { dialectChoice, slug } from '../../core/csv-format.js';
import { BadRequest } from '../../core/errors.js';
import { attachmentDisposition } from '../../core/export-delivery.js';
import { renderAuditTrail } from '../../pages/staff/audit-trail-page.js';
import { wantsPage } from '../request.js';
import { jsonResponse } from '../responses.js';
import { staffHtml, staffPage } from '../staff-actions.js';

const formats = new Set(['csv']);
const csvDialects = new Set<CsvDialect>(['excel-nl', 'rfc4180']);

/**
 * GET /staf/rondes/{roundId}/logboek (?gemeente=GM0193&actie=submission; &formaat=csv[&dialect=rfc4180]):
 * the round's audit trail in the person's scope — a page, a CSV download (itself a line in the trail),
 * or JSON for scripts.
 */
export const handler = staffPage(async (ctx) => {
  const query = ctx.fields;
  const choice = (name: string) => query.get(name) || undefined;
  const trail = await roundAuditTrail(ctx.deps, {
    principal: ctx.principal,
    roundId: ctx.event.pathParameters?.roundId ?? '',
    registry: ctx.registry,
    filter: { municipality: choice('gemeente'), action: choice('actie') },
  });
  const format = choice('formaat');
  if (format !== undefined && !formats.has(format))
    throw new BadRequest(`Formaat: ‘${format.slice(0, 20)}’ kan niet; gebruik formaat=csv.`);
  const dialect = (choice('dialect') ?? 'excel-nl') as CsvDialect;
  if (!csvDialects.has(dialect))
    throw new BadRequest(`Dialect: ‘${dialect.slice(0, 20)}’ kan niet; ${dialectChoice}.`);
  if (format === 'csv') {
    const filename = `logboek-${slug(trail.round.id)}${trail.filter.municipality ? `-${trail.filter.municipality}` : ''}.csv`;
    const body = Buffer.from(auditCsv(trail.lines, dialect), 'utf8');
    // Who downloaded whose trail is itself worth a line (as every export is).
    await ctx.deps.store.audit({
      at: ctx.deps.clock.now().toISOString(),
      id: ctx.deps.ids.newId(),
      action: 'download',
      actor: ctx.actor,
      roundId: trail.round.id,
      details: {
        table: 'logboek',
        filename,
        rows: trail.lines.length,
        ...(trail.filter.municipality ? { municipality: trail.filter.municipality } : {}),
        ...(trail.filter.action ? { action: trail.filter.action } : {}),
        dialect,
      },
    });
    return {
      statusCode: 200,
      headers: {
        'content-type': `text/csv; charset=utf-8${dialect === 'excel-nl' ? '; header=present' : ''}`,
        'content-disposition': attachmentDisposition(filename),
        'cache-control': 'no-store',
      },
      body: body.toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (!wantsPage(ctx.event)) return jsonResponse(200, trail);
  return staffHtml(200, renderAuditTrail({ staff: ctx.staff, trail }));
});
