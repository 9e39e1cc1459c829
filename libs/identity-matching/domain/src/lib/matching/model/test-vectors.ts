import type { ComparisonVector } from '../comparison-levels';

/** A comparison vector with every field `missing` except those given: for hand-made test vectors. */
export function vectorOf(levels: Partial<ComparisonVector>): ComparisonVector {
  return {
    name: 'missing',
    birthDate: 'missing',
    gender: 'missing',
    postcode: 'missing',
    address: 'missing',
    phone: 'missing',
    email: 'missing',
    ...levels,
  };
}

/** A comparison vector agreeing as strongly as possible on every field. */
export const FULL_AGREEMENT: ComparisonVector = {
  name: 'exact',
  birthDate: 'exact',
  gender: 'exact',
  postcode: 'exact',
  address: 'high',
  phone: 'exact',
  email: 'exact',
};

/** A comparison vector disagreeing on every field. */
export const FULL_DISAGREEMENT: ComparisonVector = {
  name: 'different',
  birthDate: 'different',
  gender: 'different',
  postcode: 'different',
  address: 'different',
  phone: 'different',
  email: 'different',
};
