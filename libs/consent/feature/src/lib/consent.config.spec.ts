import { loadConfig } from '@ilinks/platform/config';
import { ConsentConfig } from './consent.config';

describe('ConsentConfig', () => {
  it('grants break-glass for four hours by default', () => {
    expect(loadConfig(ConsentConfig, {}).breakGlassMinutes).toBe(240);
  });

  it('reads the duration in minutes', () => {
    expect(loadConfig(ConsentConfig, { ILINKS_BREAK_GLASS_MINUTES: '30' }).breakGlassMinutes).toBe(30);
  });

  it('refuses a duration that is not a positive whole number, naming the variable', () => {
    expect(() => loadConfig(ConsentConfig, { ILINKS_BREAK_GLASS_MINUTES: '0' })).toThrow(
      /ILINKS_BREAK_GLASS_MINUTES/,
    );
    expect(() => loadConfig(ConsentConfig, { ILINKS_BREAK_GLASS_MINUTES: 'four hours' })).toThrow(
      /ILINKS_BREAK_GLASS_MINUTES/,
    );
  });

  it("gives a share's recipient a 90-day referral by default, or as configured", () => {
    expect(loadConfig(ConsentConfig, {}).shareReferralDays).toBe(90);
    expect(loadConfig(ConsentConfig, { ILINKS_SHARE_REFERRAL_DAYS: '30' }).shareReferralDays).toBe(30);
    expect(() => loadConfig(ConsentConfig, { ILINKS_SHARE_REFERRAL_DAYS: '0' })).toThrow(
      /ILINKS_SHARE_REFERRAL_DAYS/,
    );
  });
});
