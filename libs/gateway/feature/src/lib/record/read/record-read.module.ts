import { DEFAULT_SENSITIVE_CODES, type SensitiveCodeTable } from '@ilinks/consent/domain';
import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import {
  FhirCapabilityRegistry,
  type ResourceCapability,
  type SearchParamCapability,
} from '../../capability-statement/fhir-capability.registry';
import { PatientEverythingController, recordReadController } from './record-read.controllers';
import { personRecordProviders } from './person-record';
import type { RecordReadSettings } from './record-read.options';
import { RECORD_READ_TYPES, RECORD_TYPE_SEARCH_PROFILES, type RecordReadType } from './record-read-types';
import { RecordReader } from './record-reader';

const SEARCH_PARAMETERS = 'http://hl7.org/fhir/SearchParameter';
const FILTERED =
  'Only what the access decision lets the caller see is returned; hidden items are never counted in total.';

/** What reading one record type adds to the CapabilityStatement. */
export function recordReadCapability(type: RecordReadType): ResourceCapability {
  const profile = RECORD_TYPE_SEARCH_PROFILES[type];
  const searchParams: SearchParamCapability[] = [
    {
      name: 'patient',
      type: 'reference',
      documentation: 'Required: the Patient (enterprise person id) whose record to search',
    },
    {
      name: 'date',
      type: 'date',
      definition: `${SEARCH_PARAMETERS}/clinical-date`,
      documentation: 'The clinically relevant date; prefixes eq, ge, gt, le, lt; dates are days in England',
    },
    { name: 'code', type: 'token', documentation: 'Any coding of the main code elements, as sent' },
    ...(profile.categoryElement
      ? [
          {
            name: 'category',
            type: 'token' as const,
            documentation: `Searches ${type}.${profile.categoryElement}`,
          },
        ]
      : []),
    ...(profile.statusElement
      ? [
          {
            name: 'status',
            type: 'token' as const,
            documentation: `Searches ${type}.${profile.statusElement}`,
          },
        ]
      : []),
    { name: '_count', type: 'number', documentation: 'Page size, 1-100 (default 50)' },
    { name: '_sort', type: 'special', documentation: 'date or -date (default: newest first)' },
  ];
  return { type, documentation: FILTERED, interactions: ['read', 'search-type'], searchParams };
}

/** What `$everything` adds to Patient. */
export const PATIENT_EVERYTHING_CAPABILITY: ResourceCapability = {
  type: 'Patient',
  interactions: [],
  operations: [
    {
      name: 'everything',
      definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
      documentation: `The Patient and every item of their record, newest first; _type, start, end, _count 1-1000 (default 100). ${FILTERED}`,
    },
  ],
};

export interface GatewayRecordReadModuleOptions {
  /** Base URLs by service name; needs `record-projection` and `identity-matching`. */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
  /** The region's coded list of sensitive categories; `DEFAULT_SENSITIVE_CODES` when unset. */
  readonly sensitiveCodes?: SensitiveCodeTable;
}

/**
 * Reading the shared record at the FHIR edge: search and read for each record type and
 * `Patient/$everything`, all through the access decision and audit. Needs the global
 * `GatewayModule` (capability registry, auth, OperationOutcome filter) and the global
 * `AccessModule` (`PersonAccess`).
 */
@Module({})
export class GatewayRecordReadModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}

  static forRoot(options: GatewayRecordReadModuleOptions): DynamicModule {
    const settings: RecordReadSettings = {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      sensitiveCodes: options.sensitiveCodes ?? DEFAULT_SENSITIVE_CODES,
    };
    return {
      module: GatewayRecordReadModule,
      controllers: [...RECORD_READ_TYPES.map(recordReadController), PatientEverythingController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        ...personRecordProviders(settings),
        RecordReader,
      ],
    };
  }

  onModuleInit(): void {
    for (const type of RECORD_READ_TYPES) this.registry.registerResource(recordReadCapability(type));
    this.registry.registerResource(PATIENT_EVERYTHING_CAPABILITY);
  }
}
