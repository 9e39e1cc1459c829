/** Bytes per stored chunk: its base64 event stays well under EventStoreDB's 1 MiB append. */
export const ATTACHMENT_CHUNK_BYTES = 512 * 1024;

/** The bytes cut into consecutive slices of `chunkBytes` (the last may be shorter); none for no bytes. */
export function chunksOf(bytes: Buffer, chunkBytes: number = ATTACHMENT_CHUNK_BYTES): Buffer[] {
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new RangeError('The chunk size must be a positive whole number of bytes');
  }
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    chunks.push(bytes.subarray(start, start + chunkBytes));
  }
  return chunks;
}

/** How many chunks `size` bytes make. */
export function chunkCountFor(size: number, chunkBytes: number = ATTACHMENT_CHUNK_BYTES): number {
  return Math.ceil(size / chunkBytes);
}
