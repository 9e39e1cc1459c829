import { auditService } from '@ilinks/audit/feature';
import * as consentContracts from '@ilinks/consent/contracts';
import { consentService } from '@ilinks/consent/feature';
import * as correspondenceContracts from '@ilinks/correspondence/contracts';
import { correspondenceService } from '@ilinks/correspondence/feature';
import * as diagnosticsContracts from '@ilinks/diagnostics/contracts';
import { diagnosticsService } from '@ilinks/diagnostics/feature';
import { BackendServicesConfig } from '@ilinks/gateway/feature';
import * as identityContracts from '@ilinks/identity-matching/contracts';
import { IdentityMatchingConfig, identityMatchingService } from '@ilinks/identity-matching/feature';
import {
  AuthConfig,
  type ConfigClass,
  HttpConfig,
  RuntimeConfig,
  TelemetryConfig,
} from '@ilinks/platform/config';
import { hostSettings, type ServiceDefinition } from '@ilinks/platform/runtime';
import * as recordContracts from '@ilinks/record-projection/contracts';
import { recordProjectionService } from '@ilinks/record-projection/feature';

/** A deployed app: its name (Deployment, Service, KafkaUser…), its settings, its service definition. */
export interface IlinksApp {
  readonly name: string;
  /** The classes its `main.ts` loads, as `loadConfigs` takes them. */
  readonly settings: Record<string, ConfigClass>;
  /** Absent for the gateway, which owns no streams and joins no consumer group. */
  readonly definition?: ServiceDefinition;
}

const serviceSettings = { ...hostSettings, http: HttpConfig };

/** Every app deployed to Kubernetes (apps/platform, the embedded all-in-one, is not). */
export const ILINKS_APPS: readonly IlinksApp[] = [
  {
    name: 'gateway',
    settings: {
      runtime: RuntimeConfig,
      http: HttpConfig,
      auth: AuthConfig,
      services: BackendServicesConfig,
      telemetry: TelemetryConfig,
    },
  },
  {
    name: 'identity-matching',
    settings: { ...serviceSettings, identity: IdentityMatchingConfig },
    definition: identityMatchingService,
  },
  { name: 'consent', settings: serviceSettings, definition: consentService },
  { name: 'record-projection', settings: serviceSettings, definition: recordProjectionService },
  { name: 'correspondence', settings: serviceSettings, definition: correspondenceService },
  { name: 'diagnostics', settings: serviceSettings, definition: diagnosticsService },
  { name: 'audit', settings: serviceSettings, definition: auditService },
];

/** Every `*_TOPIC` constant the contracts libs export: the topics code publishes or consumes. */
export function topicsInCode(): string[] {
  // @ilinks/audit/contracts exports no topic: the audit trail publishes nothing (its index says why).
  const contracts: object[] = [
    consentContracts,
    correspondenceContracts,
    diagnosticsContracts,
    identityContracts,
    recordContracts,
  ];
  const topics = contracts.flatMap((module) =>
    Object.entries(module)
      .filter(([name, value]) => name.endsWith('_TOPIC') && typeof value === 'string')
      .map(([, value]) => value as string),
  );
  return [...new Set(topics)].sort();
}
