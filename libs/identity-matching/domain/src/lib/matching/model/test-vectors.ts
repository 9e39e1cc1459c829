import type { ComparisonVector } from '../comparison-levels';

/** A comparison vector with every field `missing` except those given: for hand-made test vectors. */
export function vectorOf(levels: Partial<ComparisonVector>): ComparisonVector {
  return {
    name: 'missing',
    givenName: 'missing',
    birthDate: 'missing',
    gender: 'missing',
    postcode: 'missing',
    address: 'missing',
    city: 'missing',
    phone: 'missing',
    email: 'missing',
    ...levels,
  };
}

/** A comparison vector agreeing as strongly as possible on every field. */
export const FULL_AGREEMENT: ComparisonVector = {
  name: 'exact',
  givenName: 'exact',
  birthDate: 'exact',
  gender: 'exact',
  postcode: 'exact',
  address: 'high',
  city: 'exact',
  phone: 'exact',
  email: 'exact',
};

/** A comparison vector disagreeing on every field. */
export const FULL_DISAGREEMENT: ComparisonVector = {
  name: 'different',
  givenName: 'different',
  birthDate: 'different',
  gender: 'different',
  postcode: 'different',
  address: 'different',
  city: 'different',
  phone: 'different',
  email: 'different',
};
