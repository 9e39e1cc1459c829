import { loadConfig } from '@ilinks/platform/config';
import {
  IdentityMatchingConfig,
  loadIdentityMatchingConfig,
  trustByOrganisation,
} from './identity-matching.config';

describe('IdentityMatchingConfig', () => {
  it('has sane defaults', () => {
    expect(loadConfig(IdentityMatchingConfig, {})).toMatchObject({
      linkThreshold: 0.99,
      reviewThreshold: 0.5,
      maxBlockSize: 500,
      sourceTrust: [],
    });
  });

  it('reads trust per organisation', () => {
    const config = loadConfig(IdentityMatchingConfig, { ILINKS_IDENTITY_SOURCE_TRUST: 'Y12345=2,RBS=1' });
    expect([...trustByOrganisation(config)]).toEqual([
      ['Y12345', 2],
      ['RBS', 1],
    ]);
  });

  it('refuses a threshold outside [0, 1] or a malformed trust entry, naming the variable', () => {
    expect(() => loadConfig(IdentityMatchingConfig, { ILINKS_IDENTITY_LINK_THRESHOLD: '1.5' })).toThrow(
      /ILINKS_IDENTITY_LINK_THRESHOLD/,
    );
    expect(() => loadConfig(IdentityMatchingConfig, { ILINKS_IDENTITY_SOURCE_TRUST: 'RBS' })).toThrow(
      /ILINKS_IDENTITY_SOURCE_TRUST/,
    );
  });

  it('refuses a link threshold below the review threshold', () => {
    expect(() =>
      loadIdentityMatchingConfig({
        ILINKS_IDENTITY_LINK_THRESHOLD: '0.4',
        ILINKS_IDENTITY_REVIEW_THRESHOLD: '0.5',
      }),
    ).toThrow(/must not be below/);
    expect(loadIdentityMatchingConfig({}).linkThreshold).toBe(0.99);
  });
});
