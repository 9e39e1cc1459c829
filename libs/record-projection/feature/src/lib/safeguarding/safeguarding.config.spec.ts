import { loadSafeguardingSettings } from './safeguarding.config';

describe('loadSafeguardingSettings', () => {
  it('defaults to the SGHUB hub and 3 attendances at 2 organisations in 30 days', () => {
    expect(loadSafeguardingSettings({})).toMatchObject({
      hubOrganisation: 'SGHUB',
      pattern: { attendances: 3, organisations: 2, days: 30 },
    });
  });

  it('reads the environment', () => {
    expect(
      loadSafeguardingSettings({
        ILINKS_SAFEGUARDING_HUB_ORGANISATION: 'MASH01',
        ILINKS_SAFEGUARDING_PATTERN_ATTENDANCES: '4',
        ILINKS_SAFEGUARDING_PATTERN_ORGANISATIONS: '3',
        ILINKS_SAFEGUARDING_PATTERN_DAYS: '60',
      }),
    ).toMatchObject({ hubOrganisation: 'MASH01', pattern: { attendances: 4, organisations: 3, days: 60 } });
  });

  it('refuses values that are not valid', () => {
    expect(() => loadSafeguardingSettings({ ILINKS_SAFEGUARDING_HUB_ORGANISATION: 'hub' })).toThrow(
      /ILINKS_SAFEGUARDING_HUB_ORGANISATION/,
    );
    expect(() => loadSafeguardingSettings({ ILINKS_SAFEGUARDING_PATTERN_DAYS: '0' })).toThrow(
      /ILINKS_SAFEGUARDING_PATTERN_DAYS/,
    );
    expect(() => loadSafeguardingSettings({ ILINKS_SAFEGUARDING_PATTERN_ATTENDANCES: 'three' })).toThrow(
      /ILINKS_SAFEGUARDING_PATTERN_ATTENDANCES/,
    );
  });
});
