import { generatePopulation } from '../identity-data/generate-population';
import { SAMPLE_ORGANISATIONS } from '../identity-data/sample-organisations';
import { dischargeLetterOf, gpPracticeOf, hba1cSeriesOf, recordsByPerson } from './demo-letters-and-results';

describe('demo letters and results', () => {
  const { records } = generatePopulation({ persons: 120 }, 7);
  const kindOf = new Map(
    SAMPLE_ORGANISATIONS.map((organisation) => [String(organisation.code), organisation.kind]),
  );
  const persons = [...recordsByPerson(records, kindOf).values()];
  const today = new Date('2026-11-26T12:00:00Z');

  it('groups each person’s records by the kind of organisation holding them', () => {
    for (const person of persons)
      for (const [kind, record] of person.byKind) expect(kindOf.get(record.organisation)).toBe(kind);
  });

  it('names the GP practice of a person with a practice record, and none otherwise', () => {
    const withPractice = persons.find((person) => person.byKind.has('gp-practice'));
    const without = persons.find((person) => !person.byKind.has('gp-practice'));
    expect(gpPracticeOf(withPractice)).toBe(withPractice?.byKind.get('gp-practice')?.organisation);
    expect(gpPracticeOf(without)).toBeUndefined();
  });

  it('sends discharge letters from a hospital to the practice, about the hospital’s own patient', () => {
    const letters = persons.flatMap((person) => {
      const letter = dischargeLetterOf(person, today);
      return letter === undefined ? [] : [{ person, letter }];
    });
    expect(letters.length).toBeGreaterThan(0);
    for (const { person, letter } of letters) {
      const hospital = person.byKind.get('acute-trust');
      expect(letter.organisation).toBe(hospital?.organisation);
      const [communication] = letter.resources;
      expect(communication?.['subject']).toEqual({ identifier: hospital?.identifier });
      expect(JSON.stringify(communication?.['recipient'])).toContain(
        String(person.byKind.get('gp-practice')?.organisation),
      );
    }
  });

  it('sends no letter without both a hospital and a practice record', () => {
    for (const person of persons.filter((candidate) => !candidate.byKind.has('gp-practice')))
      expect(dischargeLetterOf(person, today)).toBeUndefined();
  });

  it('has the practice order before the laboratory reports, and the newest report names the order', () => {
    const series = persons
      .map((person) => hba1cSeriesOf(person, today))
      .filter((sendings) => sendings.length > 0);
    expect(series.length).toBeGreaterThan(0);
    for (const [order, reports] of series) {
      expect(order?.resources[0]?.resourceType).toBe('ServiceRequest');
      expect(reports?.resources.map((report) => report.resourceType)).toEqual([
        'DiagnosticReport',
        'DiagnosticReport',
        'DiagnosticReport',
      ]);
      const newest = reports?.resources[2];
      expect((newest?.['basedOn'] as { identifier: unknown }[])[0]?.identifier).toEqual(
        (order?.resources[0]?.['identifier'] as unknown[])[0],
      );
    }
  });

  it('keeps the earlier results of a series under the diabetes threshold, so history loaded today does not escalate', () => {
    for (const person of persons)
      for (const sending of hba1cSeriesOf(person, today).slice(1))
        for (const report of sending.resources.slice(0, 2)) {
          const [observation] = report['contained'] as { valueQuantity: { value: number } }[];
          expect(observation?.valueQuantity.value).toBeLessThan(48);
        }
  });

  it('is stable: the same person and day give the same resources, so a second load changes nothing', () => {
    for (const person of persons.slice(0, 20)) {
      expect(dischargeLetterOf(person, today)).toEqual(dischargeLetterOf(person, today));
      expect(hba1cSeriesOf(person, today)).toEqual(hba1cSeriesOf(person, today));
    }
  });
});
