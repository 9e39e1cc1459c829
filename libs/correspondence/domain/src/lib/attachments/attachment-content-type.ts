/**
 * The content types a letter's attachment may have: the same values as the contracts'
 * `LETTER_CONTENT_TYPES` (a domain lib cannot import contracts; a spec in the feature keeps them equal).
 */
export const ATTACHMENT_CONTENT_TYPES = [
  'application/pdf',
  'text/plain',
  'application/fhir+json',
  'application/json',
  'image/png',
  'image/jpeg',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** Whether a (normalised) content type is one an attachment may have. */
export function isAttachmentContentType(value: string): value is AttachmentContentType {
  return (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(value);
}

/**
 * A media type as compared: lower-case, without parameters (`Text/Plain; charset=UTF-8` →
 * `text/plain`) and surrounding spaces.
 */
export function normaliseContentType(value: string): string {
  const semicolon = value.indexOf(';');
  const essence = semicolon === -1 ? value : value.slice(0, semicolon);
  return essence.trim().toLowerCase();
}
