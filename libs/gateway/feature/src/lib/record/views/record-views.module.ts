import { DEFAULT_SENSITIVE_CODES, type SensitiveCodeTable } from '@ilinks/consent/domain';
import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Module } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import { personRecordProviders } from '../read/person-record';
import type { RecordReadSettings } from '../read/record-read.options';
import { RecordViewsController } from './record-views.controller';
import { RECORD_VIEWS_CLOCK, RecordViews } from './record-views.service';

export interface GatewayRecordViewsModuleOptions {
  /** Base URLs by service name; needs `record-projection` and `identity-matching`. */
  readonly services: BackendServices;
  /** Public base URL of the FHIR API (`…/fhir`); `next` links use its origin. Derived per request when unset. */
  readonly baseUrl?: string;
  /** The region's coded list of sensitive categories; `DEFAULT_SENSITIVE_CODES` when unset. */
  readonly sensitiveCodes?: SensitiveCodeTable;
  /** What "now" is for the diary and current alerts; the system clock when unset. */
  readonly clock?: Clock;
}

/**
 * The whole-person views of the shared record (`/record/persons/{id}` and its summary, timeline,
 * care team, diary and care plans), derived at read time from what the access decision lets the
 * caller see. Needs the global `GatewayModule` (auth, OperationOutcome filter, audit) and the global
 * `AccessModule` (`PersonAccess`).
 */
@Module({})
export class GatewayRecordViewsModule {
  static forRoot(options: GatewayRecordViewsModuleOptions): DynamicModule {
    const settings: RecordReadSettings = {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      sensitiveCodes: options.sensitiveCodes ?? DEFAULT_SENSITIVE_CODES,
    };
    return {
      module: GatewayRecordViewsModule,
      controllers: [RecordViewsController],
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        { provide: RECORD_VIEWS_CLOCK, useValue: options.clock ?? systemClock },
        ...personRecordProviders(settings),
        RecordViews,
      ],
    };
  }
}
