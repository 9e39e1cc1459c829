import * as auditContracts from '@ilinks/audit/contracts';
import { AuditConfig, auditService } from '@ilinks/audit/feature';
import * as consentContracts from '@ilinks/consent/contracts';
import { ConsentConfig, consentService } from '@ilinks/consent/feature';
import * as correspondenceContracts from '@ilinks/correspondence/contracts';
import { AttachmentSettings, correspondenceService, ReminderConfig } from '@ilinks/correspondence/feature';
import * as diagnosticsContracts from '@ilinks/diagnostics/contracts';
import { DiagnosticsConfig, diagnosticsService } from '@ilinks/diagnostics/feature';
import { gatewayAppSettings } from '@ilinks/gateway/feature';
import * as identityContracts from '@ilinks/identity-matching/contracts';
import { IdentityMatchingConfig, identityMatchingService } from '@ilinks/identity-matching/feature';
import { type ConfigClass, HttpConfig } from '@ilinks/platform/config';
import { hostSettings, type ServiceDefinition } from '@ilinks/platform/runtime';
import * as recordContracts from '@ilinks/record-projection/contracts';
import { recordProjectionService } from '@ilinks/record-projection/feature';

/** What an app does on Kafka: the topics it writes, and those it reads as the group named after it. */
export type KafkaUse = Pick<ServiceDefinition, 'name' | 'publishes' | 'consumes'>;

/** A deployed app: its name (Deployment, Service, KafkaUser…), its settings, its service definition. */
export interface IlinksApp {
  readonly name: string;
  /** The classes its `main.ts` loads, as `loadConfigs` takes them. */
  readonly settings: Record<string, ConfigClass>;
  /** Absent for the gateway, which owns no streams and joins no consumer group. */
  readonly definition?: ServiceDefinition;
  /** Its Kafka use when it has no definition to read it from (the gateway writes audit records). */
  readonly kafka?: KafkaUse;
}

/** What the app does on Kafka, from its definition or as declared; `undefined` when it never connects. */
export const kafkaUseOf = (app: IlinksApp): KafkaUse | undefined => app.definition ?? app.kafka;

const serviceSettings = { ...hostSettings, http: HttpConfig };

/** Every app deployed to Kubernetes (apps/platform, the embedded all-in-one, is not). */
export const ILINKS_APPS: readonly IlinksApp[] = [
  {
    name: 'gateway',
    settings: gatewayAppSettings,
    kafka: { name: 'gateway', publishes: [auditContracts.AUDIT_RECORDS_TOPIC] },
  },
  {
    name: 'identity-matching',
    settings: { ...serviceSettings, identity: IdentityMatchingConfig },
    definition: identityMatchingService,
  },
  { name: 'consent', settings: { ...serviceSettings, consent: ConsentConfig }, definition: consentService },
  { name: 'record-projection', settings: serviceSettings, definition: recordProjectionService },
  {
    name: 'correspondence',
    settings: { ...serviceSettings, reminders: ReminderConfig, attachments: AttachmentSettings },
    definition: correspondenceService,
  },
  {
    name: 'diagnostics',
    settings: { ...serviceSettings, diagnostics: DiagnosticsConfig },
    definition: diagnosticsService,
  },
  { name: 'audit', settings: { ...serviceSettings, audit: AuditConfig }, definition: auditService },
];

/** The six services: every deployed app with a service definition (all but the gateway). */
export const ILINKS_SERVICES: readonly string[] = ILINKS_APPS.filter((app) => app.definition).map(
  (app) => app.name,
);

/** Every `*_TOPIC` constant the contracts libs export: the topics code publishes or consumes. */
export function topicsInCode(): string[] {
  const contracts: object[] = [
    auditContracts,
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
