import type { Demographics } from '../../local-record.types';
import { defaultMatchModel } from '../model/match-model';
import { DEFAULT_PROBABILITY_THRESHOLDS } from '../model/thresholds';
import type { DecideMatchOptions, IncomingRecord } from './decide-match';
import type { MatchCandidate } from './score-candidates';

/** Valid (Modulus 11) NHS numbers for tests. */
export const NHS_NUMBERS = { amelia: '9434765919', other: '9434765005', third: '9434765013' } as const;

/** A realistic record of one woman in Liverpool, as a GP practice might send it. */
export const AMELIA: Demographics = {
  nhsNumber: '943 476 5919',
  names: [{ family: 'Hartley', given: ['Amelia', 'Jane'], use: 'official' }],
  birthDate: '1984-03-14',
  gender: 'female',
  addresses: [{ lines: ['12 Rodney Street'], city: 'Liverpool', postcode: 'L1 9EF' }],
  telecom: [{ system: 'phone', value: '07700 900123' }],
};

/** Amelia, as recorded years later by a hospital in Manchester: same name, birth year mistyped. */
export const AMELIA_MOVED: Demographics = {
  names: [{ family: 'Hartley', given: ['Amelia'] }],
  birthDate: '1985-03-14',
  gender: 'female',
  addresses: [{ lines: ['Flat 3', '48 Wilmslow Road'], city: 'Manchester', postcode: 'M14 5TQ' }],
  telecom: [],
};

/** A different person altogether. */
export const OLIVER: Demographics = {
  nhsNumber: NHS_NUMBERS.other,
  names: [{ family: 'Brennan', given: ['Oliver'] }],
  birthDate: '1952-11-02',
  gender: 'male',
  addresses: [{ lines: ['7 Headingley Lane'], city: 'Leeds', postcode: 'LS6 2AB' }],
  telecom: [],
};

/** Amelia's record with some fields replaced. */
export function amelia(overrides: Partial<Demographics> = {}): Demographics {
  return { ...AMELIA, ...overrides };
}

/** Amelia's record without an NHS number. */
export function ameliaWithoutNhsNumber(overrides: Partial<Demographics> = {}): Demographics {
  return { ...amelia(overrides), nhsNumber: undefined };
}

export function incomingOf(demographics: Demographics, localRecordId = 'incoming-record'): IncomingRecord {
  return { localRecordId, demographics };
}

export function candidateOf(
  personId: string,
  localRecordId: string,
  demographics: Demographics,
): MatchCandidate {
  return { personId, localRecordId, demographics };
}

export const OPTIONS: DecideMatchOptions = {
  model: defaultMatchModel(),
  thresholds: DEFAULT_PROBABILITY_THRESHOLDS,
  knownDifferent: [],
};
