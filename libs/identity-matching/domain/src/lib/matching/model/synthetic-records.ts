import type { Demographics } from '../../local-record.types';
import type { RandomSource } from './seeded-random';
import { mulberry32 } from './seeded-random';

const FAMILY_NAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Okafor', 'Nowak', 'Featherstone', 'Patel'];
const GIVEN_NAMES = ['Amelia', 'Oliver', 'Grace', 'Harry', 'Aisha', 'Tomasz', 'Isla', 'Ravi', 'Mary'];
const DISTRICTS = ['L8', 'M14', 'LS6', 'B12', 'NE4'];

function pick<T>(random: RandomSource, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

function person(random: RandomSource, index: number): Demographics {
  const district = pick(random, DISTRICTS);
  return {
    names: [{ family: pick(random, FAMILY_NAMES), given: [pick(random, GIVEN_NAMES)] }],
    birthDate: `${1930 + Math.floor(random() * 80)}-${twoDigits(1 + Math.floor(random() * 12))}-${twoDigits(
      1 + Math.floor(random() * 28),
    )}`,
    gender: random() < 0.5 ? 'female' : 'male',
    addresses: [
      {
        lines: [`${1 + Math.floor(random() * 90)} ${pick(random, ['High', 'Church', 'Mill'])} Street`],
        postcode: `${district} ${1 + Math.floor(random() * 9)}${pick(random, ['AB', 'CD', 'EF'])}`,
      },
    ],
    telecom: [{ system: 'phone', value: `07700 9${String(index).padStart(5, '0')}` }],
  };
}

/** A second record of the same person as another partner might hold it: often moved, no phone. */
function anotherRecordOf(random: RandomSource, original: Demographics): Demographics {
  const moved = random() < 0.2;
  return {
    ...original,
    addresses: moved ? [{ lines: ['1 New Road'], postcode: 'SW1A 1AA' }] : original.addresses,
    telecom: random() < 0.5 ? original.telecom : [],
  };
}

/**
 * Deterministic synthetic records for model specs (not a realistic population: see
 * `tools/identity-data` for that): `persons` people, most held twice by different partners.
 */
export function syntheticRecords(persons: number, seed: number): Demographics[] {
  const random = mulberry32(seed);
  return Array.from({ length: persons }, (_, index) => person(random, index)).flatMap((original) =>
    random() < 0.8 ? [original, anotherRecordOf(random, original)] : [original],
  );
}
