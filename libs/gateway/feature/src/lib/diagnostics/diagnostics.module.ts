import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  FhirCapabilityRegistry,
  type ResourceCapability,
} from '../capability-statement/fhir-capability.registry';
import { GoverningPersons } from '../patient/governing-persons';
import { IdentityClient } from '../patient/identity.client';
import { PatientReferences } from '../patient/patient-references';
import { DiagnosticSubjects } from './diagnostic-subjects';
import { DiagnosticsClient } from './diagnostics.client';
import { DiagnosticsController } from './diagnostics.controller';
import { DiagnosticsEdge } from './diagnostics-edge';
import { DiagnosticsFhirController } from './diagnostics-fhir.controller';
import { DIAGNOSTICS_SETTINGS, type DiagnosticsSettings } from './diagnostics.options';

/** What the diagnostics routes add to the CapabilityStatement. */
export const DIAGNOSTICS_CAPABILITIES: readonly ResourceCapability[] = [
  {
    type: 'ServiceRequest',
    interactions: ['create', 'read'],
    documentation:
      'Test requests from partner systems, as their own organisation, keyed by your own id (sent again: unchanged records nothing, changed is a new revision). The patient by your own identifier, the NHS number or Patient/<id>; copies by the https://fhir.ilinks.dev/StructureDefinition/copy-to extension.',
  },
  {
    type: 'DiagnosticReport',
    interactions: ['create', 'read'],
    documentation:
      'Reports from labs with their Observations contained (result[].reference #<id>; units in UCUM), keyed by your own id: an amended or corrected report is the same id sent again (a new revision). basedOn names the ServiceRequest by its identifier.',
  },
];

export interface GatewayDiagnosticsModuleOptions {
  /** Base URLs by service name; needs `diagnostics` and `identity-matching`. */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API (`Location`); derived per request when unset. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
}

/**
 * Test requests, reports and results: FHIR `ServiceRequest` and `DiagnosticReport` for partner
 * systems, JSON under `/diagnostics` for clinical apps, individuals and carers. Needs the global
 * `GatewayModule` (capability registry, auth, OperationOutcome filter, audit) and the global
 * `AccessModule` (`PersonAccess`, `ConsentClient`).
 */
@Module({})
export class GatewayDiagnosticsModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}

  static forRoot(options: GatewayDiagnosticsModuleOptions): DynamicModule {
    const settings: DiagnosticsSettings = {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      clock: options.clock ?? systemClock,
    };
    return {
      module: GatewayDiagnosticsModule,
      controllers: [DiagnosticsFhirController, DiagnosticsController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        { provide: DIAGNOSTICS_SETTINGS, useValue: settings },
        IdentityClient,
        DiagnosticsClient,
        GoverningPersons,
        PatientReferences,
        DiagnosticSubjects,
        DiagnosticsEdge,
      ],
    };
  }

  onModuleInit(): void {
    for (const capability of DIAGNOSTICS_CAPABILITIES) this.registry.registerResource(capability);
  }
}
