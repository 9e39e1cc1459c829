import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  FhirCapabilityRegistry,
  type ResourceCapability,
} from '../capability-statement/fhir-capability.registry';
import { GoverningPersons } from '../patient/governing-persons';
import { IdentityClient } from '../patient/identity.client';
import { PatientReferences } from '../patient/patient-references';
import { CorrespondenceClient } from './correspondence.client';
import { CorrespondenceController } from './correspondence.controller';
import { CorrespondenceEdge } from './correspondence.edge';
import { CorrespondenceFhirController } from './correspondence-fhir.controller';
import { CORRESPONDENCE_SETTINGS, type CorrespondenceSettings } from './correspondence.settings';
import { LetterSubjects } from './letter-subjects';

/** What letters add to the CapabilityStatement. */
export const CORRESPONDENCE_CAPABILITIES: readonly ResourceCapability[] = [
  {
    type: 'Communication',
    interactions: ['create', 'read'],
    documentation:
      'Sends a letter as your organisation: the patient by your identifier (subject.identifier), recipients by identifier (ODS code, https://fhir.ilinks.dev/Id/team or https://fhir.ilinks.dev/Id/practitioner), the document as a contained DocumentReference (payload[0].contentReference "#id") or payload[0].contentAttachment. The same masterIdentifier sent again unchanged answers 200.',
  },
  {
    type: 'DocumentReference',
    interactions: ['read'],
    documentation:
      'A letter by its id: current or superseded, relatesTo for a correction, the attachment by Binary url with its SHA-256 in the https://fhir.ilinks.dev/StructureDefinition/attachment-sha256 extension.',
  },
  {
    type: 'Binary',
    interactions: ['read'],
    documentation:
      "A letter's document: the bytes with their stored Content-Type, or a Binary resource with Accept: application/fhir+json.",
  },
];

export interface GatewayCorrespondenceModuleOptions {
  /** Base URLs by service name; needs `correspondence` and `identity-matching`. */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API (for `Location`); derived per request when unset. */
  readonly baseUrl?: string;
}

/**
 * Letters between care settings: partners send and read them over FHIR (`Communication`,
 * `DocumentReference`, `Binary`), clinical apps over JSON under `/correspondence` (send, inbox,
 * sent, per-person letters, read/acknowledge/reject/forward a copy). Needs the global
 * `GatewayModule` (capability registry, auth, OperationOutcome filter, audit) and the global
 * `AccessModule` (`PersonAccess`).
 */
@Module({})
export class GatewayCorrespondenceModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}

  static forRoot(options: GatewayCorrespondenceModuleOptions): DynamicModule {
    const settings: CorrespondenceSettings = options.baseUrl ? { baseUrl: options.baseUrl } : {};
    return {
      module: GatewayCorrespondenceModule,
      controllers: [CorrespondenceFhirController, CorrespondenceController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        { provide: CORRESPONDENCE_SETTINGS, useValue: settings },
        IdentityClient,
        CorrespondenceClient,
        GoverningPersons,
        PatientReferences,
        LetterSubjects,
        CorrespondenceEdge,
      ],
    };
  }

  onModuleInit(): void {
    for (const capability of CORRESPONDENCE_CAPABILITIES) this.registry.registerResource(capability);
  }
}
