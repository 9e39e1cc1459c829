import { conceptText, identifierOf, participantActorsOf } from './appointment-participants';
import { SUBJECT, viewEntry } from './view-entry.testing';

const appointmentWith = (...participant: unknown[]) => viewEntry('Appointment', { participant });

describe('participantActorsOf', () => {
  it('tells the patient by type, by reference and by the subject identifier', () => {
    const actors = participantActorsOf(
      appointmentWith(
        { actor: { type: 'Patient' } },
        { actor: { reference: 'Patient/p-1' } },
        { actor: { identifier: SUBJECT } },
      ),
    );
    expect(actors.map((actor) => actor.kind)).toEqual(['patient', 'patient', 'patient']);
  });

  it('tells locations, services and practitioners apart', () => {
    const actors = participantActorsOf(
      appointmentWith(
        { actor: { reference: 'Location/opd', display: 'Outpatients' } },
        { actor: { type: 'HealthcareService', display: 'Physio' } },
        { actor: { reference: 'PractitionerRole/r', display: 'Dr A' } },
      ),
    );
    expect(actors.map((actor) => [actor.kind, actor.display])).toEqual([
      ['location', 'Outpatients'],
      ['service', 'Physio'],
      ['practitioner', 'Dr A'],
    ]);
  });

  it('counts an actor of no stated type as a practitioner', () => {
    expect(participantActorsOf(appointmentWith({ actor: { display: 'Dr B' } }))[0]?.kind).toBe(
      'practitioner',
    );
  });

  it("reads an Encounter's individual and its role", () => {
    const encounter = viewEntry('Encounter', {
      participant: [
        { type: [{ coding: [{ display: 'primary performer' }] }], individual: { display: 'Nurse Jo' } },
      ],
    });
    expect(participantActorsOf(encounter)).toEqual([
      { kind: 'practitioner', display: 'Nurse Jo', role: 'primary performer' },
    ]);
  });

  it('skips a participant without an actor, and a resource without participants', () => {
    expect(participantActorsOf(appointmentWith({ status: 'accepted' }))).toEqual([]);
    expect(participantActorsOf(viewEntry('Appointment', {}))).toEqual([]);
  });
});

describe('identifierOf', () => {
  it('needs a value', () => {
    expect(identifierOf({ identifier: { system: 's' } })).toBeUndefined();
    expect(identifierOf({ identifier: { value: 'v' } })).toEqual({ value: 'v' });
  });
});

describe('conceptText', () => {
  it('prefers text, then the first display, of a concept or the first of a list', () => {
    expect(conceptText({ text: 'T', coding: [{ display: 'D' }] })).toBe('T');
    expect(conceptText([{ coding: [{ code: 'x' }, { display: 'D' }] }])).toBe('D');
    expect(conceptText('nope')).toBeUndefined();
    expect(conceptText([])).toBeUndefined();
  });
});
