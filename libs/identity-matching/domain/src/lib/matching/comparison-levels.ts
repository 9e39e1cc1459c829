/**
 * The graded comparison levels of probabilistic (Fellegi–Sunter) matching, per field, ordered from
 * strongest agreement to disagreement. `missing` (either side lacks the field) is not a level: it
 * contributes no evidence either way.
 *
 * This table is the contract between the comparison functions (which say which level a pair of
 * records reaches on each field) and the scoring model (which holds m and u probabilities per level).
 */
export const COMPARISON_LEVELS = {
  /**
   * The family name (surname). Kept under the key `name` because explanations and term frequencies
   * already name it so; the first given name is the separate `givenName`, so a typo in one of the two
   * costs only that field's weight.
   */
  name: [
    'exact', // equal after normalisation
    'jaro-winkler-high', // ≥ 0.94 alike (a typo)
    'phonetic', // equal phonetic codes (Smith ~ Smyth)
    'swapped', // family and first given name exchanged, one crossed pair ≥ 0.94 and the other ≥ 0.85; givenName is then missing
    'jaro-winkler-mid', // ≥ 0.85 alike
    'different',
  ],
  /** The first given name. */
  givenName: [
    'exact', // equal after normalisation
    'jaro-winkler-high', // ≥ 0.94 alike
    'nickname', // a known nickname or alias pair (Bill ~ William)
    'phonetic', // equal phonetic codes (Catherine ~ Kathryn)
    'jaro-winkler-mid', // ≥ 0.85 alike
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
    'one-character-typo', // overseas postcodes only: one character differs, or two adjacent are transposed
    'sector', // L8 1
    'district', // L8
    'area', // L
    'different',
  ],
  address: [
    'high', // lines ≥ 0.8 alike, by words or by letters ignoring spaces, house numbers agreeing
    'medium', // ≥ 0.5 alike
    'different',
  ],
  /** Town or city (locality); compared only where the postcodes do not already agree to the district. */
  city: [
    'exact', // equal after normalisation
    'jaro-winkler-high', // ≥ 0.94 alike
    'jaro-winkler-mid', // ≥ 0.85 alike
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
