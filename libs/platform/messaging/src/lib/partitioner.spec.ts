import { murmur2, partitionForKey } from './partitioner';

// kafkajs's own Java-compatible implementation, used only as a reference here.
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (
  key: Buffer,
) => number;

describe('partitioner', () => {
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%s) matches Apache Kafka’s Utils.murmur2', (key, expected) => {
    expect(murmur2(Buffer.from(key))).toBe(expected);
  });

  it('agrees with kafkajs’s DefaultPartitioner hash on many keys, including non-ASCII', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `person-${i}-${'é'.repeat(i % 5)}-${i * 7919}`);
    for (const key of keys) expect(murmur2(Buffer.from(key))).toBe(kafkajsMurmur2(Buffer.from(key)));
  });

  it('maps a key to a stable partition in range', () => {
    const partitions = Array.from({ length: 100 }, (_, i) => partitionForKey(`k${i}`, 3));
    expect(partitions.every((partition) => partition >= 0 && partition < 3)).toBe(true);
    expect(new Set(partitions).size).toBe(3);
    expect(partitionForKey('k1', 3)).toBe(partitionForKey('k1', 3));
  });

  it('refuses a partition count below one', () => {
    expect(() => partitionForKey('k', 0)).toThrow(RangeError);
  });
});
