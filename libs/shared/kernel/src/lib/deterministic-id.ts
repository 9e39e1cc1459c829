import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1 over a namespace and name) that is the same every time for the
 * same inputs. Event ids are derived from the command's idempotency key so that a retried request
 * appends events the store has already seen, which it ignores.
 */
export function deterministicUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(namespace).update('\u0000').update(name).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Id of the `index`-th event produced by the command with this idempotency key on this stream. */
export function eventIdFor(streamName: string, idempotencyKey: string, index: number): string {
  return deterministicUuid(streamName, `${idempotencyKey}#${index}`);
}
