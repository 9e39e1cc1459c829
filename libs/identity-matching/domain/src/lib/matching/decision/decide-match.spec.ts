import { ValidationError } from '@ilinks/shared/kernel';
import type { DecideMatchOptions, MatchingDecision, ReviewDecision } from './decide-match';
import { decideMatch } from './decide-match';
import {
  AMELIA,
  AMELIA_MOVED,
  amelia,
  ameliaWithoutNhsNumber,
  candidateOf,
  incomingOf,
  NHS_NUMBERS,
  OLIVER,
  OPTIONS,
} from './test-fixtures';

const INVALID_NHS_NUMBER = '9434765918';

function expectReview(decision: MatchingDecision): ReviewDecision {
  if (decision.outcome !== 'review') throw new Error(`expected review, got ${decision.outcome}`);
  return decision;
}

function reviewedPersons(decision: MatchingDecision): string[] {
  return expectReview(decision).candidates.map(({ personId }) => personId);
}

describe('decideMatch', () => {
  describe('rule 1: a valid NHS number with an agreeing birth date links deterministically', () => {
    it('links by NHS number when the birth date agrees exactly, even though the address changed', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [
          candidateOf('person-a', 'record-1', {
            ...AMELIA_MOVED,
            birthDate: AMELIA.birthDate,
            nhsNumber: NHS_NUMBERS.amelia,
          }),
        ],
        OPTIONS,
      );
      expect(decision).toMatchObject({
        outcome: 'link',
        personId: 'person-a',
        method: 'nhs-number',
        score: 1,
        grade: 'certain',
      });
    });

    it('links when day and month were swapped on keying', () => {
      const decision = decideMatch(
        incomingOf(amelia({ birthDate: '1984-03-11' })),
        [
          candidateOf('person-a', 'record-1', {
            ...AMELIA_MOVED,
            birthDate: '1984-11-03',
            nhsNumber: NHS_NUMBERS.amelia,
          }),
        ],
        OPTIONS,
      );
      expect(decision).toMatchObject({ outcome: 'link', method: 'nhs-number' });
    });

    it('links when one digit of the birth date was mistyped', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [
          candidateOf('person-a', 'record-1', {
            ...AMELIA_MOVED,
            birthDate: '1984-03-15',
            nhsNumber: NHS_NUMBERS.amelia,
          }),
        ],
        OPTIONS,
      );
      expect(decision).toMatchObject({ outcome: 'link', method: 'nhs-number' });
    });

    it('links when one person holds the NHS number on several records', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [
          candidateOf('person-a', 'record-1', amelia()),
          candidateOf('person-a', 'record-2', { ...AMELIA_MOVED, nhsNumber: NHS_NUMBERS.amelia }),
        ],
        OPTIONS,
      );
      expect(decision).toMatchObject({ outcome: 'link', personId: 'person-a', method: 'nhs-number' });
    });

    it('explains by field level and weight, never by raw values', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', amelia())],
        OPTIONS,
      );
      if (decision.outcome !== 'link') throw new Error('expected a link');
      expect(decision.explanation).toContainEqual({
        field: 'name',
        level: 'exact',
        weight: expect.any(Number),
      });
      const serialised = JSON.stringify(decision);
      for (const value of ['Hartley', 'Amelia', '1984', 'L1 9EF', 'Rodney', '07700', NHS_NUMBERS.amelia]) {
        expect(serialised).not.toContain(value);
      }
    });

    it('does not link by NHS number when the incoming number fails Modulus 11', () => {
      const decision = decideMatch(
        incomingOf(amelia({ nhsNumber: INVALID_NHS_NUMBER })),
        [candidateOf('person-a', 'record-1', { ...AMELIA_MOVED, nhsNumber: INVALID_NHS_NUMBER })],
        OPTIONS,
      );
      expect(expectReview(decision).candidates).toEqual([
        expect.objectContaining({ personId: 'person-a', reasons: ['score-at-or-above-review-threshold'] }),
      ]);
    });

    it('does not link by NHS number when the candidate has none', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', AMELIA_MOVED)],
        OPTIONS,
      );
      expect(decision.outcome).toBe('review');
    });
  });

  describe('rule 2: conflicting evidence goes to review', () => {
    it('reviews the same NHS number with a birth date no keying error explains', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', amelia({ birthDate: '1979-08-30' }))],
        OPTIONS,
      );
      expect(expectReview(decision).candidates).toEqual([
        expect.objectContaining({
          personId: 'person-a',
          reasons: ['nhs-number-agrees-birth-date-conflicts', 'score-at-or-above-link-threshold'],
        }),
      ]);
    });

    it('reviews the same NHS number with birth years a year apart', () => {
      const decision = decideMatch(
        incomingOf(amelia({ birthDate: '1990-03-14' })),
        [candidateOf('person-a', 'record-1', amelia({ birthDate: '1989-03-14' }))],
        OPTIONS,
      );
      expect(expectReview(decision).candidates[0].reasons).toContain(
        'nhs-number-agrees-birth-date-conflicts',
      );
    });

    it('reviews the same NHS number when a birth date cannot be read, so nothing confirms it', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', amelia({ birthDate: '14/03/1984' }))],
        OPTIONS,
      );
      expect(expectReview(decision).candidates[0].reasons).toContain('nhs-number-agrees-birth-date-missing');
    });

    it('lists an NHS number holder whose birth date conflicts even when the score is low', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', { ...OLIVER, nhsNumber: NHS_NUMBERS.amelia })],
        OPTIONS,
      );
      expect(expectReview(decision).candidates).toEqual([
        expect.objectContaining({
          personId: 'person-a',
          grade: 'certainly-not',
          reasons: ['nhs-number-agrees-birth-date-conflicts', 'score-below-review-threshold'],
        }),
      ]);
    });

    it('reviews a strong probabilistic match whose valid NHS number differs', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', amelia({ nhsNumber: NHS_NUMBERS.other }))],
        OPTIONS,
      );
      expect(expectReview(decision).candidates[0].reasons).toEqual([
        'nhs-number-differs',
        'score-at-or-above-link-threshold',
      ]);
    });

    it('reviews a confirmed NHS number holder when another strong match holds a different number', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [
          candidateOf('person-a', 'record-1', {
            ...AMELIA_MOVED,
            birthDate: AMELIA.birthDate,
            nhsNumber: NHS_NUMBERS.amelia,
          }),
          candidateOf('person-b', 'record-2', amelia({ nhsNumber: NHS_NUMBERS.other })),
        ],
        OPTIONS,
      );
      expect(reviewedPersons(decision)).toEqual(['person-b', 'person-a']);
    });

    it('links probabilistically when the differing NHS number fails Modulus 11', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', amelia({ nhsNumber: INVALID_NHS_NUMBER }))],
        OPTIONS,
      );
      expect(decision).toMatchObject({ outcome: 'link', personId: 'person-a', method: 'probabilistic' });
    });

    it('links probabilistically when the incoming record has no NHS number to conflict with', () => {
      const decision = decideMatch(
        incomingOf(ameliaWithoutNhsNumber()),
        [candidateOf('person-a', 'record-1', amelia({ nhsNumber: NHS_NUMBERS.other }))],
        OPTIONS,
      );
      expect(decision).toMatchObject({ outcome: 'link', method: 'probabilistic' });
    });

    it('reviews two persons who both hold the NHS number', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-b', 'record-2', amelia()), candidateOf('person-a', 'record-1', amelia())],
        OPTIONS,
      );
      const review = expectReview(decision);
      expect(review.candidates.map(({ personId }) => personId)).toEqual(['person-a', 'person-b']);
      for (const candidate of review.candidates) {
        expect(candidate.reasons).toContain('nhs-number-shared-by-several-persons');
      }
    });
  });

  describe('rule 3: probabilistic matching', () => {
    it('links the best person when they reach the link threshold', () => {
      const decision = decideMatch(
        incomingOf(ameliaWithoutNhsNumber()),
        [
          candidateOf('person-a', 'record-1', ameliaWithoutNhsNumber()),
          candidateOf('person-o', 'record-2', OLIVER),
        ],
        OPTIONS,
      );
      expect(decision).toMatchObject({
        outcome: 'link',
        personId: 'person-a',
        method: 'probabilistic',
        grade: 'certain',
      });
    });

    it('scores a person by their best record', () => {
      const decision = decideMatch(
        incomingOf(ameliaWithoutNhsNumber()),
        [
          candidateOf('person-a', 'record-1', AMELIA_MOVED),
          candidateOf('person-a', 'record-2', ameliaWithoutNhsNumber()),
        ],
        OPTIONS,
      );
      expect(decision).toMatchObject({ outcome: 'link', personId: 'person-a' });
    });

    it('links at exactly the link threshold', () => {
      const incoming = incomingOf(ameliaWithoutNhsNumber());
      const candidates = [candidateOf('person-a', 'record-1', AMELIA_MOVED)];
      const review = expectReview(decideMatch(incoming, candidates, OPTIONS));
      const thresholds = { link: review.candidates[0].score, review: 0.5 };
      expect(decideMatch(incoming, candidates, { ...OPTIONS, thresholds })).toMatchObject({
        outcome: 'link',
      });
    });

    it('reviews a person between the thresholds', () => {
      const decision = decideMatch(
        incomingOf(ameliaWithoutNhsNumber()),
        [candidateOf('person-a', 'record-1', AMELIA_MOVED)],
        OPTIONS,
      );
      expect(expectReview(decision).candidates).toEqual([
        {
          personId: 'person-a',
          score: expect.any(Number),
          grade: 'possible',
          explanation: expect.arrayContaining([
            { field: 'birthDate', level: 'one-digit-typo', weight: expect.any(Number) },
          ]),
          reasons: ['score-at-or-above-review-threshold'],
        },
      ]);
    });

    it('lists every person at or above the review threshold, best first, and no one below it', () => {
      const decision = decideMatch(
        incomingOf(ameliaWithoutNhsNumber()),
        [
          candidateOf('person-o', 'record-3', OLIVER),
          candidateOf('person-b', 'record-2', { ...AMELIA_MOVED, gender: 'unknown' }),
          candidateOf('person-a', 'record-1', AMELIA_MOVED),
        ],
        OPTIONS,
      );
      expect(reviewedPersons(decision)).toEqual(['person-a', 'person-b']);
    });

    it('reviews rather than guesses when two persons reach the link threshold', () => {
      const decision = decideMatch(
        incomingOf(ameliaWithoutNhsNumber()),
        [
          candidateOf('person-a', 'record-1', ameliaWithoutNhsNumber()),
          candidateOf('person-b', 'record-2', ameliaWithoutNhsNumber()),
        ],
        OPTIONS,
      );
      const review = expectReview(decision);
      expect(review.candidates.map(({ reasons }) => reasons)).toEqual([
        ['several-persons-above-link-threshold', 'score-at-or-above-link-threshold'],
        ['several-persons-above-link-threshold', 'score-at-or-above-link-threshold'],
      ]);
    });

    it('links when only one of two persons reaches the link threshold', () => {
      const decision = decideMatch(
        incomingOf(ameliaWithoutNhsNumber()),
        [
          candidateOf('person-a', 'record-1', ameliaWithoutNhsNumber()),
          candidateOf('person-b', 'record-2', AMELIA_MOVED),
        ],
        OPTIONS,
      );
      expect(decision).toMatchObject({ outcome: 'link', personId: 'person-a' });
    });

    it('starts a new person when no one reaches the review threshold, keeping the best score', () => {
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-o', 'record-1', OLIVER)],
        OPTIONS,
      );
      expect(decision).toEqual({
        outcome: 'new-person',
        bestScore: expect.any(Number),
        explanation: expect.any(Array),
      });
    });

    it('starts a new person when there are no candidates', () => {
      expect(decideMatch(incomingOf(AMELIA), [], OPTIONS)).toEqual({ outcome: 'new-person' });
    });
  });

  describe('known different people', () => {
    const candidates = [candidateOf('person-a', 'record-1', ameliaWithoutNhsNumber())];

    it('leaves out a person a human decided differs from the incoming record', () => {
      const options: DecideMatchOptions = { ...OPTIONS, knownDifferent: [['person-a', 'incoming-record']] };
      expect(decideMatch(incomingOf(ameliaWithoutNhsNumber()), candidates, options)).toEqual({
        outcome: 'new-person',
      });
    });

    it('leaves out a person a human decided differs from the person the record is linked to', () => {
      const options: DecideMatchOptions = { ...OPTIONS, knownDifferent: [['person-z', 'person-a']] };
      const incoming = { ...incomingOf(ameliaWithoutNhsNumber()), personId: 'person-z' };
      expect(decideMatch(incoming, candidates, options)).toEqual({ outcome: 'new-person' });
    });

    it('never links by NHS number to a person known to be different', () => {
      const options: DecideMatchOptions = { ...OPTIONS, knownDifferent: [['incoming-record', 'person-a']] };
      const decision = decideMatch(
        incomingOf(AMELIA),
        [candidateOf('person-a', 'record-1', amelia())],
        options,
      );
      expect(decision).toEqual({ outcome: 'new-person' });
    });

    it('keeps a person when the decision concerned another record', () => {
      const options: DecideMatchOptions = { ...OPTIONS, knownDifferent: [['other-record', 'person-a']] };
      expect(decideMatch(incomingOf(ameliaWithoutNhsNumber()), candidates, options)).toMatchObject({
        outcome: 'link',
        personId: 'person-a',
      });
    });
  });

  describe('rule 4: deterministic', () => {
    const candidates = [
      candidateOf('person-c', 'record-3', AMELIA_MOVED),
      candidateOf('person-a', 'record-1', AMELIA_MOVED),
      candidateOf('person-b', 'record-2', { ...AMELIA_MOVED, gender: 'unknown' }),
    ];

    it('gives the same decision whatever the order of candidates', () => {
      const incoming = incomingOf(ameliaWithoutNhsNumber());
      expect(decideMatch(incoming, [...candidates].reverse(), OPTIONS)).toEqual(
        decideMatch(incoming, candidates, OPTIONS),
      );
    });

    it('breaks equal scores by person id', () => {
      const decision = decideMatch(incomingOf(ameliaWithoutNhsNumber()), candidates, OPTIONS);
      expect(reviewedPersons(decision)).toEqual(['person-a', 'person-c', 'person-b']);
    });

    it('refuses thresholds where link is below review', () => {
      const options: DecideMatchOptions = { ...OPTIONS, thresholds: { link: 0.5, review: 0.9 } };
      expect(() => decideMatch(incomingOf(AMELIA), candidates, options)).toThrow(ValidationError);
    });
  });

  describe('term frequency', () => {
    it('passes the pair to the lookup and lets a common name weigh less', () => {
      const incoming = incomingOf(ameliaWithoutNhsNumber());
      const candidates = [candidateOf('person-a', 'record-1', AMELIA_MOVED)];
      const termFrequency = jest.fn().mockReturnValue({ name: 0.05 });
      const plain = expectReview(decideMatch(incoming, candidates, OPTIONS));
      const adjusted = decideMatch(incoming, candidates, { ...OPTIONS, termFrequency });
      expect(termFrequency).toHaveBeenCalledWith(incoming.demographics, candidates[0]);
      if (adjusted.outcome !== 'new-person') throw new Error(`expected new-person, got ${adjusted.outcome}`);
      expect(adjusted.bestScore).toBeLessThan(plain.candidates[0].score);
    });
  });
});
