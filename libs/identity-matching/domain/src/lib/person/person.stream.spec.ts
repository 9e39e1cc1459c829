import { localRecordStream } from '../local-record.stream';
import { personStream } from './person.stream';

describe('personStream', () => {
  it('names the stream of a person under the identity prefix', () => {
    expect(personStream('p-1')).toBe('identity.person-p-1');
  });

  it('never collides with a local record stream of the same id', () => {
    expect(personStream('x')).not.toBe(localRecordStream('x'));
  });
});
