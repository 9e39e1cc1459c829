import type { ComparisonVector } from '../comparison-levels';
import type { Demographics } from '../../local-record.types';
import { compareAddresses } from './address.comparison';
import { compareBirthDates } from './birth-date.comparison';
import { compareGenders } from './gender.comparison';
import { compareNames } from './name.comparison';
import { comparePostcodes } from './postcode.comparison';
import { comparePhones, compareEmails } from './telecom.comparison';

/**
 * Compares two records field by field, giving the level each field reaches — the input to
 * Fellegi–Sunter scoring. A field is `missing` wherever either record lacks it.
 *
 * One exception: when the postcodes agree exactly, an agreeing (`high`) address is reported as
 * `missing`. The model treats fields as independent, but an address agreeing within one postcode is
 * nearly implied by it, so counting both gave a shared home twice the evidence — enough to link
 * twins. A differing address under one postcode (a neighbour) still counts against.
 */
export function compareRecords(a: Demographics, b: Demographics): ComparisonVector {
  const postcode = comparePostcodes(a.addresses, b.addresses);
  const address = compareAddresses(a.addresses, b.addresses);
  return {
    name: compareNames(a.names, b.names),
    birthDate: compareBirthDates(a.birthDate, b.birthDate),
    gender: compareGenders(a.gender, b.gender),
    postcode,
    address: postcode === 'exact' && address === 'high' ? 'missing' : address,
    phone: comparePhones(a.telecom, b.telecom),
    email: compareEmails(a.telecom, b.telecom),
  };
}
