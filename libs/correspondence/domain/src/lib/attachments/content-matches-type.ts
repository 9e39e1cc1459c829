import { assertNever } from '@ilinks/shared/kernel';
import type { AttachmentContentType } from './attachment-content-type';

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

/** Binary formats whose bytes, labelled `text/plain`, betray a mislabelled file. */
const BINARY_SIGNATURES: readonly Buffer[] = [PDF, PNG, JPEG, ZIP, ELF];

/** The C0 controls text may hold: tab, line feed, form feed, carriage return. */
const ALLOWED_CONTROLS: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/**
 * Whether the bytes are what the content type claims: the format's magic number for PDF, PNG
 * and JPEG (enough to open them with the right reader); for text, UTF-8 without control
 * characters that is not a binary file in disguise; for JSON, a UTF-8 JSON object, and for FHIR
 * JSON one with a `resourceType`.
 */
export function contentMatchesType(contentType: AttachmentContentType, bytes: Buffer): boolean {
  switch (contentType) {
    case 'application/pdf':
      return startsWith(bytes, PDF);
    case 'image/png':
      return startsWith(bytes, PNG);
    case 'image/jpeg':
      return startsWith(bytes, JPEG);
    case 'text/plain':
      return isPlainText(bytes);
    case 'application/json':
      return jsonObjectOf(bytes) !== undefined;
    case 'application/fhir+json':
      return isFhirResource(jsonObjectOf(bytes));
    default:
      return assertNever(contentType);
  }
}

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);
}

function isPlainText(bytes: Buffer): boolean {
  if (BINARY_SIGNATURES.some((signature) => startsWith(bytes, signature))) return false;
  // In UTF-8 a byte below 0x20 is always that control character, never part of a longer sequence.
  const hasForbiddenControl = bytes.some((byte) => byte < 0x20 && !ALLOWED_CONTROLS.has(byte));
  return !hasForbiddenControl && utf8Of(bytes) !== undefined;
}

function utf8Of(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function jsonObjectOf(bytes: Buffer): Record<string, unknown> | undefined {
  const text = utf8Of(bytes);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFhirResource(value: Record<string, unknown> | undefined): boolean {
  const resourceType = value?.['resourceType'];
  return typeof resourceType === 'string' && resourceType.length > 0;
}
