import { ConfigError, loadConfig } from '@ilinks/platform/config';
import { AccessPolicyConfig, accessPolicySettingsFrom } from './access-policy.config';

describe('AccessPolicyConfig', () => {
  it('defaults to: break-glass does not override an objection, self-declared relationships allowed', () => {
    expect(accessPolicySettingsFrom(loadConfig(AccessPolicyConfig, {}))).toEqual({
      breakGlassOverridesObjection: false,
      selfDeclaredRelationshipsAllowed: true,
    });
  });

  it('reads both switches from the environment', () => {
    const config = loadConfig(AccessPolicyConfig, {
      ILINKS_BREAK_GLASS_OVERRIDES_OBJECTION: 'true',
      ILINKS_SELF_DECLARED_RELATIONSHIPS: 'false',
    });
    expect(accessPolicySettingsFrom(config)).toEqual({
      breakGlassOverridesObjection: true,
      selfDeclaredRelationshipsAllowed: false,
    });
  });

  it('refuses a value that is not a yes or no, naming the variable', () => {
    expect(() => loadConfig(AccessPolicyConfig, { ILINKS_SELF_DECLARED_RELATIONSHIPS: 'maybe' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig(AccessPolicyConfig, { ILINKS_SELF_DECLARED_RELATIONSHIPS: 'maybe' })).toThrow(
      /ILINKS_SELF_DECLARED_RELATIONSHIPS/,
    );
  });
});
