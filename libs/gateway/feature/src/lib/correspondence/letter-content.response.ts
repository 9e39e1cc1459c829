import type { AttachmentContentV1 } from '@ilinks/correspondence/contracts';
import type { ServerResponse } from 'node:http';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'application/fhir+json': '.json',
  'application/json': '.json',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

/**
 * Sends a letter's document as its bytes: the stored content type, never sniffed, always a download
 * (a letter's HTML or script could otherwise run in the gateway's origin), never cached, named by
 * the letter id rather than the partner's title (which may name the patient).
 */
export function sendLetterContent(
  response: ServerResponse,
  letterId: string,
  content: AttachmentContentV1,
): void {
  const bytes = Buffer.from(content.data, 'base64');
  response.statusCode = 200;
  response.setHeader('Content-Type', content.contentType);
  response.setHeader('Content-Length', String(bytes.length));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${letterId}${EXTENSIONS[content.contentType] ?? ''}"`,
  );
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('ETag', `"${content.sha256}"`);
  response.end(bytes);
}

/** Whether the client asked for FHIR JSON (a Binary resource) rather than the bytes. */
export function wantsFhirJson(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((range) => range.split(';')[0]?.trim().toLowerCase() === 'application/fhir+json');
}
