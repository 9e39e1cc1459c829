import type { Address, ContactPoint, Demographics, LocalRecordRef } from '@ilinks/identity-matching/domain';
import { generateNhsNumber, transposeNhsNumberDigits } from './nhs-number-generator';
import { shiftYearByOne, swapDayAndMonth, typoDateDigit, typoName } from './record-errors';
import { SAMPLE_ORGANISATIONS, type SampleOrganisation } from './sample-organisations';
import { createRandom, type Random } from './seeded-random';
import { GIVEN_NAMES, nameDecadeFor, NICKNAMES, type Sex, SURNAMES, weightedGivenNames } from './uk-names';
import { generateAddress } from './uk-places';

/** How often each error or gap appears in a local record (probabilities per eligible record). */
export interface ErrorRates {
  readonly familyTypo: number;
  readonly givenTypo: number;
  /** First given name recorded as a familiar form (William → Bill), when it has one. */
  readonly nickname: number;
  /** When the day could be a month and differs from it. */
  readonly dayMonthSwap: number;
  readonly dateDigitTypo: number;
  readonly yearOffByOne: number;
  /** Keyed with two digits swapped: fails Modulus 11, so the partner drops it. */
  readonly nhsNumberTransposed: number;
  readonly nhsNumberMissing: number;
  /** The record still holds the previous address. */
  readonly movedAddress: number;
  /** For adult women: the record holds the maiden surname, the others the married one. */
  readonly maidenName: number;
  readonly phoneMissing: number;
  readonly emailMissing: number;
}

/** One kind of deviation of a record from its person's truth. */
export type RecordError = keyof ErrorRates;

/** Rates in the range seen in UK partner systems. */
export const DEFAULT_ERROR_RATES: ErrorRates = {
  familyTypo: 0.03,
  givenTypo: 0.03,
  nickname: 0.05,
  dayMonthSwap: 0.01,
  dateDigitTypo: 0.01,
  yearOffByOne: 0.005,
  nhsNumberTransposed: 0.005,
  nhsNumberMissing: 0.2,
  movedAddress: 0.1,
  maidenName: 0.03,
  phoneMissing: 0.4,
  emailMissing: 0.7,
};

export interface PopulationOptions {
  readonly persons: number;
  /** Nobody is born on or after this date (`YYYY-MM-DD`); defaults to 2026-01-01. */
  readonly referenceDate?: string;
  /** Share of persons who are one of a pair of twins; defaults to 0.5%. */
  readonly twinRate?: number;
  /** Share of persons who share family name, first given name and birth date with another; 0.2%. */
  readonly namesakeRate?: number;
  readonly errorRates?: Partial<ErrorRates>;
}

/** The truth about one synthetic person, against which matching is measured. */
export interface TruePerson {
  readonly id: string;
  readonly nhsNumber: string;
  readonly family: string;
  readonly given: readonly string[];
  readonly gender: Sex;
  readonly birthDate: string;
  readonly address: Address;
  /** Where the person lived before; records that were not updated still hold it. */
  readonly previousAddress: Address;
  readonly phone: string;
  readonly email: string;
  /** Set when at least one record holds her maiden surname. */
  readonly maidenFamily?: string;
  readonly twinOf?: string;
  readonly namesakeOf?: string;
}

/** A local record as a partner would send it, with the id of the person it truly belongs to. */
export interface LocalRecordFixture extends LocalRecordRef {
  readonly demographics: Demographics;
  readonly truePersonId: string;
  /** The deviations applied to this record, for measuring and debugging; a matcher must not read it. */
  readonly errors: readonly RecordError[];
}

export interface Population {
  readonly persons: readonly TruePerson[];
  readonly records: readonly LocalRecordFixture[];
}

const DEFAULT_REFERENCE_DATE = '2026-01-01';

// Rough shape of the UK population by decade of age.
// prettier-ignore
const AGE_BANDS: readonly (readonly [number, number])[] = [
  [0, 11], [10, 12], [20, 13], [30, 13], [40, 12], [50, 13], [60, 11], [70, 9], [80, 5], [90, 1],
];

// prettier-ignore
const RECORDS_PER_PERSON: readonly (readonly [number, number])[] = [
  [1, 40], [2, 30], [3, 20], [4, 10],
];

const ADULT_AGE = 18;

/**
 * A synthetic Merseyside population and the local records its people have at sample partners,
 * with errors at the given rates. Pure: the same options and seed always give the same output.
 */
export function generatePopulation(options: PopulationOptions, seed: number): Population {
  const random = createRandom(seed);
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const rates: ErrorRates = { ...DEFAULT_ERROR_RATES, ...options.errorRates };
  const issuedNhsNumbers = new Set<string>();
  const uniqueNhsNumber = (): string => {
    for (;;) {
      const nhsNumber = generateNhsNumber(random);
      if (!issuedNhsNumbers.has(nhsNumber)) {
        issuedNhsNumbers.add(nhsNumber);
        return nhsNumber;
      }
    }
  };
  const people = generatePeople(options, referenceDate, random, uniqueNhsNumber);

  const issuedIdentifiers = new Set<string>();
  const persons: TruePerson[] = [];
  const records: Omit<LocalRecordFixture, 'localRecordId'>[] = [];
  for (const person of people) {
    const maidenFamily = isAdultWoman(person, referenceDate)
      ? otherSurname(person.family, random)
      : undefined;
    const organisations = pickOrganisations(person, random.weightedPick(RECORDS_PER_PERSON), random);
    const personRecords = organisations.map((organisation) => ({
      organisation: organisation.code,
      identifier: {
        system: organisation.identifierSystem,
        value: uniqueIdentifierValue(organisation, random, issuedIdentifiers),
      },
      truePersonId: person.id,
      ...recordDemographics(person, maidenFamily, rates, referenceDate, random),
    }));
    const maidenNameUsed = personRecords.some((record) => record.errors.includes('maidenName'));
    persons.push(maidenNameUsed ? { ...person, maidenFamily } : person);
    records.push(...personRecords);
  }
  // Shuffled so that neither order nor record ids give away which records belong together.
  const shuffled = random.shuffle(records).map((record, index) => ({
    localRecordId: `lr-${String(index + 1).padStart(7, '0')}`,
    ...record,
  }));
  return { persons, records: shuffled };
}

function generatePeople(
  options: PopulationOptions,
  referenceDate: string,
  random: Random,
  uniqueNhsNumber: () => string,
): TruePerson[] {
  const twinRate = options.twinRate ?? 0.005;
  const namesakeRate = options.namesakeRate ?? 0.002;
  const people: TruePerson[] = [];
  const nextId = (): string => `person-${String(people.length + 1).padStart(6, '0')}`;
  while (people.length < options.persons) {
    if (people.length > 0 && random.chance(namesakeRate)) {
      people.push(namesakeOf(random.pick(people), nextId(), random, uniqueNhsNumber));
      continue;
    }
    const person = newPerson(nextId(), referenceDate, random, uniqueNhsNumber);
    people.push(person);
    // Half the rate, because each birth brings two twins.
    if (people.length < options.persons && random.chance(twinRate / 2)) {
      people.push(twinOf(person, nextId(), random, uniqueNhsNumber));
    }
  }
  return people;
}

function newPerson(
  id: string,
  referenceDate: string,
  random: Random,
  uniqueNhsNumber: () => string,
): TruePerson {
  const gender: Sex = random.chance(0.5) ? 'female' : 'male';
  const birthDate = randomBirthDate(referenceDate, random);
  const family = random.weightedPick(SURNAMES);
  const given = givenNames(Number(birthDate.slice(0, 4)), gender, random);
  return {
    id,
    nhsNumber: uniqueNhsNumber(),
    family,
    given,
    gender,
    birthDate,
    address: generateAddress(random),
    previousAddress: generateAddress(random),
    phone: mobileNumber(random),
    email: emailAddress(given[0], family, random),
  };
}

/** A twin: same birth date, surname and home; own names, NHS number, phone and email. */
function twinOf(sibling: TruePerson, id: string, random: Random, uniqueNhsNumber: () => string): TruePerson {
  const gender: Sex = random.chance(0.5) ? 'female' : 'male';
  const birthYear = Number(sibling.birthDate.slice(0, 4));
  let given = givenNames(birthYear, gender, random);
  while (given[0] === sibling.given[0]) given = givenNames(birthYear, gender, random);
  return {
    ...sibling,
    id,
    nhsNumber: uniqueNhsNumber(),
    given,
    gender,
    phone: mobileNumber(random),
    email: emailAddress(given[0], sibling.family, random),
    twinOf: sibling.id,
  };
}

/** Another person who happens to share family name, first given name, sex and birth date. */
function namesakeOf(
  other: TruePerson,
  id: string,
  random: Random,
  uniqueNhsNumber: () => string,
): TruePerson {
  const middle = givenNames(Number(other.birthDate.slice(0, 4)), other.gender, random).slice(1);
  return {
    id,
    nhsNumber: uniqueNhsNumber(),
    family: other.family,
    given: [other.given[0], ...middle.filter((name) => name !== other.given[0])],
    gender: other.gender,
    birthDate: other.birthDate,
    address: generateAddress(random),
    previousAddress: generateAddress(random),
    phone: mobileNumber(random),
    email: emailAddress(other.given[0], other.family, random),
    namesakeOf: other.id,
  };
}

function randomBirthDate(referenceDate: string, random: Random): string {
  const age = random.weightedPick(AGE_BANDS) + random.int(0, 9);
  // Born in a year before the reference year, so never after the reference date.
  const year = Number(referenceDate.slice(0, 4)) - 1 - age;
  const month = random.int(1, 12);
  const day = random.int(1, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A first name popular in the decade of birth, and often a middle name. */
function givenNames(birthYear: number, gender: Sex, random: Random): string[] {
  const decade = nameDecadeFor(birthYear);
  const first = random.weightedPick(weightedGivenNames(decade, gender));
  if (!random.chance(0.6)) return [first];
  const middles = GIVEN_NAMES[decade][gender].filter((name) => name !== first);
  return [first, random.pick(middles)];
}

function otherSurname(family: string, random: Random): string {
  for (;;) {
    const surname = random.weightedPick(SURNAMES);
    if (surname !== family) return surname;
  }
}

// Ofcom keeps 07700 900xxx for drama; the wider 07700 9 block keeps numbers unique enough and fake.
const mobileNumber = (random: Random): string => `07700 9${String(random.int(0, 99_999)).padStart(5, '0')}`;

const emailAddress = (given: string, family: string, random: Random): string => {
  const local = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '');
  return `${local}${random.int(1, 99)}@example.com`;
};

function isAdultWoman(person: TruePerson, referenceDate: string): boolean {
  const eighteenthBirthdayAtLatest = `${Number(referenceDate.slice(0, 4)) - ADULT_AGE}${referenceDate.slice(4)}`;
  return person.gender === 'female' && person.birthDate <= eighteenthBirthdayAtLatest;
}

/** Distinct organisations, most likely those serving where the person lives. */
function pickOrganisations(person: TruePerson, count: number, random: Random): SampleOrganisation[] {
  const livesOnWirral = person.address.postcode?.startsWith('CH') ?? false;
  const affinity = (organisation: SampleOrganisation): number => {
    if (organisation.area === 'merseyside') return organisation.weight;
    const local = (organisation.area === 'wirral') === livesOnWirral;
    return local ? organisation.weight : organisation.weight * 0.15;
  };
  let remaining = [...SAMPLE_ORGANISATIONS];
  const picked: SampleOrganisation[] = [];
  while (picked.length < count) {
    const choice = random.weightedPick(
      remaining.map((organisation) => [organisation, affinity(organisation)] as const),
    );
    picked.push(choice);
    remaining = remaining.filter((organisation) => organisation !== choice);
  }
  return picked;
}

function uniqueIdentifierValue(
  organisation: SampleOrganisation,
  random: Random,
  issued: Set<string>,
): string {
  for (;;) {
    const value = `${organisation.identifierPrefix}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
    const key = `${organisation.identifierSystem}|${value}`;
    if (!issued.has(key)) {
      issued.add(key);
      return value;
    }
  }
}

/** The person's demographics as one partner holds them, with errors drawn at the given rates. */
function recordDemographics(
  person: TruePerson,
  maidenFamily: string | undefined,
  rates: ErrorRates,
  referenceDate: string,
  random: Random,
): { demographics: Demographics; errors: RecordError[] } {
  const errors: RecordError[] = [];
  const applied = <T>(kind: RecordError, value: T | undefined): value is T => {
    if (value === undefined) return false;
    errors.push(kind);
    return true;
  };

  let family = person.family;
  if (maidenFamily !== undefined && random.chance(rates.maidenName)) {
    family = maidenFamily;
    errors.push('maidenName');
  }
  if (random.chance(rates.familyTypo)) {
    family = typoName(family, random);
    errors.push('familyTypo');
  }

  const given = [...person.given];
  const nicknames = NICKNAMES[given[0]];
  if (nicknames !== undefined && random.chance(rates.nickname)) {
    given[0] = random.pick(nicknames);
    errors.push('nickname');
  }
  if (random.chance(rates.givenTypo)) {
    given[0] = typoName(given[0], random);
    errors.push('givenTypo');
  }

  let birthDate = person.birthDate;
  const swapped = swapDayAndMonth(birthDate);
  if (swapped !== undefined && random.chance(rates.dayMonthSwap)) {
    birthDate = swapped;
    errors.push('dayMonthSwap');
  } else if (random.chance(rates.dateDigitTypo)) {
    const typo = typoDateDigit(birthDate, referenceDate, random);
    if (applied('dateDigitTypo', typo)) birthDate = typo;
  } else if (random.chance(rates.yearOffByOne)) {
    const shifted = shiftYearByOne(birthDate, referenceDate, random);
    if (applied('yearOffByOne', shifted)) birthDate = shifted;
  }

  let nhsNumber: string | undefined = person.nhsNumber;
  if (random.chance(rates.nhsNumberMissing)) {
    nhsNumber = undefined;
    errors.push('nhsNumberMissing');
  } else if (random.chance(rates.nhsNumberTransposed)) {
    // The partner's own Modulus 11 check rejects the keyed number, so none is sent.
    if (applied('nhsNumberTransposed', transposeNhsNumberDigits(person.nhsNumber, random)))
      nhsNumber = undefined;
  }

  const moved = random.chance(rates.movedAddress);
  if (moved) errors.push('movedAddress');

  const telecom: ContactPoint[] = [];
  if (random.chance(rates.phoneMissing)) errors.push('phoneMissing');
  else telecom.push({ system: 'phone', value: person.phone });
  if (random.chance(rates.emailMissing)) errors.push('emailMissing');
  else telecom.push({ system: 'email', value: person.email });

  const demographics: Demographics = {
    ...(nhsNumber === undefined ? {} : { nhsNumber }),
    names: [{ family, given, use: 'official' }],
    birthDate,
    gender: person.gender,
    addresses: [moved ? person.previousAddress : person.address],
    telecom,
  };
  return { demographics, errors };
}
