import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  FhirCapabilityRegistry,
  type ResourceCapability,
} from '../capability-statement/fhir-capability.registry';
import { IdentityAdminController } from './identity-admin.controller';
import { IdentityClient } from './identity.client';
import { PatientController } from './patient.controller';
import { PATIENT_MODULE_SETTINGS, type PatientModuleSettings } from './patient.options';

/** What the Patient endpoints add to the CapabilityStatement. */
export const PATIENT_CAPABILITY: ResourceCapability = {
  type: 'Patient',
  documentation:
    'Partners register their own patient records (their identifier, NHS number when known, demographics); each is linked to one enterprise person.',
  interactions: ['create', 'read', 'search-type'],
  searchParams: [
    {
      name: 'identifier',
      type: 'token',
      definition: 'http://hl7.org/fhir/SearchParameter/Patient-identifier',
      documentation: 'system|value: a partner identifier, or the NHS number system',
    },
  ],
  operations: [
    {
      name: 'match',
      definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match',
      documentation:
        'Scored candidates with match grades; count 1-100 (default 10); candidates the caller may not see are left out',
    },
    {
      name: 'declare-relationship',
      definition: 'https://fhir.ilinks.dev/OperationDefinition/Patient-declare-relationship',
      documentation:
        "A practitioner declares their organisation's care relationship with the person (Parameters reason, 10-1000 characters); audited and reviewed",
    },
  ],
};

export interface PatientModuleOptions {
  /** Base URLs by service name; needs `identity-matching`. */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
}

/**
 * `Patient` at the FHIR edge (`/fhir/Patient`, `$match`, `$declare-relationship`) and identity
 * administration (`/identity/...`), both backed by the identity-matching service. Needs the global
 * `GatewayModule` (capability registry, auth, OperationOutcome filter) and the global
 * `AccessModule` (who may see whom).
 */
@Module({})
export class PatientModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}

  static forRoot(options: PatientModuleOptions): DynamicModule {
    const settings: PatientModuleSettings = {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      clock: options.clock ?? systemClock,
    };
    return {
      module: PatientModule,
      controllers: [PatientController, IdentityAdminController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        { provide: PATIENT_MODULE_SETTINGS, useValue: settings },
        IdentityClient,
      ],
    };
  }

  onModuleInit(): void {
    this.registry.registerResource(PATIENT_CAPABILITY);
  }
}
