import {
  demographicsIssues,
  isValidNhsNumber,
  localIdentifierIssues,
} from '@ilinks/identity-matching/domain';
import {
  DEFAULT_ERROR_RATES,
  type ErrorRates,
  generatePopulation,
  type LocalRecordFixture,
  type Population,
  type RecordError,
  type TruePerson,
} from './generate-population';
import { NICKNAMES } from './uk-names';

const REFERENCE_DATE = '2026-01-01';
const NO_ERRORS = Object.fromEntries(Object.keys(DEFAULT_ERROR_RATES).map((kind) => [kind, 0])) as Record<
  keyof ErrorRates,
  number
>;

describe('generatePopulation', () => {
  describe('determinism', () => {
    it('gives the same output for the same seed', () => {
      const once = JSON.stringify(generatePopulation({ persons: 300 }, 42));
      expect(JSON.stringify(generatePopulation({ persons: 300 }, 42))).toBe(once);
    });

    it('gives another output for another seed', () => {
      const once = JSON.stringify(generatePopulation({ persons: 50 }, 42));
      expect(JSON.stringify(generatePopulation({ persons: 50 }, 43))).not.toBe(once);
    });
  });

  describe('without errors', () => {
    const { persons, records } = generatePopulation({ persons: 300, errorRates: NO_ERRORS }, 7);
    const personById = new Map(persons.map((person) => [person.id, person]));

    it('copies the truth into every record', () => {
      const expected = records.map((record) => {
        const person = personById.get(record.truePersonId) as TruePerson;
        return {
          ...record,
          errors: [],
          demographics: {
            nhsNumber: person.nhsNumber,
            names: [{ family: person.family, given: person.given, use: 'official' }],
            birthDate: person.birthDate,
            gender: person.gender,
            addresses: [person.address],
            telecom: [
              { system: 'phone', value: person.phone },
              { system: 'email', value: person.email },
            ],
          },
        };
      });
      expect(records).toEqual(expected);
    });

    it('records no maiden names', () => {
      expect(persons.some((person) => person.maidenFamily !== undefined)).toBe(false);
    });
  });

  it('drops every phone when phones are always missing', () => {
    const { records } = generatePopulation({ persons: 100, errorRates: { phoneMissing: 1 } }, 8);
    expect(
      records.flatMap((record) => record.demographics.telecom).some((point) => point.system === 'phone'),
    ).toBe(false);
  });

  describe('on 5,000 persons with default rates', () => {
    let population: Population;
    let personById: Map<string, TruePerson>;
    beforeAll(() => {
      population = generatePopulation({ persons: 5000 }, 2026);
      personById = new Map(population.persons.map((person) => [person.id, person]));
    });
    const personOf = (record: LocalRecordFixture): TruePerson =>
      personById.get(record.truePersonId) as TruePerson;

    it('has exactly the persons asked for, with unique ids and NHS numbers', () => {
      expect(population.persons).toHaveLength(5000);
      expect(personById.size).toBe(5000);
      expect(new Set(population.persons.map((person) => person.nhsNumber)).size).toBe(5000);
    });

    it('gives each person one to four records at different organisations', () => {
      const organisationsByPerson = new Map<string, string[]>();
      for (const record of population.records) {
        const organisations = organisationsByPerson.get(record.truePersonId) ?? [];
        organisationsByPerson.set(record.truePersonId, [...organisations, record.organisation]);
      }
      expect(organisationsByPerson.size).toBe(5000);
      const counts = [...organisationsByPerson.values()].map((organisations) => organisations.length);
      expect(Math.min(...counts)).toBe(1);
      expect(Math.max(...counts)).toBe(4);
      const repeated = [...organisationsByPerson.values()].filter(
        (organisations) => new Set(organisations).size !== organisations.length,
      );
      expect(repeated).toEqual([]);
    });

    it('gives every record a valid shape and unique ids', () => {
      const today = new Date(`${REFERENCE_DATE}T00:00:00Z`);
      const invalid = population.records.filter(
        (record) =>
          demographicsIssues(record.demographics, today).length > 0 ||
          localIdentifierIssues(record.identifier).length > 0 ||
          !/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/.test(record.demographics.addresses[0].postcode ?? ''),
      );
      expect(invalid).toEqual([]);
      const ids = population.records.map((record) => record.localRecordId);
      const identifiers = population.records.map(
        (record) => `${record.identifier.system}|${record.identifier.value}`,
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(identifiers).size).toBe(identifiers.length);
    });

    it('sends only valid NHS numbers, and only the person’s own', () => {
      const wrong = population.records.filter(({ demographics: { nhsNumber }, truePersonId }) => {
        if (nhsNumber === undefined) return false;
        return !isValidNhsNumber(nhsNumber) || nhsNumber !== personById.get(truePersonId)?.nhsNumber;
      });
      expect(wrong).toEqual([]);
    });

    it('includes twins: same birth date, surname and address; different given name and NHS number', () => {
      const twins = population.persons.filter((person) => person.twinOf !== undefined);
      // 0.5% of persons are in a pair: about 12 pairs in 5,000.
      expect(twins.length).toBeGreaterThanOrEqual(5);
      expect(twins.length).toBeLessThanOrEqual(25);
      for (const twin of twins) {
        const sibling = personById.get(twin.twinOf as string) as TruePerson;
        expect(twin.birthDate).toBe(sibling.birthDate);
        expect(twin.family).toBe(sibling.family);
        expect(twin.address).toEqual(sibling.address);
        expect(twin.given[0]).not.toBe(sibling.given[0]);
        expect(twin.nhsNumber).not.toBe(sibling.nhsNumber);
      }
    });

    it('includes different people who share name and birth date', () => {
      const namesakes = population.persons.filter((person) => person.namesakeOf !== undefined);
      expect(namesakes.length).toBeGreaterThan(0);
      for (const namesake of namesakes) {
        const other = personById.get(namesake.namesakeOf as string) as TruePerson;
        expect([namesake.family, namesake.given[0], namesake.birthDate]).toEqual([
          other.family,
          other.given[0],
          other.birthDate,
        ]);
        expect(namesake.nhsNumber).not.toBe(other.nhsNumber);
      }
    });

    it('sets a maiden name exactly when a record uses it', () => {
      const withMaidenRecord = new Set(
        population.records
          .filter((record) => record.errors.includes('maidenName'))
          .map((record) => record.truePersonId),
      );
      const withMaidenName = population.persons.filter((person) => person.maidenFamily !== undefined);
      expect(withMaidenName.map((person) => person.id).sort()).toEqual([...withMaidenRecord].sort());
      expect(withMaidenName.every((person) => person.gender === 'female')).toBe(true);
    });

    const adultCutoff = `${Number(REFERENCE_DATE.slice(0, 4)) - 18}${REFERENCE_DATE.slice(4)}`;
    const eligibility: Partial<
      Record<RecordError, (record: LocalRecordFixture, person: TruePerson) => boolean>
    > = {
      nickname: (_, person) => NICKNAMES[person.given[0]] !== undefined,
      dayMonthSwap: (_, person) => {
        const [, month, day] = person.birthDate.split('-').map(Number);
        return day <= 12 && day !== month;
      },
      dateDigitTypo: (record) => !record.errors.includes('dayMonthSwap'),
      nhsNumberTransposed: (record) => !record.errors.includes('nhsNumberMissing'),
      maidenName: (_, person) => person.gender === 'female' && person.birthDate <= adultCutoff,
    };

    it.each(Object.entries(DEFAULT_ERROR_RATES) as [RecordError, number][])(
      '%s appears at about its rate (%d)',
      (kind, rate) => {
        const eligible = population.records.filter(
          (record) => eligibility[kind]?.(record, personOf(record)) ?? true,
        );
        const observed = eligible.filter((record) => record.errors.includes(kind)).length;
        const expected = rate * eligible.length;
        // Four standard deviations of the binomial, plus a little for errors that could not apply.
        const tolerance = 4 * Math.sqrt(eligible.length * rate * (1 - rate)) + 0.1 * expected + 2;
        expect(Math.abs(observed - expected)).toBeLessThanOrEqual(tolerance);
      },
    );
  });
});
