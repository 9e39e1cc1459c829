/**
 * The graded comparison levels of probabilistic (Fellegi–Sunter) matching, per field, ordered from
 * strongest agreement to disagreement. `missing` (either side lacks the field) is not a level: it
 * contributes no evidence either way.
 *
 * This table is the contract between the comparison functions (which say which level a pair of
 * records reaches on each field) and the scoring model (which holds m and u probabilities per level).
 */
export const COMPARISON_LEVELS = {
  /** Family and given names together. */
  name: [
    'exact', // family and first given name equal after normalisation
    'jaro-winkler-high', // both ≥ 0.94
    'nickname', // family equal (or ≥ 0.94) and given names are a known nickname/alias pair (Bill ~ William)
    'phonetic', // family and given phonetic codes equal
    'swapped', // family and given exchanged
    'family-only', // family equal (or ≥ 0.94), given different (e.g. siblings, or maiden/married forename use)
    'given-only', // given equal, family different (e.g. marriage)
    'jaro-winkler-mid', // both ≥ 0.85
    'different',
  ],
  birthDate: [
    'exact',
    'day-month-swapped', // 03/04 ↔ 04/03
    'one-digit-typo', // one digit differs (or two adjacent digits transposed)
    'year-within-one', // same day and month, year ±1
    'different',
  ],
  gender: ['exact', 'different'],
  postcode: [
    'exact', // full postcode (L8 1AB)
    'sector', // L8 1
    'district', // L8
    'area', // L
    'different',
  ],
  address: [
    'high', // token-set similarity ≥ 0.8 (house number agreeing)
    'medium', // ≥ 0.5
    'different',
  ],
  phone: ['exact', 'different'],
  email: ['exact', 'different'],
} as const;

export type ComparedField = keyof typeof COMPARISON_LEVELS;
export type ComparisonLevel<F extends ComparedField = ComparedField> = (typeof COMPARISON_LEVELS)[F][number];

/** For each field, the level a pair of records reaches, or `missing` when either side lacks it. */
export type ComparisonVector = { readonly [F in ComparedField]: ComparisonLevel<F> | 'missing' };

export const COMPARED_FIELDS = Object.keys(COMPARISON_LEVELS) as ComparedField[];
