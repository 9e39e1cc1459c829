/**
 * Kafka's default partitioner for keyed messages: `toPositive(murmur2(utf8(key))) % partitions`.
 * The in-process bus uses it too, so a key lands on the same partition number in both modes (and
 * with any Kafka client using the Java-compatible partitioner, which kafkajs calls
 * `Partitioners.DefaultPartitioner`).
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Murmur2 (32-bit), byte-for-byte as in Apache Kafka's `Utils.murmur2`. Returns a signed 32-bit int. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length % 4;
  if (tail >= 3) h ^= data[whole + 2] << 16;
  if (tail >= 2) h ^= data[whole + 1] << 8;
  if (tail >= 1) {
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Kafka's default partitioner picks for a key. */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new RangeError('partitions must be a positive integer');
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}
