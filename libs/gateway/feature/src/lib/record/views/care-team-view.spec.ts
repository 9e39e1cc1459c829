import { ODS_ORGANISATION_SYSTEM } from '../../patient/person.fhir';
import { careTeamOf, involvementsOf, memberKeysOf } from './care-team-view';
import { viewEntry } from './view-entry.testing';

const GMC = { system: 'https://fhir.hl7.org.uk/Id/gmc-number', value: 'C1234567' };
const at = (effectiveAt: string, entryId: string) => ({ effectiveAt, entryId });

const careTeam = viewEntry(
  'CareTeam',
  {
    participant: [
      {
        role: [{ text: 'GP' }],
        member: { display: 'Dr A', identifier: GMC },
        onBehalfOf: {
          display: 'High St Surgery',
          identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'Y12345' },
        },
      },
      { member: { reference: 'Organization/o', display: 'District nurses' } },
      { role: [{ text: 'nobody' }] },
    ],
  },
  at('2025-01-01T00:00:00.000Z', 'ct'),
);
const practitionerRole = viewEntry(
  'PractitionerRole',
  {
    active: true,
    practitioner: { display: 'Dr A', identifier: GMC },
    code: [{ coding: [{ code: 'doctor' }] }],
    telecom: [{ system: 'phone', value: '0300 000 0000', use: 'work' }, { system: 'email' }],
  },
  at('2026-01-01T00:00:00.000Z', 'pr'),
);
const encounter = viewEntry(
  'Encounter',
  {
    participant: [{ individual: { display: 'Nurse Jo' } }],
    serviceProvider: { identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RXX' } },
  },
  at('2026-02-01T00:00:00.000Z', 'enc'),
);
const appointment = viewEntry(
  'Appointment',
  {
    participant: [
      { actor: { type: 'Patient' } },
      { actor: { display: 'Dr  a' } },
      { actor: { reference: 'Location/x', display: 'Ward' } },
    ],
  },
  at('2026-03-01T00:00:00.000Z', 'ap'),
);

describe('involvementsOf', () => {
  it("reads a CareTeam's participants with their role and organisation, skipping the nameless", () => {
    expect(involvementsOf(careTeam)).toEqual([
      {
        kind: 'practitioner',
        name: 'Dr A',
        identifier: GMC,
        role: 'GP',
        organisation: 'Y12345',
        organisationName: 'High St Surgery',
        telecom: [],
      },
      { kind: 'service', name: 'District nurses', organisation: 'RBS', telecom: [] },
    ]);
  });

  it('reads a PractitionerRole with its role code and its contact details', () => {
    expect(involvementsOf(practitionerRole)).toEqual([
      {
        kind: 'practitioner',
        name: 'Dr A',
        identifier: GMC,
        role: 'doctor',
        organisation: 'RBS',
        telecom: [{ system: 'phone', value: '0300 000 0000', use: 'work' }],
      },
    ]);
  });

  it('drops an inactive PractitionerRole', () => {
    expect(
      involvementsOf({ ...practitionerRole, resource: { ...practitionerRole.resource, active: false } }),
    ).toEqual([]);
  });

  it("reads an Encounter's participants and its service provider", () => {
    expect(involvementsOf(encounter).map((one) => [one.kind, one.name ?? one.identifier?.value])).toEqual([
      ['practitioner', 'Nurse Jo'],
      ['service', 'RXX'],
    ]);
  });

  it("reads an Appointment's people, never the patient or the place", () => {
    expect(involvementsOf(appointment).map((one) => one.name)).toEqual(['Dr  a']);
  });

  it('reads nothing from other types or entered-in-error entries', () => {
    expect(involvementsOf(viewEntry('Condition', {}))).toEqual([]);
    expect(involvementsOf({ ...careTeam, status: 'entered-in-error' })).toEqual([]);
  });
});

describe('memberKeysOf', () => {
  it('keys by identifier and by name at the organisation, ignoring case and spacing', () => {
    expect(
      memberKeysOf({
        kind: 'practitioner',
        name: ' Dr  A ',
        identifier: GMC,
        organisation: 'RBS',
        telecom: [],
      }),
    ).toEqual([`id:${GMC.system}|${GMC.value}`, 'name:dr a|RBS']);
  });
});

describe('careTeamOf', () => {
  const { view, returned } = careTeamOf([careTeam, practitionerRole, encounter, appointment]);

  it('merges the same professional by identifier and by name, most recently involved first', () => {
    expect(view.map((member) => member.name ?? member.identifier?.value)).toEqual([
      'Dr  a',
      'Nurse Jo',
      'RXX',
      'District nurses',
    ]);
    const doctor = view[0];
    expect(doctor).toMatchObject({
      identifier: GMC,
      roles: ['doctor', 'GP'],
      telecom: [{ system: 'phone', value: '0300 000 0000', use: 'work' }],
      lastInvolved: '2026-03-01T00:00:00.000Z',
      references: ['Appointment/ap', 'PractitionerRole/pr', 'CareTeam/ct'],
      source: { organisation: 'RBS' },
    });
  });

  it('keeps apart the same name at another organisation', () => {
    const elsewhere = viewEntry(
      'Appointment',
      { participant: [{ actor: { display: 'Nurse Jo' } }] },
      { ...at('2025-01-01T00:00:00.000Z', 'ap2'), organisation: 'Y12345' },
    );
    expect(
      careTeamOf([encounter, elsewhere]).view.filter((member) => member.name === 'Nurse Jo'),
    ).toHaveLength(2);
  });

  it('returns the entries that name someone', () => {
    expect(returned.map((entry) => entry.entryId)).toEqual(['ap', 'enc', 'pr', 'ct']);
  });
});
