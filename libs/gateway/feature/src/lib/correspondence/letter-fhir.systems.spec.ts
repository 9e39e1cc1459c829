import {
  ODS_ORGANISATION_SYSTEM,
  PRACTITIONER_SYSTEM,
  TEAM_SYSTEM,
  isRecipientSystem,
  recipientOfIdentifier,
  referenceOfRecipient,
} from './letter-fhir.systems';

describe('recipient identifiers', () => {
  it('reads an organisation, a team and a practitioner', () => {
    expect(recipientOfIdentifier(ODS_ORGANISATION_SYSTEM, 'Y12345')).toEqual({ organisation: 'Y12345' });
    expect(recipientOfIdentifier(TEAM_SYSTEM, 'RBS/district-nursing')).toEqual({
      organisation: 'RBS',
      team: 'district-nursing',
    });
    expect(recipientOfIdentifier(PRACTITIONER_SYSTEM, 'Y12345/user-7')).toEqual({
      organisation: 'Y12345',
      practitioner: 'user-7',
    });
  });

  it('keeps slashes after the first in a team or user id', () => {
    expect(recipientOfIdentifier(PRACTITIONER_SYSTEM, 'RBS/a/b')).toEqual({
      organisation: 'RBS',
      practitioner: 'a/b',
    });
  });

  it.each([
    [ODS_ORGANISATION_SYSTEM, 'y12345'],
    [ODS_ORGANISATION_SYSTEM, 'NO SPACE'],
    [TEAM_SYSTEM, 'district-nursing'],
    [TEAM_SYSTEM, 'bad code/team'],
    [TEAM_SYSTEM, 'RBS/'],
    [PRACTITIONER_SYSTEM, 'RBS/two words'],
  ] as const)('refuses %s %s', (system, value) => {
    expect(recipientOfIdentifier(system, value)).toHaveProperty('problem');
  });

  it('knows only the three recipient systems', () => {
    expect(isRecipientSystem(TEAM_SYSTEM)).toBe(true);
    expect(isRecipientSystem('https://example.org/Id/other')).toBe(false);
    expect(isRecipientSystem('toString')).toBe(false);
  });

  it('renders the most specific reference of a recipient, and reads back the same', () => {
    for (const recipient of [
      { organisation: 'Y12345' },
      { organisation: 'RBS', team: 'district-nursing' },
      { organisation: 'RBS', practitioner: 'user-1' },
    ]) {
      const { identifier } = referenceOfRecipient(recipient);
      expect(
        recipientOfIdentifier(identifier.system as typeof ODS_ORGANISATION_SYSTEM, identifier.value),
      ).toEqual(recipient);
    }
    expect(referenceOfRecipient({ organisation: 'RBS', team: 't' }).type).toBe('CareTeam');
  });
});
