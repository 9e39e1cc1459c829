import type { Address } from '@ilinks/identity-matching/domain';
import type { Random } from './seeded-random';

/** A postcode district (outward code) of Merseyside and the post town that serves it. */
export interface OutwardCode {
  readonly outward: string;
  readonly postTown: string;
}

const liverpoolPostTown = (district: number): string => {
  if (district === 20 || district === 30) return 'Bootle';
  if (district === 34 || district === 35) return 'Prescot';
  return 'Liverpool';
};

const wirralPostTown = (district: number): string => {
  if (district <= 43) return 'Birkenhead';
  if (district <= 45) return 'Wallasey';
  if (district === 64) return 'Neston';
  if (district >= 65) return 'Ellesmere Port';
  return 'Wirral';
};

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** Merseyside outward codes: L1–L38, CH41–CH49 and CH60–CH66, PR8–PR9, WA8–WA11, WN4–WN5. */
export const MERSEYSIDE_OUTWARD_CODES: readonly OutwardCode[] = [
  ...range(1, 38).map((district) => ({ outward: `L${district}`, postTown: liverpoolPostTown(district) })),
  ...[...range(41, 49), ...range(60, 66)].map((district) => ({
    outward: `CH${district}`,
    postTown: wirralPostTown(district),
  })),
  { outward: 'PR8', postTown: 'Southport' },
  { outward: 'PR9', postTown: 'Southport' },
  { outward: 'WA8', postTown: 'Widnes' },
  ...range(9, 11).map((district) => ({ outward: `WA${district}`, postTown: 'St Helens' })),
  { outward: 'WN4', postTown: 'Wigan' },
  { outward: 'WN5', postTown: 'Wigan' },
];

// Royal Mail never uses C, I, K, M, O or V in the inward code's letters.
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A postcode of the right shape for `outward`: `<outward> <digit><two letters>`. Not claimed to exist. */
export function generatePostcode(outward: string, random: Random): string {
  const letters = [...INWARD_LETTERS];
  return `${outward} ${random.int(0, 9)}${random.pick(letters)}${random.pick(letters)}`;
}

/** The shape of a UK postcode, loosely: outward code, space, digit and two letters. */
export const POSTCODE_PATTERN = /^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$/;

// prettier-ignore
const STREET_STEMS: readonly string[] = [
  'Church', 'Park', 'Victoria', 'Queens', 'Kings', 'Station', 'Mill', 'Derby', 'Smithdown', 'Lodge',
  'Aigburth', 'Allerton', 'Menlove', 'Mather', 'Rose', 'Hawthorne', 'Beech', 'Oak', 'Elm', 'Chestnut',
  'Sycamore', 'Cherry', 'Holly', 'Laburnum', 'Lime', 'Ash', 'Maple', 'Willow', 'Windsor', 'Albert',
  'Stanley', 'Sefton', 'Belmont', 'Newsham', 'Breck', 'Walton', 'Anfield', 'Everton', 'Picton', 'Wavertree',
  'Mossley', 'Woolton', 'Childwall', 'Knowsley', 'Croxteth', 'Norris', 'Rimrose', 'Moor', 'Marsh', 'Grange',
  'Manor', 'Highfield', 'Fairfield', 'Springfield', 'Brookside', 'Orchard', 'Meadow', 'Hillside', 'Bridge',
  'Mersey', 'Dee', 'Alt', 'Rydal', 'Grasmere', 'Coniston', 'Ullswater', 'Kenmare', 'Arundel', 'Balmoral',
];

// prettier-ignore
const STREET_KINDS: readonly (readonly [string, number])[] = [
  ['Road', 8], ['Street', 6], ['Avenue', 4], ['Lane', 3], ['Drive', 3], ['Close', 2], ['Crescent', 1],
  ['Grove', 1], ['Way', 1], ['Terrace', 1],
];

/** A plausible street name, e.g. `Menlove Avenue`. */
export function generateStreet(random: Random): string {
  return `${random.pick(STREET_STEMS)} ${random.weightedPick(STREET_KINDS)}`;
}

/** A house number: mostly low, as on most streets; occasionally a flat letter (`12A`). */
export function generateHouseNumber(random: Random): string {
  const number = random.chance(0.7) ? random.int(1, 60) : random.int(61, 250);
  return random.chance(0.03) ? `${number}A` : String(number);
}

/** A whole Merseyside address: house number and street, post town, postcode. */
export function generateAddress(random: Random): Address {
  const district = random.pick(MERSEYSIDE_OUTWARD_CODES);
  return {
    lines: [`${generateHouseNumber(random)} ${generateStreet(random)}`],
    city: district.postTown,
    postcode: generatePostcode(district.outward, random),
  };
}
