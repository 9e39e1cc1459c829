import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import {
  FhirCapabilityRegistry,
  type ResourceCapability,
} from '../../capability-statement/fhir-capability.registry';
import { BundleIngestController } from './bundle-ingest.controller';
import { INGEST_RESOURCE_TYPES, type IngestResourceType } from './ingest-resource-types';
import { IdentityClient } from '../../patient/identity.client';
import { isContributableType } from './individual-contribution';
import { RecordContributors } from './record-contributors';
import { RecordEntriesClient } from './record-entries.client';
import { RecordIngestController } from './record-ingest.controller';
import { RECORD_INGEST_SETTINGS, type RecordIngestSettings } from './record-ingest.options';

/** What ingestion adds to the CapabilityStatement for one type (the read side adds read and search). */
export function ingestCapabilityOf(type: IngestResourceType): ResourceCapability {
  return {
    type,
    interactions: ['create', 'update', 'delete'],
    documentation:
      type === 'PractitionerRole'
        ? 'Written by partners as their own organisation, keyed by their own id; the patient is named by the https://fhir.ilinks.dev/StructureDefinition/care-of-patient extension (valueIdentifier). Delete retracts (entered-in-error).'
        : `Written by partners as their own organisation, keyed by their own id; the patient is named by your own identifier (subject.identifier or patient.identifier). Update with entered-in-error, or delete, retracts.${
            isContributableType(type)
              ? ' Individuals may add their own (patient left out or Patient/<their id>); served marked patient-contributed.'
              : ''
          }`,
  };
}

export interface GatewayRecordIngestModuleOptions {
  /** Base URLs by service name; needs `record-projection` and `identity-matching` (individuals' writes). */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
}

/**
 * FHIR create, update and delete of partners' clinical and social-care resources, and
 * transaction/batch Bundles at `POST /fhir`, into the record service. Needs the global
 * `GatewayModule` (capability registry, auth, OperationOutcome filter).
 */
@Module({})
export class GatewayRecordIngestModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}

  static forRoot(options: GatewayRecordIngestModuleOptions): DynamicModule {
    const settings: RecordIngestSettings = {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      clock: options.clock ?? systemClock,
    };
    return {
      module: GatewayRecordIngestModule,
      controllers: [RecordIngestController, BundleIngestController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        { provide: RECORD_INGEST_SETTINGS, useValue: settings },
        RecordEntriesClient,
        IdentityClient,
        RecordContributors,
      ],
    };
  }

  onModuleInit(): void {
    for (const type of INGEST_RESOURCE_TYPES) this.registry.registerResource(ingestCapabilityOf(type));
  }
}
