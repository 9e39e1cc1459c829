import { localRecordStream, personStream } from '@ilinks/identity-matching/domain';
import { generatePopulation } from '../../../identity-data/generate-population';
import { documentIdsOf } from '@ilinks/platform/read-models';
import { blockingIndexProjection } from '../../../../libs/identity-matching/feature/src/lib/blocking-index/blocking-index.projection';
import {
  assertSameEntry,
  blockingEntryOf,
  personEventsOf,
  personIdFor,
  registeredEventOf,
} from './identity-index';

describe('personEventsOf', () => {
  it('registers the person with the first record and links the others in order', () => {
    const events = personEventsOf('p-1', ['a', 'b', 'c']);
    expect(events.map((event) => [event.type, event.version])).toEqual([
      ['PersonRegistered', 0],
      ['LocalRecordLinked', 1],
      ['LocalRecordLinked', 2],
    ]);
    expect(events.every((event) => event.source === personStream('p-1'))).toBe(true);
  });
});

describe('registeredEventOf', () => {
  it('is revision 0 of the record stream, with the record as sent', () => {
    const [record] = generatePopulation({ persons: 1 }, 1).records;
    const event = registeredEventOf(record, 'lr-1');
    expect(event).toMatchObject({
      type: 'LocalRecordRegistered',
      source: localRecordStream('lr-1'),
      version: 0,
      data: { localRecordId: 'lr-1', identifier: record.identifier, demographics: record.demographics },
    });
  });
});

describe('personIdFor', () => {
  it('is stable and differs between records', () => {
    expect(personIdFor('a')).toBe(personIdFor('a'));
    expect(personIdFor('a')).not.toBe(personIdFor('b'));
  });
});

describe('blockingEntryOf', () => {
  it('is what the projection evolves for each id of a registration', () => {
    const [record] = generatePopulation({ persons: 1 }, 2).records;
    const event = registeredEventOf(record, 'lr-2');
    const ids = documentIdsOf(blockingIndexProjection, event as never);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids)
      expect(blockingIndexProjection.evolve(undefined, event as never, id)).toEqual(blockingEntryOf(id));
  });
  it('is refused by the check when it differs', () => {
    expect(() => assertSameEntry(null, blockingEntryOf('k|lr'))).toThrow('differs');
    expect(() => assertSameEntry({ keyHash: 'k', localRecordId: 'x' }, blockingEntryOf('k|lr'))).toThrow();
    expect(() =>
      assertSameEntry({ keyHash: 'k', localRecordId: 'lr' }, blockingEntryOf('k|lr')),
    ).not.toThrow();
  });
});
