import { Setting } from '@ilinks/platform/config';
import { IsUrl } from 'class-validator';

const url = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const message = { message: '$property must be an http(s) URL' };

/** Where the gateway finds each service (distributed mode). */
export class BackendServicesConfig {
  @Setting('ILINKS_IDENTITY_MATCHING_URL', {
    default: 'http://identity-matching:8080',
    description: 'Base URL of the identity-matching service',
  })
  @IsUrl(url, message)
  identityMatching!: string;

  @Setting('ILINKS_CONSENT_URL', {
    default: 'http://consent:8080',
    description: 'Base URL of the consent service',
  })
  @IsUrl(url, message)
  consent!: string;

  @Setting('ILINKS_RECORD_PROJECTION_URL', {
    default: 'http://record-projection:8080',
    description: 'Base URL of the record-projection service',
  })
  @IsUrl(url, message)
  recordProjection!: string;

  @Setting('ILINKS_CORRESPONDENCE_URL', {
    default: 'http://correspondence:8080',
    description: 'Base URL of the correspondence service',
  })
  @IsUrl(url, message)
  correspondence!: string;

  @Setting('ILINKS_DIAGNOSTICS_URL', {
    default: 'http://diagnostics:8080',
    description: 'Base URL of the diagnostics service',
  })
  @IsUrl(url, message)
  diagnostics!: string;

  @Setting('ILINKS_AUDIT_URL', { default: 'http://audit:8080', description: 'Base URL of the audit service' })
  @IsUrl(url, message)
  audit!: string;
}

/** Service name → base URL, as the gateway's readiness and proxies use them. */
export function backendServicesFrom(config: BackendServicesConfig): Record<string, string> {
  return {
    'identity-matching': config.identityMatching,
    consent: config.consent,
    'record-projection': config.recordProjection,
    correspondence: config.correspondence,
    diagnostics: config.diagnostics,
    audit: config.audit,
  };
}
