import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Controller, Get, Header, Inject, Param, Query, Req, type Type } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { FHIR_JSON_UTF8 } from '../../patient/fhir-resources';
import type { FhirNamedResource, FhirRecordBundle } from './record-bundle';
import type { RecordReadType } from './record-read-types';
import { RecordReader } from './record-reader';
import type { SearchQuery } from './record-search.params';

/** The roles that read the shared record; governance and administration never see clinical content. */
const RECORD_READERS = ['practitioner', 'system', 'individual', 'carer'] as const;

/**
 * The controller of one record type: `GET /fhir/<type>?patient=…` (a searchset Bundle) and
 * `GET /fhir/<type>/<id>`. One class per type, so that each route is its own, as the audit trail
 * names it (`/fhir/Condition/:id`), and no pattern can shadow another module's routes.
 */
export function recordReadController(type: RecordReadType): Type<unknown> {
  @Controller(`fhir/${type}`)
  class RecordTypeReadController {
    constructor(@Inject(RecordReader) private readonly reader: RecordReader) {}

    @Get()
    @Roles(...RECORD_READERS)
    @Header('Content-Type', FHIR_JSON_UTF8)
    search(
      @Query() query: SearchQuery,
      @CurrentPrincipal() principal: Principal,
      @Req() request: IncomingMessage,
    ): Promise<FhirRecordBundle> {
      return this.reader.search(type, query, principal, request);
    }

    @Get(':id')
    @Roles(...RECORD_READERS)
    @Header('Content-Type', FHIR_JSON_UTF8)
    read(
      @Param('id') id: string,
      @CurrentPrincipal() principal: Principal,
      @Req() request: IncomingMessage,
    ): Promise<FhirNamedResource> {
      return this.reader.read(type, id, principal, request);
    }
  }
  Object.defineProperty(RecordTypeReadController, 'name', { value: `${type}ReadController` });
  return RecordTypeReadController;
}

/** `GET /fhir/Patient/:id/$everything`: the joined-up record as a searchset Bundle. */
@Controller('fhir/Patient')
export class PatientEverythingController {
  constructor(private readonly reader: RecordReader) {}

  @Get(':id/$everything')
  @Roles(...RECORD_READERS)
  @Header('Content-Type', FHIR_JSON_UTF8)
  everything(
    @Param('id') id: string,
    @Query() query: SearchQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<FhirRecordBundle> {
    return this.reader.everything(id, query, principal, request);
  }
}
