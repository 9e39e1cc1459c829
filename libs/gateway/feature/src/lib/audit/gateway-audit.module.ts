import type { MessageBus } from '@ilinks/platform/messaging';
import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  FhirCapabilityRegistry,
  type ResourceCapability,
} from '../capability-statement/fhir-capability.registry';
import { AuditEventController } from './audit-event.controller';
import { AUDIT_READ_SETTINGS, type AuditReadSettings } from './audit-read.settings';
import { AUDIT_BUS, AUDIT_TRAIL_SETTINGS, AuditTrail, type AuditTrailSettings } from './audit-trail';
import { AuditClient } from './audit.client';
import { GovernanceController } from './governance.controller';

/** What `AuditEvent` adds to the CapabilityStatement. */
export const AUDIT_EVENT_CAPABILITY: ResourceCapability = {
  type: 'AuditEvent',
  profile: 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead',
  documentation:
    'Who accessed what (IHE BALP). Information-governance officers search the whole trail; a person searches with patient= their own id to see who accessed their record, in plain words.',
  interactions: ['read', 'search-type'],
  searchParams: [
    {
      name: 'patient',
      type: 'reference',
      definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-patient',
    },
    { name: 'agent', type: 'reference', definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-agent' },
    {
      name: 'date',
      type: 'date',
      definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-date',
      documentation: 'ge (from, inclusive) and lt (until, exclusive) only',
    },
    {
      name: '_count',
      type: 'number',
      documentation: 'page size, 1-100 (default 20); follow the next link for more',
    },
  ],
};

export interface GatewayAuditModuleOptions {
  /** Where audit records are written (the broker's acknowledgement is the durable write). */
  readonly bus: MessageBus;
  /** Base URLs by service name; needs `audit`. */
  readonly services: BackendServices;
  /** Longest wait for the acknowledgement before a request fails closed with 503. */
  readonly timeoutMs: number;
  readonly baseUrl?: string;
  readonly clock?: Clock;
}

/**
 * The gateway's side of the audit trail: `AuditTrail` (one record per request, fail closed; see
 * `auditEveryRequest`, installed by `startGateway`) and the read endpoints backed by the audit
 * service: `GET /fhir/AuditEvent[/:id]`, `POST /audit/$verify`, `GET /governance/alerts`,
 * `POST /governance/alerts/:id/$review`. Needs the global `GatewayModule`.
 */
@Module({})
export class GatewayAuditModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}

  static forRoot(options: GatewayAuditModuleOptions): DynamicModule {
    const trailSettings: AuditTrailSettings = {
      timeoutMs: options.timeoutMs,
      clock: options.clock ?? systemClock,
    };
    const readSettings: AuditReadSettings = options.baseUrl ? { baseUrl: options.baseUrl } : {};
    return {
      module: GatewayAuditModule,
      controllers: [AuditEventController, GovernanceController],
      providers: [
        { provide: AUDIT_BUS, useValue: options.bus },
        { provide: AUDIT_TRAIL_SETTINGS, useValue: trailSettings },
        { provide: AUDIT_READ_SETTINGS, useValue: readSettings },
        { provide: BACKEND_SERVICES, useValue: options.services },
        AuditTrail,
        AuditClient,
      ],
      exports: [AuditTrail],
    };
  }

  onModuleInit(): void {
    this.registry.registerResource(AUDIT_EVENT_CAPABILITY);
  }
}
