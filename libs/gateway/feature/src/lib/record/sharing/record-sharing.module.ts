import { DEFAULT_SENSITIVE_CODES, type SensitiveCodeTable } from '@ilinks/consent/domain';
import { type DynamicModule, Module } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import { personRecordProviders } from '../read/person-record';
import type { RecordReadSettings } from '../read/record-read.options';
import { RecordSharingEdge } from './record-sharing';
import { RecordSharingClient } from './record-sharing.client';
import { PersonRecordSharingController, RecordInboxController } from './record-sharing.controllers';

export interface GatewayRecordSharingModuleOptions {
  /** Base URLs by service name; needs `record-projection` and `identity-matching`. */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API (the shared resources' references); derived per request when unset. */
  readonly baseUrl?: string;
  /** The region's coded list of sensitive categories; `DEFAULT_SENSITIVE_CODES` when unset. */
  readonly sensitiveCodes?: SensitiveCodeTable;
}

/**
 * Annotating and sharing parts of the shared record (JSON, under `/record`): annotations of a
 * person's entries, shares of them to another organisation (or a team or colleague of one's own),
 * and the recipient's inbox. Needs the global `GatewayModule` (auth, OperationOutcome filter, audit)
 * and the global `AccessModule` (`PersonAccess`).
 */
@Module({})
export class GatewayRecordSharingModule {
  static forRoot(options: GatewayRecordSharingModuleOptions): DynamicModule {
    const settings: RecordReadSettings = {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      sensitiveCodes: options.sensitiveCodes ?? DEFAULT_SENSITIVE_CODES,
    };
    return {
      module: GatewayRecordSharingModule,
      controllers: [PersonRecordSharingController, RecordInboxController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        ...personRecordProviders(settings),
        RecordSharingClient,
        RecordSharingEdge,
      ],
    };
  }
}
