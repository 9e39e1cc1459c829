import { loadAuditConfig, unusualAccessSettingsOf } from './audit.config';

describe('AuditConfig', () => {
  it('defaults to 5 persons, 10 denials and one hour', () => {
    expect(unusualAccessSettingsOf(loadAuditConfig({}))).toEqual({
      maxPersonsOutsideRelationship: 5,
      maxPersonsDenied: 10,
      windowMs: 3_600_000,
    });
  });

  it('reads the settings from the environment', () => {
    const config = loadAuditConfig({
      ILINKS_AUDIT_UNUSUAL_ACCESS_MAX_PERSONS: '3',
      ILINKS_AUDIT_UNUSUAL_ACCESS_MAX_DENIED: '4',
      ILINKS_AUDIT_UNUSUAL_ACCESS_WINDOW_MINUTES: '15',
    });
    expect(unusualAccessSettingsOf(config)).toEqual({
      maxPersonsOutsideRelationship: 3,
      maxPersonsDenied: 4,
      windowMs: 900_000,
    });
  });

  it('refuses a bad setting and names it', () => {
    expect(() => loadAuditConfig({ ILINKS_AUDIT_UNUSUAL_ACCESS_WINDOW_MINUTES: '0' })).toThrow(
      /ILINKS_AUDIT_UNUSUAL_ACCESS_WINDOW_MINUTES/,
    );
  });
});
