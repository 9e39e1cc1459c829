import { createHash } from 'node:crypto';
import { TooLargeError, UnsupportedMediaTypeError, ValidationError } from '@ilinks/shared/kernel';
import {
  ATTACHMENT_CONTENT_TYPES,
  isAttachmentContentType,
  normaliseContentType,
  type AttachmentContentType,
} from './attachment-content-type';
import { contentMatchesType } from './content-matches-type';
import { decodedBase64Length, decodeStrictBase64 } from './strict-base64';

/** An attachment as uploaded: base64 bytes and what they claim to be. */
export interface AttachmentUpload {
  readonly contentType: string;
  readonly data: string;
  readonly title?: string;
}

/** An attachment that passed every check: its bytes, their size and hash, and its normalised type. */
export interface CheckedAttachment {
  readonly contentType: AttachmentContentType;
  readonly bytes: Buffer;
  readonly size: number;
  /** SHA-256 of the bytes, lower-case hex. */
  readonly sha256: string;
  readonly title?: string;
}

const DATA_PATH = 'attachment.data';
const CONTENT_TYPE_PATH = 'attachment.contentType';

/**
 * Checks an upload before anything is stored, cheapest first:
 * - the content type, once normalised, is one of {@link ATTACHMENT_CONTENT_TYPES} (else
 *   `UnsupportedMediaTypeError`);
 * - the data is strict, non-empty base64 (else `ValidationError` at `attachment.data`);
 * - the bytes are at most `maxBytes` (else `TooLargeError`, judged before decoding);
 * - the bytes are what the type claims (else `UnsupportedMediaTypeError`).
 * Messages name the rule and the limit, never the content.
 */
export function checkAttachment(upload: AttachmentUpload, maxBytes: number): CheckedAttachment {
  const contentType = normaliseContentType(upload.contentType);
  if (!isAttachmentContentType(contentType)) {
    throw new UnsupportedMediaTypeError('The attachment content type is not accepted', [
      { path: CONTENT_TYPE_PATH, message: `must be one of ${ATTACHMENT_CONTENT_TYPES.join(', ')}` },
    ]);
  }
  if (decodedBase64Length(upload.data) > maxBytes) throw tooLarge(maxBytes);
  const bytes = decodeStrictBase64(upload.data);
  if (bytes === undefined) {
    throw new ValidationError('The attachment data is not valid base64', [
      { path: DATA_PATH, message: 'must be base64 (standard alphabet, padding optional)' },
    ]);
  }
  if (bytes.length === 0) {
    throw new ValidationError('The attachment is empty', [{ path: DATA_PATH, message: 'must not be empty' }]);
  }
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  if (!contentMatchesType(contentType, bytes)) {
    throw new UnsupportedMediaTypeError('The attachment content is not what its content type claims', [
      { path: DATA_PATH, message: `must be ${contentType} content` },
    ]);
  }
  return {
    contentType,
    bytes,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...(upload.title === undefined ? {} : { title: upload.title }),
  };
}

function tooLarge(maxBytes: number): TooLargeError {
  return new TooLargeError(`The attachment is larger than the limit of ${maxBytes} bytes`, [
    { path: DATA_PATH, message: `must be at most ${maxBytes} bytes` },
  ]);
}
