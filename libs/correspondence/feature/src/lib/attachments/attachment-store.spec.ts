import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { LETTER_CONTENT_TYPES, type AttachmentUploadV1 } from '@ilinks/correspondence/contracts';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_EVENT_TYPES,
  attachmentEventId,
  attachmentEvents,
  attachmentStreamName,
  checkAttachment,
  type AttachmentEvent,
} from '@ilinks/correspondence/domain';
import { SqliteEventStore, WrongExpectedRevisionError, type EventStore } from '@ilinks/platform/event-store';
import { EVENT_STORE } from '@ilinks/platform/runtime';
import {
  ConflictError,
  NotFoundError,
  TooLargeError,
  UnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@ilinks/shared/kernel';
import { Test } from '@nestjs/testing';
import { ATTACHMENT_SETTINGS, type AttachmentSettings } from './attachment.config';
import { AttachmentStore, attachmentProviders } from './attachment-store';

const MiB = 1024 * 1024;
const SETTINGS: AttachmentSettings = { maxBytes: 5 * MiB };

/** A PDF-looking byte string of `size` bytes whose content depends on `seed`. */
function pdfBytes(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 31 + seed * 7) % 256;
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return bytes;
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const pdfUpload = (bytes: Buffer, title?: string): AttachmentUploadV1 => ({
  contentType: 'application/pdf',
  data: bytes.toString('base64'),
  ...(title === undefined ? {} : { title }),
});

/** Appends events as the store would, to build streams it did not (or not completely) write. */
async function appendAsStore(eventStore: EventStore, sha256: string, events: readonly AttachmentEvent[]) {
  for (const [index, event] of events.entries()) {
    await eventStore.appendToStream(
      attachmentStreamName(sha256),
      [{ id: attachmentEventId(sha256, index), type: event.type, data: event.data }],
      { expectedRevision: index === 0 ? 'no_stream' : BigInt(index - 1) },
    );
  }
}

describe('AttachmentStore on the SQLite event store', () => {
  let directory: string;
  let eventStore: SqliteEventStore;
  let attachments: AttachmentStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ilinks-attachments-'));
    eventStore = new SqliteEventStore(join(directory, 'events.sqlite'), { synchronous: 'normal' });
    attachments = new AttachmentStore(eventStore, SETTINGS);
  });

  afterEach(async () => {
    await eventStore.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const streamOf = (sha256: string) => eventStore.readStream(attachmentStreamName(sha256));

  it('stores an attachment and reads back the same bytes and hash', async () => {
    const bytes = pdfBytes(2000);
    const description = await attachments.store(pdfUpload(bytes, 'Discharge summary'));
    expect(description).toEqual({
      contentType: 'application/pdf',
      size: 2000,
      sha256: sha256Of(bytes),
      title: 'Discharge summary',
    });

    const content = await attachments.read(description.sha256, 'Discharge summary');
    expect(content).toEqual({ ...description, data: bytes.toString('base64') });
    expect((await streamOf(description.sha256)).map((event) => event.type)).toEqual([
      'AttachmentChunkStored',
      'AttachmentStored',
    ]);
  });

  it('reads without a title when none is asked for', async () => {
    const { sha256 } = await attachments.store(pdfUpload(pdfBytes(10), 'A title'));
    expect(await attachments.read(sha256)).not.toHaveProperty('title');
  });

  it('stores the same bytes once, however often they are sent', async () => {
    const bytes = pdfBytes(3000);
    const first = await attachments.store(pdfUpload(bytes, 'First'));
    const head = await eventStore.headPosition();

    const second = await attachments.store(pdfUpload(bytes, 'Second'));
    expect(second).toEqual({ ...first, title: 'Second' });
    expect(await eventStore.headPosition()).toBe(head);
    expect(await streamOf(first.sha256)).toHaveLength(2);
  });

  it('keeps the content type the bytes were first stored with, after checking the second claim', async () => {
    const bytes = Buffer.from('{"note":"seen in clinic"}');
    const asJson = await attachments.store({
      contentType: 'application/json',
      data: bytes.toString('base64'),
    });
    const head = await eventStore.headPosition();

    const asText = await attachments.store({ contentType: 'text/plain', data: bytes.toString('base64') });
    expect(asText.contentType).toBe('application/json');
    expect(asText.sha256).toBe(asJson.sha256);
    expect(await eventStore.headPosition()).toBe(head);
    await expect(
      attachments.store({ contentType: 'image/png', data: bytes.toString('base64') }),
    ).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
  });

  it('stores a 1.2 MiB PDF in three chunks and reads it back', async () => {
    const bytes = pdfBytes(Math.round(1.2 * MiB), 3);
    const { sha256, size } = await attachments.store(pdfUpload(bytes));
    expect(size).toBe(bytes.length);

    const recorded = await streamOf(sha256);
    expect(recorded.map((event) => event.type)).toEqual([
      'AttachmentChunkStored',
      'AttachmentChunkStored',
      'AttachmentChunkStored',
      'AttachmentStored',
    ]);
    expect(recorded[3]?.data).toEqual({
      sha256,
      size: bytes.length,
      contentType: 'application/pdf',
      chunks: 3,
    });
    expect(Buffer.from((await attachments.read(sha256)).data, 'base64').equals(bytes)).toBe(true);
  });

  it('stores two concurrent uploads of the same bytes once, and both succeed', async () => {
    const bytes = pdfBytes(Math.round(1.2 * MiB), 4);
    const [one, two] = await Promise.all([
      attachments.store(pdfUpload(bytes, 'One')),
      new AttachmentStore(eventStore, SETTINGS).store(pdfUpload(bytes, 'Two')),
    ]);
    expect(one.sha256).toBe(two.sha256);
    expect(await streamOf(one.sha256)).toHaveLength(4);
    expect(Buffer.from((await attachments.read(one.sha256)).data, 'base64').equals(bytes)).toBe(true);
  });

  it('completes a stream cut short after its first chunk', async () => {
    const bytes = pdfBytes(Math.round(1.2 * MiB), 5);
    const checked = checkAttachment(pdfUpload(bytes), SETTINGS.maxBytes);
    await appendAsStore(eventStore, checked.sha256, attachmentEvents(checked).slice(0, 1));
    await expect(attachments.read(checked.sha256)).rejects.toBeInstanceOf(UnavailableError);

    await attachments.store(pdfUpload(bytes));
    const recorded = await streamOf(checked.sha256);
    expect(recorded.map((event) => event.id)).toEqual(
      [0, 1, 2, 3].map((index) => attachmentEventId(checked.sha256, index)),
    );
    expect(Buffer.from((await attachments.read(checked.sha256)).data, 'base64').equals(bytes)).toBe(true);
  });

  it('refuses to read a stream whose chunk was corrupted, naming no content', async () => {
    const bytes = pdfBytes(5000, 6);
    const checked = checkAttachment(pdfUpload(bytes), SETTINGS.maxBytes);
    const [chunk, stored] = attachmentEvents(checked);
    if (chunk?.type !== 'AttachmentChunkStored' || stored === undefined) throw new Error('unexpected events');
    const corrupted = Buffer.from(chunk.data.data, 'base64');
    corrupted[100] = (corrupted[100] ?? 0) ^ 0xff;
    await appendAsStore(eventStore, checked.sha256, [
      { ...chunk, data: { ...chunk.data, data: corrupted.toString('base64') } },
      stored,
    ]);

    const read = attachments.read(checked.sha256);
    await expect(read).rejects.toBeInstanceOf(UnavailableError);
    await expect(read).rejects.toThrow(/does not match its SHA-256/);
  });

  it('refuses an attachment over the limit and appends nothing', async () => {
    const small = new AttachmentStore(eventStore, { maxBytes: 1000 });
    await expect(small.store(pdfUpload(pdfBytes(1001)))).rejects.toThrow(TooLargeError);
    await expect(small.store(pdfUpload(pdfBytes(1001)))).rejects.toThrow(/1000 bytes/);
    expect(await eventStore.headPosition()).toBe(-1n);
  });

  it('refuses bytes that are not what the content type claims and appends nothing', async () => {
    const png = { contentType: 'image/png', data: pdfBytes(100).toString('base64') };
    await expect(attachments.store(png)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    expect(await eventStore.headPosition()).toBe(-1n);
  });

  it('refuses bad base64 at attachment.data and appends nothing', async () => {
    const error = await attachments
      .store({ contentType: 'application/pdf', data: 'JVBERi0_' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('attachment.data');
    expect(await eventStore.headPosition()).toBe(-1n);
  });

  it.each([
    ['an unknown hash', sha256Of(Buffer.from('never stored'))],
    ['a text that is not a hash', '../letter-1'],
    ['an upper-case hash', sha256Of(Buffer.from('x')).toUpperCase()],
  ])('answers not found for %s', async (_case, sha256) => {
    await expect(attachments.read(sha256)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('re-reads and continues after a concurrent append got there first', async () => {
    let refusals = 1;
    const racing: EventStore = Object.assign(Object.create(eventStore) as EventStore, {
      appendToStream: (...args: Parameters<EventStore['appendToStream']>) => {
        if (refusals-- > 0) return Promise.reject(new WrongExpectedRevisionError(args[0], 'no_stream', 0n));
        return eventStore.appendToStream(...args);
      },
    });
    const bytes = pdfBytes(700 * 1024, 7);
    const { sha256 } = await new AttachmentStore(racing, SETTINGS).store(pdfUpload(bytes));
    expect(await streamOf(sha256)).toHaveLength(3);
  });

  it('gives up with a conflict when the stream keeps moving', async () => {
    const busy: EventStore = Object.assign(Object.create(eventStore) as EventStore, {
      appendToStream: (streamName: string) =>
        Promise.reject(new WrongExpectedRevisionError(streamName, 'no_stream', 0n)),
    });
    await expect(new AttachmentStore(busy, SETTINGS).store(pdfUpload(pdfBytes(10)))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe('attachment wiring', () => {
  it('allows exactly the content types of the contract', () => {
    expect([...ATTACHMENT_CONTENT_TYPES].sort()).toEqual([...LETTER_CONTENT_TYPES].sort());
  });

  it('names its internal event types', () => {
    expect(ATTACHMENT_EVENT_TYPES).toEqual(['AttachmentChunkStored', 'AttachmentStored']);
  });

  it('provides the store with settings from the environment', async () => {
    const eventStore = new SqliteEventStore(':memory:');
    try {
      const module = await Test.createTestingModule({
        providers: [...attachmentProviders(), { provide: EVENT_STORE, useValue: eventStore }],
      }).compile();
      expect(module.get(AttachmentStore)).toBeInstanceOf(AttachmentStore);
      expect(module.get<AttachmentSettings>(ATTACHMENT_SETTINGS).maxBytes).toBeGreaterThan(0);
    } finally {
      await eventStore.close();
    }
  });
});
