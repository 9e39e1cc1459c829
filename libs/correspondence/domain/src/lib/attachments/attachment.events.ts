import { createHash } from 'node:crypto';
import { eventIdFor, UnavailableError, type DomainEvent } from '@ilinks/shared/kernel';
import { isAttachmentContentType, type AttachmentContentType } from './attachment-content-type';
import { ATTACHMENT_CHUNK_BYTES, chunksOf } from './attachment-chunks';
import type { CheckedAttachment } from './check-attachment';

/** One slice of an attachment's bytes, in order from index 0. Internal: never published. */
export type AttachmentChunkStored = DomainEvent<
  'AttachmentChunkStored',
  { readonly sha256: string; readonly index: number; /** Base64. */ readonly data: string }
>;

/** Every chunk is stored: the attachment is complete and immutable. Internal: never published. */
export type AttachmentStored = DomainEvent<
  'AttachmentStored',
  {
    readonly sha256: string;
    readonly size: number;
    /** The type the bytes were first stored with. */
    readonly contentType: AttachmentContentType;
    readonly chunks: number;
  }
>;

export type AttachmentEvent = AttachmentChunkStored | AttachmentStored;

/** The event types of attachment streams, which the relay must not publish. */
export const ATTACHMENT_EVENT_TYPES = ['AttachmentChunkStored', 'AttachmentStored'] as const;

/** Prefix of the content-addressed attachment streams (within the service's `correspondence.`). */
export const ATTACHMENT_STREAM_PREFIX = 'correspondence.attachment-';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether a text is a SHA-256 as attachments are named by: 64 lower-case hex digits. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** The stream holding the attachment with this hash. */
export function attachmentStreamName(sha256: string): string {
  return `${ATTACHMENT_STREAM_PREFIX}${sha256}`;
}

/**
 * Id of the attachment stream's `index`-th event (chunks first, then `AttachmentStored`):
 * the same bytes always give the same ids, so a retried or concurrent append is ignored.
 */
export function attachmentEventId(sha256: string, index: number): string {
  return eventIdFor(attachmentStreamName(sha256), sha256, index);
}

/** Every event of a checked attachment's stream, in order: its chunks, then `AttachmentStored`. */
export function attachmentEvents(
  attachment: CheckedAttachment,
  chunkBytes: number = ATTACHMENT_CHUNK_BYTES,
): AttachmentEvent[] {
  const chunks = chunksOf(attachment.bytes, chunkBytes).map(
    (chunk, index): AttachmentChunkStored => ({
      type: 'AttachmentChunkStored',
      data: { sha256: attachment.sha256, index, data: chunk.toString('base64') },
    }),
  );
  const stored: AttachmentStored = {
    type: 'AttachmentStored',
    data: {
      sha256: attachment.sha256,
      size: attachment.size,
      contentType: attachment.contentType,
      chunks: chunks.length,
    },
  };
  return [...chunks, stored];
}

/** A recorded event as an attachment event, or `undefined` when its type or shape is not one. */
export function toAttachmentEvent(type: string, data: unknown): AttachmentEvent | undefined {
  if (!isRecord(data) || typeof data['sha256'] !== 'string') return undefined;
  const sha256 = data['sha256'];
  if (type === 'AttachmentChunkStored') {
    const { index, data: chunk } = data;
    return isCount(index) && typeof chunk === 'string'
      ? { type, data: { sha256, index, data: chunk } }
      : undefined;
  }
  if (type === 'AttachmentStored') {
    const { size, contentType, chunks } = data;
    return isCount(size) &&
      isCount(chunks) &&
      typeof contentType === 'string' &&
      isAttachmentContentType(contentType)
      ? { type, data: { sha256, size, contentType, chunks } }
      : undefined;
  }
  return undefined;
}

/** A complete attachment read back from its stream, verified. */
export interface AssembledAttachment {
  readonly bytes: Buffer;
  readonly stored: AttachmentStored['data'];
}

/**
 * The bytes of a complete attachment stream, after checking that it holds the chunks 0..n-1 in
 * order and then `AttachmentStored`, that their size is the one stored and that their SHA-256 is
 * the stream's hash. Anything else throws `UnavailableError` (fail closed: the content is never
 * served unverified; the message names the hash only).
 */
export function assembleAttachment(
  sha256: string,
  events: readonly (AttachmentEvent | undefined)[],
): AssembledAttachment {
  const last = events[events.length - 1];
  if (last?.type !== 'AttachmentStored' || last.data.sha256 !== sha256) {
    throw unavailable(sha256, 'is incomplete');
  }
  const chunks = events.slice(0, -1);
  if (last.data.chunks !== chunks.length) {
    throw unavailable(sha256, 'has the wrong number of chunks');
  }
  const parts = chunks.map((event, index) => {
    if (
      event?.type !== 'AttachmentChunkStored' ||
      event.data.index !== index ||
      event.data.sha256 !== sha256
    ) {
      throw unavailable(sha256, 'has a chunk out of place');
    }
    return Buffer.from(event.data.data, 'base64');
  });
  const bytes = Buffer.concat(parts);
  if (bytes.length !== last.data.size) throw unavailable(sha256, 'has the wrong size');
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw unavailable(sha256, 'does not match its SHA-256');
  }
  return { bytes, stored: last.data };
}

function unavailable(sha256: string, problem: string): UnavailableError {
  return new UnavailableError(`The stored attachment ${sha256} ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
