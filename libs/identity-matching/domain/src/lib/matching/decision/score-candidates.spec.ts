import { scoreCandidatePersons } from './score-candidates';
import { AMELIA_MOVED, ameliaWithoutNhsNumber, candidateOf, OLIVER, OPTIONS } from './test-fixtures';

describe('scoreCandidatePersons', () => {
  const query = ameliaWithoutNhsNumber();

  it('groups records by person and keeps the best as the person score', () => {
    const [person] = scoreCandidatePersons(
      query,
      [
        candidateOf('person-a', 'record-1', AMELIA_MOVED),
        candidateOf('person-a', 'record-2', ameliaWithoutNhsNumber()),
      ],
      OPTIONS,
    );
    expect(person.best.candidate.localRecordId).toBe('record-2');
    expect(person.records.map(({ candidate }) => candidate.localRecordId)).toEqual(['record-2', 'record-1']);
  });

  it('breaks equal record scores by record id', () => {
    const [person] = scoreCandidatePersons(
      query,
      [candidateOf('person-a', 'record-2', AMELIA_MOVED), candidateOf('person-a', 'record-1', AMELIA_MOVED)],
      OPTIONS,
    );
    expect(person.best.candidate.localRecordId).toBe('record-1');
  });

  it('keeps the comparison vector for rules that look at one field', () => {
    const [person] = scoreCandidatePersons(
      query,
      [candidateOf('person-a', 'record-1', AMELIA_MOVED)],
      OPTIONS,
    );
    expect(person.best.vector.birthDate).toBe('one-digit-typo');
  });

  it('ranks persons best first', () => {
    const persons = scoreCandidatePersons(
      query,
      [candidateOf('person-o', 'record-1', OLIVER), candidateOf('person-z', 'record-2', AMELIA_MOVED)],
      OPTIONS,
    );
    expect(persons.map(({ personId }) => personId)).toEqual(['person-z', 'person-o']);
  });

  it('returns no persons for no candidates', () => {
    expect(scoreCandidatePersons(query, [], OPTIONS)).toEqual([]);
  });
});
