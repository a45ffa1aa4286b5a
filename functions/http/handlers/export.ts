import * as z from 'zod/mini';
import { setting } from '../../config.js';
import { dialectChoice } from '../../core/csv-format.js';
import { BadRequest } from '../../core/errors.js';
import { attachmentDisposition, defaultInlineBytes, deliverExport } from '../../core/export-delivery.js';
import { mainTable } from '../../core/export-tables.js';
import { csvExport, exportScope, tableOf } from '../../core/exports.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { xlsxExport } from '../../core/xlsx-export.js';
import { authenticateStaff } from '../authenticate.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import type { HttpResponse } from '../responses.js';

const query = lazySchema(() =>
  z.strictObject({
    ronde: z.optional(
      z
        .string({ error: 'ronde: geef een ronde-id' })
        .check(z.regex(/^[\w-]{1,100}$/, 'ronde: ongeldige ronde-id')),
    ),
    tabel: z._default(z.string().check(z.regex(/^[\w-]{1,60}$/, 'tabel: ongeldige tabelnaam')), mainTable),
    versies: z._default(z.enum(['huidige', 'alle'], { error: 'versies: kies huidige of alle' }), 'huidige'),
    dialect: z._default(z.enum(['excel-nl', 'rfc4180'], { error: `dialect: ${dialectChoice}` }), 'excel-nl'),
    formaat: z._default(z.enum(['csv', 'xlsx'], { error: 'formaat: kies csv of xlsx' }), 'csv'),
    kop: z._default(
      z.enum(['nl', 'sleutel'], {
        error: 'kop: kies nl (Nederlandse kolomnamen) of sleutel (vaste sleutels)',
      }),
      'nl',
    ),
    waarden: z._default(
      z.enum(['code', 'label'], {
        error: 'waarden: kies code (vaste codes, zoals operationeel) of label (de tekst uit het formulier)',
      }),
      'code',
    ),
  }),
);

/**
 * GET /staf/formulieren/{formId}/export?ronde=…&tabel=…&versies=huidige|alle&dialect=excel-nl|rfc4180
 * &formaat=csv|xlsx&kop=nl|sleutel&waarden=code|label — the stored submissions as a file (see core/exports.ts). A regietafel gets its own
 * region, the province everything in it. Small files are the answer itself; bigger ones are written to
 * S3 (locally: the local run's folder) while they are produced and the answer is a 303 to a signed link
 * valid for 15 minutes. Every download is in the audit trail.
 */
export const handler = httpHandler(async (event): Promise<HttpResponse> => {
  const deps = dependencies();
  const principal = await authenticateStaff(event);
  const parsed = query().safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) {
    // One Dutch sentence per problem, each naming the parameter.
    throw new BadRequest(
      parsed.error.issues
        .map((issue) =>
          issue.code === 'unrecognized_keys'
            ? `Onbekende parameter: ${issue.keys.join(', ')}. Toegestaan: ronde, tabel, versies, dialect, formaat, kop, waarden.`
            : issue.message,
        )
        .join(' '),
    );
  }
  const request = parsed.data;
  const scope = await exportScope(deps, {
    principal,
    formId: event.pathParameters?.formId ?? '',
    roundId: request.ronde,
  });
  // The workbook holds every table, but a table it does not have is still a wrong parameter.
  tableOf(scope, request.tabel);
  const file =
    request.formaat === 'xlsx'
      ? await xlsxExport(deps, scope, {
          versions: request.versies,
          header: request.kop,
          values: request.waarden,
        })
      : csvExport(deps, scope, {
          table: request.tabel,
          versions: request.versies,
          dialect: request.dialect,
          header: request.kop,
          values: request.waarden,
        });
  const now = deps.clock.now();
  const delivery = await deliverExport(deps.exportFiles, file, {
    inlineLimit: setting('EXPORT_INLINE_BYTES') ?? defaultInlineBytes,
    key: `exports/${now.toISOString().slice(0, 10)}/${deps.ids.newId()}/${file.filename}`,
  });
  await deps.store.audit({
    at: now.toISOString(),
    id: deps.ids.newId(),
    action: 'download',
    actor: principal.kind === 'staff' ? (principal.email ?? principal.subject) : 'onbekend',
    roundId: request.ronde,
    details: {
      formId: scope.definition.id,
      rounds: scope.rounds.map(({ round }) => round.id),
      table: request.formaat === 'xlsx' ? 'alle' : request.tabel,
      versions: request.versies,
      dialect: request.formaat === 'xlsx' ? undefined : request.dialect,
      format: request.formaat,
      header: request.kop,
      values: request.waarden,
      filename: file.filename,
      bytes: delivery.bytes,
      delivered: delivery.kind,
    },
  });
  if (delivery.kind === 'link') {
    return { statusCode: 303, headers: { location: delivery.url, 'cache-control': 'no-store' }, body: '' };
  }
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': attachmentDisposition(file.filename),
      'cache-control': 'no-store',
    },
    // Always base64 (CSV too): its size is exactly 4/3 of the file, whereas text would grow by an unknown
    // amount when Lambda escapes quotes and line breaks into its JSON answer — 4 MB stays under 6 MB.
    body: delivery.body.toString('base64'),
    isBase64Encoded: true,
  };
});
