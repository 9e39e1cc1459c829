import type { Demographics } from '../../local-record.types';
import { compareRecords } from '../comparisons/compare-records';
import { defaultMatchModel } from './match-model';
import { scorePair } from './score';
import { classify, DEFAULT_PROBABILITY_THRESHOLDS } from './thresholds';

// Cold-start behaviour of the priors on whole records, the cases the priors were tuned against.
const HOME = { lines: ['14 Mill Lane'], city: 'Leeds', postcode: 'LS6 2AB' };
const LANDLINE = { system: 'phone', value: '0113 496 0000' } as const;

const emily: Demographics = {
  names: [{ family: 'Walsh', given: ['Emily'] }],
  birthDate: '1990-06-12',
  gender: 'female',
  addresses: [HOME],
  telecom: [LANDLINE],
};

function decisionFor(a: Demographics, b: Demographics) {
  return classify(
    scorePair(defaultMatchModel(), compareRecords(a, b)).probability,
    DEFAULT_PROBABILITY_THRESHOLDS,
  );
}

describe('defaultMatchModel on whole records', () => {
  it('does not link sisters sharing a home and a landline', () => {
    const sister: Demographics = {
      ...emily,
      names: [{ family: 'Walsh', given: ['Sophie'] }],
      birthDate: '1993-02-27',
    };
    expect(decisionFor(emily, sister)).not.toBe('link');
  });

  it('links the same record sent twice', () => {
    expect(decisionFor(emily, emily)).toBe('link');
  });

  it('links the same person after a move, without a phone', () => {
    const moved: Demographics = {
      ...emily,
      addresses: [{ lines: ['3 Park Road'], city: 'York', postcode: 'YO1 7HH' }],
      telecom: [],
    };
    expect(decisionFor(emily, moved)).toBe('link');
  });

  it('treats a stranger as a new person', () => {
    const stranger: Demographics = {
      names: [{ family: 'Okafor', given: ['Daniel'] }],
      birthDate: '1971-11-03',
      gender: 'male',
      addresses: [{ lines: ['9 Bold Street'], postcode: 'L1 4DS' }],
      telecom: [],
    };
    expect(decisionFor(emily, stranger)).toBe('new-person');
  });
});
