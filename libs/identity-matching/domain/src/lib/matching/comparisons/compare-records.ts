import type { ComparisonLevel, ComparisonVector } from '../comparison-levels';
import type { Demographics } from '../../local-record.types';
import { compareAddresses } from './address.comparison';
import { compareBirthDates } from './birth-date.comparison';
import { compareCities } from './city.comparison';
import { compareGenders } from './gender.comparison';
import { compareNames } from './name.comparison';
import { bothHaveUkPostcodes, comparePostcodes } from './postcode.comparison';
import { comparePhones, compareEmails } from './telecom.comparison';

/** UK postcode levels that already place two records in one town: the city adds nothing to them. */
const POSTCODE_LEVELS_IMPLYING_CITY: ReadonlySet<ComparisonLevel<'postcode'> | 'missing'> = new Set([
  'exact',
  'sector',
  'district',
]);

/**
 * Compares two records field by field, giving the level each field reaches — the input to
 * Fellegi–Sunter scoring. A field is `missing` wherever either record lacks it.
 *
 * The model treats fields as independent, so evidence one field implies is not counted again:
 * - when UK postcodes agree exactly, an agreeing (`high`) address is `missing`: an address agreeing
 *   within one postcode is nearly implied by it, and counting both gave a shared home twice the
 *   evidence — enough to link twins. A differing address under one postcode (a neighbour) still
 *   counts against;
 * - when UK postcodes agree to the district or finer, the city is `missing`.
 * Overseas postcodes (compared as written) imply neither, so both still count there.
 */
export function compareRecords(a: Demographics, b: Demographics): ComparisonVector {
  const postcode = comparePostcodes(a.addresses, b.addresses);
  const address = compareAddresses(a.addresses, b.addresses);
  const ukPostcodes = bothHaveUkPostcodes(a.addresses, b.addresses);
  const names = compareNames(a.names, b.names);
  return {
    name: names.name,
    givenName: names.givenName,
    birthDate: compareBirthDates(a.birthDate, b.birthDate),
    gender: compareGenders(a.gender, b.gender),
    postcode,
    address: ukPostcodes && postcode === 'exact' && address === 'high' ? 'missing' : address,
    city:
      ukPostcodes && POSTCODE_LEVELS_IMPLYING_CITY.has(postcode)
        ? 'missing'
        : compareCities(a.addresses, b.addresses),
    phone: comparePhones(a.telecom, b.telecom),
    email: compareEmails(a.telecom, b.telecom),
  };
}
