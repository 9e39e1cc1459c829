import { AuthConfig, HttpConfig } from '@ilinks/platform/config';
import { busHostSettings } from '@ilinks/platform/runtime';
import { AccessPolicyConfig } from '../access/access-policy.config';
import { AuditTrailConfig } from '../audit/audit-trail.config';
import { BackendServicesConfig } from './gateway.config';

/**
 * Every setting the gateway app reads: its bus (Kafka when distributed, for audit records), its
 * listener, token verification, where the services are, the audit write and the access policy.
 * No event store and no views: the gateway keeps none, so it is never asked for their settings.
 */
export const gatewayAppSettings = {
  ...busHostSettings,
  http: HttpConfig,
  auth: AuthConfig,
  services: BackendServicesConfig,
  audit: AuditTrailConfig,
  access: AccessPolicyConfig,
};
