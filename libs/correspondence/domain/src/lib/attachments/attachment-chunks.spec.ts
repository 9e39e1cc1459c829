import { ATTACHMENT_CHUNK_BYTES, chunkCountFor, chunksOf } from './attachment-chunks';

const sequence = (length: number): Buffer => Buffer.from(Array.from({ length }, (_, index) => index % 251));

describe('chunksOf', () => {
  it('uses 512 KiB chunks by default', () => {
    expect(ATTACHMENT_CHUNK_BYTES).toBe(524288);
    const chunks = chunksOf(sequence(ATTACHMENT_CHUNK_BYTES * 2 + 10));
    expect(chunks.map((chunk) => chunk.length)).toEqual([ATTACHMENT_CHUNK_BYTES, ATTACHMENT_CHUNK_BYTES, 10]);
  });

  it('cuts into consecutive slices that join back to the bytes', () => {
    const bytes = sequence(10);
    const chunks = chunksOf(bytes, 4);
    expect(chunks.map((chunk) => [...chunk])).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('gives one chunk when the bytes fit exactly', () => {
    expect(chunksOf(sequence(4), 4).map((chunk) => chunk.length)).toEqual([4]);
  });

  it('gives no chunks for no bytes', () => {
    expect(chunksOf(Buffer.alloc(0))).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a chunk size of %p', (size) => {
    expect(() => chunksOf(sequence(3), size)).toThrow(RangeError);
  });
});

describe('chunkCountFor', () => {
  it.each([
    [0, 0],
    [1, 1],
    [ATTACHMENT_CHUNK_BYTES, 1],
    [ATTACHMENT_CHUNK_BYTES + 1, 2],
    [Math.round(1.2 * 1024 * 1024), 3],
  ])('%i bytes make %i chunks', (size, count) => {
    expect(chunkCountFor(size)).toBe(count);
  });
});
