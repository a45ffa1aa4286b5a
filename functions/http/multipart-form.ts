import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { maxBodyBytes } from './request.js';

/**
 * A form with a file (`enctype="multipart/form-data"`) read as an ordinary form post: each field and each
 * file's text (UTF-8, without a BOM) becomes a `name=value` pair, so the staff-action table reads it like
 * any other post. Parsed by the platform's own `Request.formData()`. An event that is no multipart post,
 * is too big, or does not parse is passed on unchanged (and then answered by the usual body checks).
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
    for (const [name, value] of form)
      fields.append(name, typeof value === 'string' ? value : await value.text());
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
