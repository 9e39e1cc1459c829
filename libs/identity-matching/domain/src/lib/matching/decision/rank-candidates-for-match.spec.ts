import { ValidationError } from '@ilinks/shared/kernel';
import { rankCandidatesForMatch } from './rank-candidates-for-match';
import {
  AMELIA,
  amelia,
  AMELIA_MOVED,
  ameliaWithoutNhsNumber,
  candidateOf,
  OLIVER,
  OPTIONS,
} from './test-fixtures';

describe('rankCandidatesForMatch', () => {
  const query = ameliaWithoutNhsNumber();
  const candidates = [
    candidateOf('person-o', 'record-4', OLIVER),
    candidateOf('person-b', 'record-2', AMELIA_MOVED),
    candidateOf('person-a', 'record-1', ameliaWithoutNhsNumber()),
    candidateOf('person-c', 'record-3', AMELIA_MOVED),
  ];

  it('ranks persons best first, ties by person id, with score, grade and explanation', () => {
    const ranked = rankCandidatesForMatch(query, candidates, OPTIONS);
    expect(ranked.map(({ personId, grade }) => [personId, grade])).toEqual([
      ['person-a', 'certain'],
      ['person-b', 'possible'],
      ['person-c', 'possible'],
      ['person-o', 'certainly-not'],
    ]);
    expect(ranked[0].explanation).toContainEqual({
      field: 'name',
      level: 'exact',
      weight: expect.any(Number),
    });
  });

  it('scores a person by their best record', () => {
    const ranked = rankCandidatesForMatch(
      query,
      [
        candidateOf('person-a', 'record-1', AMELIA_MOVED),
        candidateOf('person-a', 'record-2', ameliaWithoutNhsNumber()),
      ],
      OPTIONS,
    );
    expect(ranked).toEqual([expect.objectContaining({ personId: 'person-a', grade: 'certain' })]);
  });

  it('returns at most count persons', () => {
    expect(
      rankCandidatesForMatch(query, candidates, OPTIONS, { count: 2 }).map(({ personId }) => personId),
    ).toEqual(['person-a', 'person-b']);
  });

  it('keeps only certain matches when asked', () => {
    const ranked = rankCandidatesForMatch(query, candidates, OPTIONS, { onlyCertainMatches: true });
    expect(ranked.map(({ personId }) => personId)).toEqual(['person-a']);
  });

  it('returns nothing when only certain matches are wanted and none is certain', () => {
    const ranked = rankCandidatesForMatch(
      query,
      [candidateOf('person-b', 'record-2', AMELIA_MOVED)],
      OPTIONS,
      {
        onlyCertainMatches: true,
      },
    );
    expect(ranked).toEqual([]);
  });

  it('does not depend on the order of candidates', () => {
    expect(rankCandidatesForMatch(query, [...candidates].reverse(), OPTIONS)).toEqual(
      rankCandidatesForMatch(query, candidates, OPTIONS),
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a count of %p', (count) => {
    expect(() => rankCandidatesForMatch(query, candidates, OPTIONS, { count })).toThrow(ValidationError);
  });

  it("scores 1 (certain) a person holding the query's NHS number with an agreeing birth date", () => {
    const withNhsNumber = amelia({
      names: [{ family: 'Hartly', given: ['Amy'] }],
      addresses: [],
      telecom: [],
    });
    const ranked = rankCandidatesForMatch(
      withNhsNumber,
      [candidateOf('person-a', 'record-1', AMELIA)],
      OPTIONS,
    );
    expect(ranked).toEqual([expect.objectContaining({ personId: 'person-a', score: 1, grade: 'certain' })]);
  });

  it('does not lift the score when the NHS number agrees but the birth date conflicts', () => {
    const query = amelia({ birthDate: '1990-07-21' });
    const [ranked] = rankCandidatesForMatch(query, [candidateOf('person-a', 'record-1', AMELIA)], OPTIONS);
    expect(ranked.score).toBeLessThan(1);
  });
});
