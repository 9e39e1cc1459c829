import type { Demographics } from '../../local-record.types';
import { nameKey, normalisePostcode } from '../comparisons/normalise';
import type { TermFrequency } from './score';

/**
 * How common each family name and postcode is among the records a model was trained on: the share of
 * records holding the value. Only values held by at least two records are kept, so the table stays
 * bounded and never singles out one person; plain JSON, to be stored beside the model.
 */
export interface TermFrequencyTables {
  /** By family name key (see `nameKey`). */
  readonly family: Readonly<Record<string, number>>;
  /** By normalised postcode (see `normalisePostcode`). */
  readonly postcode: Readonly<Record<string, number>>;
}

/** Tables that adjust nothing (cold start). */
export function emptyTermFrequencyTables(): TermFrequencyTables {
  return { family: {}, postcode: {} };
}

function familyKeyOf(demographics: Demographics): string | undefined {
  const family = demographics.names[0]?.family;
  return family === undefined ? undefined : nameKey(family) || undefined;
}

function postcodeKeyOf(demographics: Demographics): string | undefined {
  const postcode = demographics.addresses[0]?.postcode;
  return postcode === undefined ? undefined : normalisePostcode(postcode);
}

function sharesOfRepeatedValues(values: readonly (string | undefined)[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  const repeated = [...counts].filter(([, count]) => count >= 2).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(repeated.map(([value, count]) => [value, count / values.length]));
}

/**
 * Builds {@link TermFrequencyTables} from records (first name's family name, first address's
 * postcode), each share taken over all the records.
 */
export function buildTermFrequencyTables(records: readonly Demographics[]): TermFrequencyTables {
  return {
    family: sharesOfRepeatedValues(records.map(familyKeyOf)),
    postcode: sharesOfRepeatedValues(records.map(postcodeKeyOf)),
  };
}

/** The rarer-looking side would overstate the evidence, so the commoner of the two known values. */
function commonerShare(
  table: Readonly<Record<string, number>>,
  a: string | undefined,
  b: string | undefined,
): number | undefined {
  const shares = [a, b].flatMap((value) =>
    value !== undefined && Object.prototype.hasOwnProperty.call(table, value) ? [table[value]] : [],
  );
  return shares.length === 0 ? undefined : Math.max(...shares);
}

function sumOfSquares(table: Readonly<Record<string, number>>): number | undefined {
  const sum = Object.values(table).reduce((total, share) => total + share * share, 0);
  return sum > 0 ? sum : undefined;
}

// Tables are immutable once built, so their baselines are computed once, not once per pair.
const baselines = new WeakMap<TermFrequencyTables, NonNullable<TermFrequency['baseline']>>();

/**
 * The chance that two records drawn at random share a value, per field: Σ share² over the tables
 * (values on one record only add at most 1/records, so leaving them out barely moves it).
 */
export function termFrequencyBaseline(tables: TermFrequencyTables): NonNullable<TermFrequency['baseline']> {
  const cached = baselines.get(tables);
  if (cached !== undefined) return cached;
  const name = sumOfSquares(tables.family);
  const postcode = sumOfSquares(tables.postcode);
  const baseline = {
    ...(name === undefined ? {} : { name }),
    ...(postcode === undefined ? {} : { postcode }),
  };
  baselines.set(tables, baseline);
  return baseline;
}

/**
 * The term frequencies to score a pair with (see `scorePair`): for family name and postcode, the
 * share of the commoner of the two records' values, with the tables' {@link termFrequencyBaseline}
 * so the adjustment is relative: common names count less, rare ones more, and the level's average
 * weight stays where training put it (the `name` field is the family name alone). A value
 * the tables do not hold (seen on fewer than two records) gives no adjustment for that field;
 * `undefined` when neither field has one.
 */
export function termFrequencyFor(
  tables: TermFrequencyTables,
  incoming: Demographics,
  candidate: Demographics,
): TermFrequency | undefined {
  const name = commonerShare(tables.family, familyKeyOf(incoming), familyKeyOf(candidate));
  const postcode = commonerShare(tables.postcode, postcodeKeyOf(incoming), postcodeKeyOf(candidate));
  if (name === undefined && postcode === undefined) return undefined;
  return {
    ...(name === undefined ? {} : { name }),
    ...(postcode === undefined ? {} : { postcode }),
    baseline: termFrequencyBaseline(tables),
  };
}
