import { DEFAULT_SENSITIVE_CODES } from '@ilinks/consent/domain';
import { ConfigError, loadConfig } from '@ilinks/platform/config';
import { AccessPolicyConfig, accessPolicySettingsFrom, sensitiveCodesFrom } from './access-policy.config';

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

describe('sensitiveCodesFrom', () => {
  const table = [{ system: 'http://snomed.info/sct', code: '86406008', category: 'hiv', display: 'HIV' }];

  it('is the default list when no file is named', () => {
    expect(sensitiveCodesFrom(loadConfig(AccessPolicyConfig, {}))).toBe(DEFAULT_SENSITIVE_CODES);
  });

  it("reads the region's list from the named file", () => {
    const read = (path: string) => (path === '/etc/ilinks/sensitive.json' ? JSON.stringify(table) : '');
    expect(sensitiveCodesFrom({ sensitiveCodesFile: '/etc/ilinks/sensitive.json' }, read)).toEqual(table);
  });

  it('stops the start on a file that is not JSON, naming the setting and the file', () => {
    expect(() => sensitiveCodesFrom({ sensitiveCodesFile: '/etc/x.json' }, () => '{not json')).toThrow(
      /ILINKS_SENSITIVE_CODES_FILE \/etc\/x\.json/,
    );
  });

  it('stops the start on an entry with an unknown category', () => {
    const bad = JSON.stringify([{ system: 'http://snomed.info/sct', code: '1', category: 'gossip' }]);
    expect(() => sensitiveCodesFrom({ sensitiveCodesFile: '/etc/x.json' }, () => bad)).toThrow(
      /ILINKS_SENSITIVE_CODES_FILE/,
    );
  });

  it('stops the start on a file that cannot be read', () => {
    const missing = () => {
      throw new Error('ENOENT: no such file');
    };
    expect(() => sensitiveCodesFrom({ sensitiveCodesFile: '/nope.json' }, missing)).toThrow(/ENOENT/);
  });
});
