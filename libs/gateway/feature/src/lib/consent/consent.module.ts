import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  FhirCapabilityRegistry,
  type ResourceCapability,
} from '../capability-statement/fhir-capability.registry';
import { ConsentItemsClient } from './consent-items.client';
import { ConsentController } from './consent.controller';
import { GATEWAY_CONSENT_SETTINGS, type GatewayConsentSettings } from './consent.options';

/** What the Consent endpoints add to the CapabilityStatement. */
export const CONSENT_CAPABILITY: ResourceCapability = {
  type: 'Consent',
  documentation:
    "A person's privacy choices: an objection to sharing beyond the recording organisation, agreement to share a sensitive category, proxy access for a carer. Withdrawn with update (status inactive), never deleted.",
  interactions: ['create', 'read', 'update', 'search-type'],
  searchParams: [
    {
      name: 'patient',
      type: 'reference',
      definition: 'http://hl7.org/fhir/SearchParameter/clinical-patient',
      documentation: 'Patient/<id> or <id>: required',
    },
    {
      name: 'status',
      type: 'token',
      definition: 'http://hl7.org/fhir/SearchParameter/Consent-status',
      documentation: 'active or inactive',
    },
  ],
};

export interface GatewayConsentModuleOptions {
  /** Base URLs by service name; needs `consent`. */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
}

/**
 * FHIR `Consent` at the edge (`/fhir/Consent`), backed by the consent service. Needs the global
 * `GatewayModule` (capability registry, auth, OperationOutcome filter) and a `PersonAccess`
 * provider visible to it (the access module, global).
 */
@Module({})
export class GatewayConsentModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}

  static forRoot(options: GatewayConsentModuleOptions): DynamicModule {
    const settings: GatewayConsentSettings = {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      clock: options.clock ?? systemClock,
    };
    return {
      module: GatewayConsentModule,
      controllers: [ConsentController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        { provide: GATEWAY_CONSENT_SETTINGS, useValue: settings },
        ConsentItemsClient,
      ],
    };
  }

  onModuleInit(): void {
    this.registry.registerResource(CONSENT_CAPABILITY);
  }
}
