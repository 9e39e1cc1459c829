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
 */
export function compareRecords(a: Demographics, b: Demographics): ComparisonVector {
  return {
    name: compareNames(a.names, b.names),
    birthDate: compareBirthDates(a.birthDate, b.birthDate),
    gender: compareGenders(a.gender, b.gender),
    postcode: comparePostcodes(a.addresses, b.addresses),
    address: compareAddresses(a.addresses, b.addresses),
    phone: comparePhones(a.telecom, b.telecom),
    email: compareEmails(a.telecom, b.telecom),
  };
}
