import { appointmentStartOf, diaryOf, isUpcoming } from './diary-view';
import { viewEntry } from './view-entry.testing';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const appointment = (
  entryId: string,
  start: string | undefined,
  status = 'booked',
  participant: unknown[] = [],
) => viewEntry('Appointment', { status, ...(start ? { start } : {}), participant }, { entryId });

describe('isUpcoming', () => {
  it('holds an appointment starting after now', () => {
    expect(isUpcoming(appointment('a', '2026-03-01T12:01:00Z'), NOW)).toBe(true);
  });

  it('drops one that started, or starts exactly now', () => {
    expect(isUpcoming(appointment('a', '2026-03-01T12:00:00Z'), NOW)).toBe(false);
    expect(isUpcoming(appointment('a', '2026-02-01T09:00:00Z'), NOW)).toBe(false);
  });

  it.each(['cancelled', 'noshow', 'entered-in-error'])('drops a %s one', (status) => {
    expect(isUpcoming(appointment('a', '2026-04-01T09:00:00Z', status), NOW)).toBe(false);
  });

  it('drops one without a start, another type and one entered in error', () => {
    expect(isUpcoming(appointment('a', undefined), NOW)).toBe(false);
    expect(isUpcoming(viewEntry('Encounter', { start: '2026-04-01T09:00:00Z' }), NOW)).toBe(false);
    expect(isUpcoming({ ...appointment('a', '2026-04-01T09:00:00Z'), status: 'entered-in-error' }, NOW)).toBe(
      false,
    );
  });
});

describe('appointmentStartOf', () => {
  it('reads the start as an instant', () => {
    expect(appointmentStartOf(appointment('a', '2026-04-01T10:00:00+01:00'))).toBe(
      Date.parse('2026-04-01T09:00:00Z'),
    );
  });
});

describe('diaryOf', () => {
  const entries = [
    appointment('later', '2026-06-01T09:00:00Z'),
    appointment('soon', '2026-03-02T09:00:00Z', 'booked', [
      { actor: { type: 'Patient' } },
      { actor: { reference: 'Location/x', display: 'Clinic 4' } },
      { actor: { display: 'Dr A' } },
      { actor: { type: 'HealthcareService', display: 'Diabetes service' } },
    ]),
    appointment('past', '2026-01-02T09:00:00Z', 'fulfilled'),
  ];

  it('lists the future ones soonest first, and returns only those', () => {
    const { view, returned } = diaryOf(entries, NOW);
    expect(view.map((item) => item.reference)).toEqual(['Appointment/soon', 'Appointment/later']);
    expect(returned.map((entry) => entry.entryId)).toEqual(['soon', 'later']);
  });

  it('names the place, the people and the organisation', () => {
    expect(diaryOf(entries, NOW).view[0]).toMatchObject({
      start: '2026-03-02T09:00:00Z',
      status: 'booked',
      organisation: 'RBS',
      locations: ['Clinic 4'],
      practitioners: ['Dr A', 'Diabetes service'],
    });
  });

  it('keeps to the limit', () => {
    expect(diaryOf(entries, NOW, 1).view.map((item) => item.reference)).toEqual(['Appointment/soon']);
  });
});
