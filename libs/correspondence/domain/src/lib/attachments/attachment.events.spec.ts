import { createHash } from 'node:crypto';
import { UnavailableError } from '@ilinks/shared/kernel';
import {
  assembleAttachment,
  attachmentEventId,
  attachmentEvents,
  attachmentStreamName,
  isSha256Hex,
  toAttachmentEvent,
  type AttachmentEvent,
} from './attachment.events';
import type { CheckedAttachment } from './check-attachment';

const BYTES = Buffer.from('%PDF-1.7 ten bytes and then some more', 'latin1');
const SHA = createHash('sha256').update(BYTES).digest('hex');
const CHECKED: CheckedAttachment = {
  contentType: 'application/pdf',
  bytes: BYTES,
  size: BYTES.length,
  sha256: SHA,
};
const EVENTS = attachmentEvents(CHECKED, 16);

describe('attachment streams and ids', () => {
  it('names the stream by the hash within the service prefix', () => {
    expect(attachmentStreamName(SHA)).toBe(`correspondence.attachment-${SHA}`);
  });

  it('gives the same id for the same hash and index, and different ones otherwise', () => {
    expect(attachmentEventId(SHA, 0)).toBe(attachmentEventId(SHA, 0));
    expect(attachmentEventId(SHA, 0)).not.toBe(attachmentEventId(SHA, 1));
    expect(attachmentEventId(SHA, 0)).not.toBe(attachmentEventId('0'.repeat(64), 0));
    expect(attachmentEventId(SHA, 0)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    [SHA, true],
    [SHA.toUpperCase(), false],
    [SHA.slice(1), false],
    ['../../etc', false],
  ])('isSha256Hex(%j) is %p', (value, expected) => {
    expect(isSha256Hex(value)).toBe(expected);
  });
});

describe('attachmentEvents', () => {
  it('gives one chunk event per slice, in order, then AttachmentStored', () => {
    expect(EVENTS.map((event) => event.type)).toEqual([
      'AttachmentChunkStored',
      'AttachmentChunkStored',
      'AttachmentChunkStored',
      'AttachmentStored',
    ]);
    expect(EVENTS[3]).toEqual({
      type: 'AttachmentStored',
      data: { sha256: SHA, size: BYTES.length, contentType: 'application/pdf', chunks: 3 },
    });
  });

  it('carries the bytes in base64 chunks that join back to them', () => {
    const chunks = EVENTS.flatMap((event) =>
      event.type === 'AttachmentChunkStored' ? [Buffer.from(event.data.data, 'base64')] : [],
    );
    expect(Buffer.concat(chunks).equals(BYTES)).toBe(true);
  });
});

describe('toAttachmentEvent', () => {
  it.each(EVENTS.map((event) => [event.type, event] as const))('reads back %s', (_type, event) => {
    expect(toAttachmentEvent(event.type, JSON.parse(JSON.stringify(event.data)))).toEqual(event);
  });

  it.each([
    ['another type', 'LetterSent', { sha256: SHA }],
    ['no data', 'AttachmentStored', null],
    ['a chunk without data', 'AttachmentChunkStored', { sha256: SHA, index: 0 }],
    ['a negative index', 'AttachmentChunkStored', { sha256: SHA, index: -1, data: '' }],
    [
      'an unknown content type',
      'AttachmentStored',
      { sha256: SHA, size: 1, contentType: 'text/html', chunks: 1 },
    ],
    [
      'a fractional size',
      'AttachmentStored',
      { sha256: SHA, size: 1.5, contentType: 'text/plain', chunks: 1 },
    ],
  ])('refuses %s', (_case, type, data) => {
    expect(toAttachmentEvent(type, data)).toBeUndefined();
  });
});

describe('assembleAttachment', () => {
  it('gives the bytes and the stored description', () => {
    const assembled = assembleAttachment(SHA, EVENTS);
    expect(assembled.bytes.equals(BYTES)).toBe(true);
    expect(assembled.stored).toEqual(EVENTS[3]?.data);
  });

  const withChunk = (index: number, data: string): AttachmentEvent[] =>
    EVENTS.map((event) =>
      event.type === 'AttachmentChunkStored' && event.data.index === index
        ? { ...event, data: { ...event.data, data } }
        : event,
    );
  const stored = EVENTS[3] as AttachmentEvent;

  it.each([
    ['an empty stream', []],
    ['a stream cut short', EVENTS.slice(0, 2)],
    ['a stream for another hash', attachmentEvents({ ...CHECKED, sha256: '0'.repeat(64) }, 16)],
    ['a missing chunk', [EVENTS[0], EVENTS[2], stored]],
    ['chunks out of order', [EVENTS[1], EVENTS[0], EVENTS[2], stored]],
    ['an unreadable event', [EVENTS[0], undefined, EVENTS[2], stored]],
    ['a corrupted chunk', withChunk(1, Buffer.from('x'.repeat(16)).toString('base64'))],
    ['a truncated chunk', withChunk(2, Buffer.from('x').toString('base64'))],
  ])('refuses %s as unavailable, naming no content', (_case, events) => {
    expect(() => assembleAttachment(SHA, events)).toThrow(UnavailableError);
    expect(() => assembleAttachment(SHA, events)).not.toThrow(/PDF/);
  });
});
