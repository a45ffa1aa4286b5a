import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { maxBodyBytes } from './request.js';

/** The field that carries the name of the file chosen in file field `name` (`bestand` → `bestand.naam`). */
export const fileNameField = (name: string) => `${name}.naam`;

/** `C:\\Users\\…\\aandelen.csv` or `aandelen.csv` → `aandelen.csv`, at most 120 characters. */
const baseName = (name: string) => (name.split(/[\\/]/).at(-1) ?? '').trim().slice(0, 120);

/**
 * A form with a file (`enctype="multipart/form-data"`) read as an ordinary form post: each field and each
 * file's text (UTF-8, without a BOM) becomes a `name=value` pair, so the staff-action table reads it like
 * any other post, and a chosen file's name (without any folder a browser may send) becomes the field
 * `fileNameField(name)`, so what was imported can say from which file. Parsed by the platform's own
 * `Request.formData()`. An event that is no multipart post, is too big, or does not parse is passed on
 * unchanged (and then answered by the usual body checks).
 */
export async function multipartAsForm(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyEventV2> {
  const type = event.headers?.['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type) || !event.body) return event;
  const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > maxBodyBytes) return event;
  try {
    const form = await new Request('http://localhost/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: bytes,
    }).formData();
    const fields = new URLSearchParams();
    for (const [name, value] of form) {
      if (typeof value === 'string') {
        fields.append(name, value);
        continue;
      }
      fields.append(name, await value.text());
      // A file field left empty is sent as a file without a name: then there is no name to carry.
      if (baseName(value.name)) fields.append(fileNameField(name), baseName(value.name));
    }
    return {
      ...event,
      headers: { ...event.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
      isBase64Encoded: false,
    };
  } catch {
    return event;
  }
}
