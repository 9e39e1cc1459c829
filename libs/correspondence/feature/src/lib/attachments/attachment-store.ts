import type { AttachmentContentV1, AttachmentUploadV1, AttachmentV1 } from '@ilinks/correspondence/contracts';
import {
  assembleAttachment,
  attachmentEventId,
  attachmentEvents,
  attachmentStreamName,
  checkAttachment,
  isSha256Hex,
  toAttachmentEvent,
  type AttachmentStored,
  type CheckedAttachment,
} from '@ilinks/correspondence/domain';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
} from '@ilinks/platform/event-store';
import { EVENT_STORE } from '@ilinks/platform/runtime';
import { ConflictError, NotFoundError, UnavailableError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import { ATTACHMENT_SETTINGS, loadAttachmentSettings, type AttachmentSettings } from './attachment.config';

/** Where an attachment stream stands: complete, or how far a (possibly interrupted) write got. */
type Progress =
  | { readonly kind: 'complete'; readonly stored: AttachmentStored['data'] }
  | { readonly kind: 'partial'; readonly next: number; readonly expected: ExpectedRevision };

// Each conflict means another writer of the same bytes moved the stream on, so a few suffice.
const MAX_CONFLICTS = 5;

/**
 * Letter attachments, stored content-addressed and immutable outside the letter streams: stream
 * `correspondence.attachment-<sha256>`, one `AttachmentChunkStored` per 512 KiB, then
 * `AttachmentStored`. Each event is appended on its own (EventStoreDB's largest append is 1 MiB)
 * with a deterministic id, so the same bytes are stored once however often (or concurrently)
 * they are sent, and a write cut short by a crash is completed by the next store.
 */
@Injectable()
export class AttachmentStore {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ATTACHMENT_SETTINGS) private readonly settings: AttachmentSettings,
  ) {}

  /**
   * Checks (base64, size limit → TooLargeError, content type allowed and matching the bytes →
   * UnsupportedMediaTypeError, bad base64 → ValidationError with path `attachment.data`), stores
   * once, returns the description. Bytes stored before keep the content type they were first
   * stored with, which is the one returned (so the description always matches a later read).
   */
  async store(upload: AttachmentUploadV1): Promise<AttachmentV1> {
    const attachment = checkAttachment(upload, this.settings.maxBytes);
    const streamName = attachmentStreamName(attachment.sha256);
    const events = attachmentEvents(attachment);
    let conflicts = 0;
    // Every pass appends the next event or meets a writer that did: the bound is a safety net.
    for (let pass = 0; pass <= events.length + MAX_CONFLICTS; pass += 1) {
      const progress = await this.progressOf(streamName, attachment);
      if (progress.kind === 'complete') return descriptionOf(progress.stored, attachment.title);
      const event = events[progress.next];
      if (event === undefined) throw inconsistent(attachment.sha256);
      try {
        await this.eventStore.appendToStream(
          streamName,
          [{ id: attachmentEventId(attachment.sha256, progress.next), type: event.type, data: event.data }],
          { expectedRevision: progress.expected },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        conflicts += 1;
        if (conflicts > MAX_CONFLICTS) break;
      }
    }
    throw new ConflictError('The attachment is being stored concurrently; try again');
  }

  /** The bytes (base64) and description; NotFoundError when unknown; UnavailableError when the hash does not match. */
  async read(sha256: string, title?: string): Promise<AttachmentContentV1> {
    const streamName = isSha256Hex(sha256) ? attachmentStreamName(sha256) : undefined;
    const recorded = streamName === undefined ? [] : await this.eventStore.readStream(streamName);
    if (recorded.length === 0) throw new NotFoundError('No attachment has this hash');
    const { bytes, stored } = assembleAttachment(
      sha256,
      recorded.map((event) => toAttachmentEvent(event.type, event.data)),
    );
    return { ...descriptionOf(stored, title), data: bytes.toString('base64') };
  }

  /** Reads only the stream's last event: chunks are appended in order, so it tells how far the write got. */
  private async progressOf(streamName: string, attachment: CheckedAttachment): Promise<Progress> {
    const [last] = await this.eventStore.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    if (last === undefined) return { kind: 'partial', next: 0, expected: 'no_stream' };
    const event = toAttachmentEvent(last.type, last.data);
    // Same hash, so the same bytes: a different size can only be a damaged stream.
    if (event?.type === 'AttachmentStored' && event.data.size === attachment.size) {
      return { kind: 'complete', stored: event.data };
    }
    if (event?.type === 'AttachmentChunkStored' && BigInt(event.data.index) === last.revision) {
      return { kind: 'partial', next: event.data.index + 1, expected: last.revision };
    }
    throw inconsistent(attachment.sha256);
  }
}

/** The providers of {@link AttachmentStore}, with its settings read from the environment. */
export function attachmentProviders(): Provider[] {
  return [AttachmentStore, { provide: ATTACHMENT_SETTINGS, useFactory: () => loadAttachmentSettings() }];
}

function descriptionOf(stored: AttachmentStored['data'], title: string | undefined): AttachmentV1 {
  return {
    contentType: stored.contentType,
    size: stored.size,
    sha256: stored.sha256,
    ...(title === undefined ? {} : { title }),
  };
}

function inconsistent(sha256: string): UnavailableError {
  return new UnavailableError(`The stored attachment ${sha256} is inconsistent`);
}
