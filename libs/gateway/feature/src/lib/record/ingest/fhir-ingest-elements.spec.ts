import { PERSON_SUBJECT_SYSTEM } from '@ilinks/record-projection/contracts';
import { dateTimeAt, type ReadContext, readPatientIdentifier, startOfDateTime } from './fhir-ingest-elements';

const context = (): ReadContext => ({
  invalid: [],
  rules: [],
  latestPast: Date.parse('2026-03-01T12:05:00Z'),
});

describe('startOfDateTime', () => {
  it.each([
    ['2024', '2024-01-01T00:00:00.000Z'],
    ['2024-02', '2024-02-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2024-02-29T23:30:00+01:00', '2024-02-29T22:30:00.000Z'],
    ['2024-02-29T23:30:00.123Z', '2024-02-29T23:30:00.123Z'],
  ])('reads %s as starting at %s', (text, iso) => {
    expect(new Date(startOfDateTime(text) ?? Number.NaN).toISOString()).toBe(iso);
  });

  it.each([
    '24',
    '2024-13',
    '2023-02-29',
    '2024-02-29T23:30',
    '2024-02-29T23:30:00',
    '2024-02-29 23:30:00Z',
    '',
  ])('refuses %s', (text) => {
    expect(startOfDateTime(text)).toBeUndefined();
  });
});

describe('dateTimeAt', () => {
  it('refuses a past event after now plus the skew as a rule, not as invalid FHIR', () => {
    const found = context();
    expect(
      dateTimeAt({ issued: '2026-03-01T12:06:00Z' }, 'issued', 'Observation.issued', found, true),
    ).toBeUndefined();
    expect(found).toMatchObject({ invalid: [], rules: [{ path: 'Observation.issued' }] });
  });

  it('accepts a future date where the event may be ahead', () => {
    const found = context();
    expect(dateTimeAt({ start: '2027-01-01' }, 'start', 'Appointment.start', found, false)?.text).toBe(
      '2027-01-01',
    );
    expect(found.rules).toEqual([]);
  });

  it('refuses a number as invalid', () => {
    const found = context();
    dateTimeAt({ start: 2027 }, 'start', 'Appointment.start', found, false);
    expect(found.invalid).toEqual([
      { path: 'Appointment.start', message: expect.stringContaining('FHIR dateTime') },
    ]);
  });
});

describe('readPatientIdentifier and the person subject', () => {
  const personId = { system: PERSON_SUBJECT_SYSTEM, value: '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90' };

  it('refuses our person id system to a partner (422 naming the element)', () => {
    const ctx = context();
    expect(readPatientIdentifier(personId, 'Condition.subject.identifier', ctx)).toBeUndefined();
    expect(ctx.invalid).toEqual([]);
    expect(ctx.rules).toEqual([expect.objectContaining({ path: 'Condition.subject.identifier.system' })]);
  });

  it('reads it for an individual’s own contribution', () => {
    const ctx = { ...context(), personSubject: true };
    expect(readPatientIdentifier(personId, 'Observation.subject.identifier', ctx)).toEqual(personId);
    expect(ctx.rules).toEqual([]);
  });
});
