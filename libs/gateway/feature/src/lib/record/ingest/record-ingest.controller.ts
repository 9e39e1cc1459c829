import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import type { RecordEntryRequestV1, RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { ForbiddenError, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { noteAuditFacts, auditFactsOf } from '../../audit/request-audit';
import { FHIR_JSON_UTF8 } from '../../patient/fhir-resources';
import { fhirBaseUrlOf, forwardedHeadersOf } from '../../patient/forwarded-headers';
import type { ForwardedHeaders } from '../../patient/service-call';
import { servedFhirResourceOf } from '../read/entry-fhir';
import { type IngestReading, recordEntryFromFhir } from './fhir-record-entry.parse';
import { etagOf, fhirResourceOfEntry } from './fhir-record-entry.render';
import {
  INGEST_RESOURCE_TYPES,
  type IngestResourceType,
  isIngestResourceType,
} from './ingest-resource-types';
import {
  type Contributor,
  contributionRequestOf,
  contributionResource,
  isContributableType,
  isContribution,
  keyInUse,
} from './individual-contribution';
import { RecordContributors } from './record-contributors';
import { RecordEntriesClient } from './record-entries.client';
import {
  entryRequestOf,
  RECORD_INGEST_SETTINGS,
  type RecordIngestSettings,
  recordedByOf,
} from './record-ingest.options';
import { UnprocessableEntryFilter } from './unprocessable-entry';

const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/**
 * Partners' clinical and social-care resources into the shared record: `POST /fhir/<Type>`
 * (create), `PUT /fhir/<Type>/<your id>` (update, or create under your id; entered-in-error
 * retracts), `DELETE /fhir/<Type>/<your id>` (retracts). Partner systems and practitioners write
 * as their token's organisation, which is the only one whose items they can change. Individuals
 * add Observations, AllergyIntolerances and CarePlans about themselves only, marked as theirs.
 * Explicit paths per type, so that `/fhir/Patient` and `/fhir/Consent` stay their own modules'.
 */
@Controller('fhir')
@UseFilters(UnprocessableEntryFilter)
export class RecordIngestController {
  constructor(
    private readonly entries: RecordEntriesClient,
    private readonly contributors: RecordContributors,
    @Inject(RECORD_INGEST_SETTINGS) private readonly settings: RecordIngestSettings,
  ) {}

  /** 201 with `Location` for a new entry, 200 when the resource was already recorded (revised or the same). */
  @Post(INGEST_RESOURCE_TYPES)
  @Roles('system', 'practitioner', 'individual')
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const type = resourceTypeOfUrl(request);
    noteAuditFacts(request, { operation: `${type}.create` });
    const headers = forwardedHeadersOf(request);
    const writer = await this.writerOf(type, principal, headers);
    const reading = this.read(body, type, writer, undefined);
    if (reading.enteredInError) {
      throw new ValidationError(`the ${type} is invalid (1 problem)`, [
        {
          path: `${type}.${statusElementOf(type)}`,
          message: `a ${type} entered in error is retracted with PUT or DELETE, not created`,
        },
      ]);
    }
    const result = await this.entries.record(this.requestOf(reading, principal, writer), headers);
    this.send(request, response, result.entry, result.outcome === 'recorded', writer);
  }

  /**
   * Update keyed by your id (created when new); with `status` (or `verificationStatus`)
   * entered-in-error, retracts the entry. The body's id must equal the URL's.
   */
  @Put(INGEST_RESOURCE_TYPES.map((type) => `${type}/:id`))
  @Roles('system', 'practitioner', 'individual')
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const type = resourceTypeOfUrl(request);
    noteAuditFacts(request, { operation: `${type}.update` });
    const headers = forwardedHeadersOf(request);
    const writer = await this.writerOf(type, principal, headers);
    const reading = this.read(body, type, writer, id);
    if (reading.enteredInError) {
      const entry = await this.retract(type, id, principal, writer, headers);
      this.send(request, response, entry, false, writer);
      return;
    }
    const result = await this.entries.record(this.requestOf(reading, principal, writer), headers);
    this.send(request, response, result.entry, result.outcome === 'recorded', writer);
  }

  /** Retracts the entry (entered-in-error): 204; the history stays. */
  @Delete(INGEST_RESOURCE_TYPES.map((type) => `${type}/:id`))
  @Roles('system', 'practitioner', 'individual')
  @HttpCode(204)
  async remove(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<void> {
    const type = resourceTypeOfUrl(request);
    noteAuditFacts(request, { operation: `${type}.delete` });
    const headers = forwardedHeadersOf(request);
    const writer = await this.writerOf(type, principal, headers);
    const entry = await this.retract(type, id, principal, writer, headers);
    auditFactsOf(request).entities.push({ resourceType: type, id: entry.entryId });
  }

  /**
   * Only the recording organisation finds its own entry by its own id: anyone else gets 404. An
   * individual retracts only a contribution (the record service checks it is theirs); any other
   * entry under the app's id gets the same plain conflict.
   */
  private async retract(
    type: IngestResourceType,
    partnerId: string,
    principal: Principal,
    writer: Writer,
    headers: ForwardedHeaders,
  ): Promise<RecordEntryV1> {
    if (!FHIR_ID.test(partnerId)) throw new NotFoundError(`no ${type} with this id from your organisation`);
    const entry = await this.entries
      .findByPartnerId({ organisation: principal.organisation, resourceType: type, partnerId }, headers)
      .catch((error: unknown) => {
        throw error instanceof NotFoundError
          ? new NotFoundError(`no ${type} with this id from your organisation`)
          : error;
      });
    if (writer !== undefined && !isContribution(entry)) throw keyInUse();
    const recordedBy =
      writer === undefined ? recordedByOf(principal) : { subject: writer.tokenPersonId, role: 'individual' };
    return this.entries.enterInError(
      entry.entryId,
      { organisation: principal.organisation, recordedBy },
      headers,
    );
  }

  /**
   * An individual writes as a {@link Contributor}, and only the types they may contribute (403
   * otherwise, before anything is read); partner systems and practitioners as themselves (undefined).
   */
  private async writerOf(
    type: IngestResourceType,
    principal: Principal,
    headers: ForwardedHeaders,
  ): Promise<Writer> {
    if (principal.role !== 'individual') return undefined;
    if (!isContributableType(type)) {
      throw new ForbiddenError(
        `individuals may not write ${type}: only Observation, AllergyIntolerance and CarePlan`,
      );
    }
    return this.contributors.contributorOf(principal, headers);
  }

  /** The resource read; an individual's about themselves only, with the patient filled in by us. */
  private read(
    body: unknown,
    type: IngestResourceType,
    writer: Writer,
    urlId: string | undefined,
  ): IngestReading {
    const now = this.settings.clock.now();
    const location = { expectedType: type, ...(urlId === undefined ? {} : { urlId }), now };
    if (writer === undefined || !isContributableType(type)) return recordEntryFromFhir(body, location);
    return recordEntryFromFhir(contributionResource(body, type, writer), {
      ...location,
      personSubject: true,
    });
  }

  private requestOf(reading: IngestReading, principal: Principal, writer: Writer): RecordEntryRequestV1 {
    return writer === undefined
      ? entryRequestOf(reading.draft, principal)
      : contributionRequestOf(reading.draft, principal, writer);
  }

  private send(
    request: IncomingMessage,
    response: ServerResponse,
    entry: RecordEntryV1,
    created: boolean,
    writer: Writer,
  ): void {
    auditFactsOf(request).entities.push({ resourceType: entry.resourceType, id: entry.entryId });
    response.statusCode = created ? 201 : 200;
    if (created)
      response.setHeader(
        'Location',
        `${fhirBaseUrlOf(request, this.settings.baseUrl)}/${entry.resourceType}/${entry.entryId}`,
      );
    response.setHeader('ETag', etagOf(entry));
    response.setHeader('Last-Modified', new Date(entry.lastUpdated).toUTCString());
    response.setHeader('Content-Type', FHIR_JSON_UTF8);
    // An individual gets their entry as any read serves it: marked as theirs, about them now.
    const resource =
      writer === undefined ? fhirResourceOfEntry(entry) : servedFhirResourceOf(entry, writer.personId);
    response.end(JSON.stringify(resource));
  }
}

/** Who writes: an individual as a {@link Contributor}; undefined for partner systems and practitioners. */
type Writer = Contributor | undefined;

/** Where a type says it was entered in error. */
function statusElementOf(type: IngestResourceType): string {
  return type === 'Condition' || type === 'AllergyIntolerance' ? 'verificationStatus' : 'status';
}

/** The type the matched route names: the path segment after `/fhir/`. */
function resourceTypeOfUrl(request: IncomingMessage): IngestResourceType {
  const segments = (request.url ?? '').split('?')[0]?.split('/') ?? [];
  const type = segments[segments.indexOf('fhir') + 1];
  if (!isIngestResourceType(type)) throw new Error('record ingest route without an ingestible type');
  return type;
}
