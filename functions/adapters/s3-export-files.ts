import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { attachmentDisposition } from '../core/export-delivery.js';
import type { ExportFiles } from '../core/ports.js';

/**
 * Export files on S3: written with a multipart upload as the CSV is produced (lib-storage's Upload reads
 * the stream in 5 MB parts, so a file of any size never sits in memory whole), fetched with a pre-signed
 * GET that is valid for `expiresInSeconds` and names the file. The bucket is private (no public access,
 * TLS only, SSE-S3) and a lifecycle rule deletes exports after a day.
 */
export class S3ExportFiles implements ExportFiles {
  constructor(
    private readonly bucket: string,
    private readonly client: S3Client = new S3Client({}),
    private readonly expiresInSeconds = 15 * 60,
  ) {}

  async save(key: string, body: NodeJS.ReadableStream, contentType: string): Promise<void> {
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body as never, ContentType: contentType },
    }).done();
  }

  link(key: string, filename: string, contentType: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(filename),
        ResponseContentType: contentType,
      }),
      { expiresIn: this.expiresInSeconds },
    );
  }
}
