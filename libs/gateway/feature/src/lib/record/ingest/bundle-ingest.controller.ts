import type { AuditEntityV1 } from '@ilinks/audit/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import type { RecordBatchItemV1, RecordEntryRequestV1 } from '@ilinks/record-projection/contracts';
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  IllegalStateError,
  isDomainError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '@ilinks/shared/kernel';
import { Body, Controller, Header, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { auditFactsOf, noteAuditFacts } from '../../audit/request-audit';
import { FHIR_JSON_UTF8 } from '../../patient/fhir-resources';
import { forwardedHeadersOf } from '../../patient/forwarded-headers';
import type { ForwardedHeaders } from '../../patient/service-call';
import { type BundleEntryReading, type BundleOperation, readIngestBundle } from './fhir-bundle.parse';
import {
  type BundleEntryResponse,
  refusedEntryResponse,
  refusedItemResponse,
  type ResponseBundle,
  statusLine,
  storedEntryResponse,
} from './fhir-record-entry.render';
import { RecordEntriesClient } from './record-entries.client';
import {
  entryRequestOf,
  RECORD_INGEST_SETTINGS,
  type RecordIngestSettings,
  recordedByOf,
} from './record-ingest.options';
import { UnprocessableEntryError, UnprocessableEntryFilter } from './unprocessable-entry';

type WriteOperation = Extract<BundleOperation, { kind: 'write' }>;
type RetractOperation = Extract<BundleOperation, { kind: 'retract' }>;

/**
 * `POST /fhir` with a `transaction` Bundle (all entries stored, or none: one bad entry refuses the
 * whole with 400 naming it) or a `batch` Bundle (each entry on its own, answered per entry).
 * Writes go to the record service's `$batch` in one call; retractions (batch only) one by one.
 */
@Controller('fhir')
@UseFilters(UnprocessableEntryFilter)
export class BundleIngestController {
  constructor(
    private readonly entries: RecordEntriesClient,
    @Inject(RECORD_INGEST_SETTINGS) private readonly settings: RecordIngestSettings,
  ) {}

  @Post()
  @Roles('system', 'practitioner')
  @HttpCode(200)
  @Header('Content-Type', FHIR_JSON_UTF8)
  async process(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<ResponseBundle> {
    noteAuditFacts(request, { operation: 'Bundle' });
    const bundle = readIngestBundle(body, this.settings.clock.now());
    noteAuditFacts(request, { operation: `Bundle.${bundle.type}` });
    const headers = forwardedHeadersOf(request);
    const responses =
      bundle.type === 'transaction'
        ? await this.transaction(bundle.entries, principal, headers)
        : await this.batch(bundle.entries, principal, headers);
    const entities = auditFactsOf(request).entities;
    for (const response of responses) {
      const entity = entityOfLocation(response.location);
      if (entity) entities.push(entity);
    }
    const refused = responses.filter((response) => response.outcome !== undefined).length;
    if (refused > 0)
      noteAuditFacts(request, { outcomeDetail: `batch: ${refused} of ${responses.length} entries refused` });
    return {
      resourceType: 'Bundle',
      type: `${bundle.type}-response`,
      entry: responses.map((response) => ({ response })),
    };
  }

  private async transaction(
    readings: readonly BundleEntryReading[],
    principal: Principal,
    headers: ForwardedHeaders,
  ): Promise<BundleEntryResponse[]> {
    const writes = readings.flatMap((reading) =>
      reading.ok && reading.operation.kind === 'write' ? [reading.operation] : [],
    );
    if (writes.length === 0) return [];
    const result = await this.entries.batch(
      { atomic: true, entries: requestsOf(writes, principal) },
      headers,
    );
    const refusedAt = result.items.findIndex((item) => !item.ok);
    const refused = result.items[refusedAt];
    if (!result.stored || (refused && !refused.ok)) {
      throw refused && !refused.ok
        ? errorOfRefusedItem(refused, `Bundle.entry[${refusedAt}]`)
        : new IllegalStateError('the record service stored none of the transaction');
    }
    return result.items.map((item) => responseOfItem(item, ''));
  }

  private async batch(
    readings: readonly BundleEntryReading[],
    principal: Principal,
    headers: ForwardedHeaders,
  ): Promise<BundleEntryResponse[]> {
    const responses: BundleEntryResponse[] = readings.map((reading) =>
      reading.ok ? { status: '' } : responseOfRefusal(reading.refusal),
    );
    const writeIndexes = readings.flatMap((reading, index) =>
      reading.ok && reading.operation.kind === 'write' ? [index] : [],
    );
    const writes = writeIndexes.map((index) => (readings[index] as { operation: WriteOperation }).operation);
    if (writes.length > 0) {
      const result = await this.entries.batch(
        { atomic: false, entries: requestsOf(writes, principal) },
        headers,
      );
      writeIndexes.forEach((index, position) => {
        const item = result.items[position];
        responses[index] = item
          ? responseOfItem(item, `Bundle.entry[${index}]`)
          : refusedEntryResponse(503, [{ diagnostics: 'the record service did not answer for this entry' }]);
      });
    }
    for (const [index, reading] of readings.entries()) {
      if (reading.ok && reading.operation.kind === 'retract')
        responses[index] = await this.retract(
          reading.operation,
          principal,
          headers,
          `Bundle.entry[${index}]`,
        );
    }
    return responses;
  }

  private async retract(
    operation: RetractOperation,
    principal: Principal,
    headers: ForwardedHeaders,
    path: string,
  ): Promise<BundleEntryResponse> {
    try {
      const entry = await this.entries.findByPartnerId(
        {
          organisation: principal.organisation,
          resourceType: operation.resourceType,
          partnerId: operation.partnerId,
        },
        headers,
      );
      const retracted = await this.entries.enterInError(
        entry.entryId,
        { organisation: principal.organisation, recordedBy: recordedByOf(principal) },
        headers,
      );
      return operation.method === 'DELETE'
        ? { status: statusLine(204), location: `${retracted.resourceType}/${retracted.entryId}` }
        : storedEntryResponse(retracted, false);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const diagnostics =
        error instanceof NotFoundError
          ? `no ${operation.resourceType} with this id from your organisation`
          : error.message;
      return refusedEntryResponse(statusOfError(error), [{ diagnostics, path: `${path}.request.url` }]);
    }
  }
}

function requestsOf(writes: readonly WriteOperation[], principal: Principal): RecordEntryRequestV1[] {
  return writes.map((write) => entryRequestOf(write.reading.draft, principal));
}

function responseOfItem(item: RecordBatchItemV1, path: string): BundleEntryResponse {
  return item.ok
    ? storedEntryResponse(item.result.entry, item.result.outcome === 'recorded')
    : refusedItemResponse(item, path);
}

function responseOfRefusal(refusal: ValidationError): BundleEntryResponse {
  const status = refusal instanceof UnprocessableEntryError ? 422 : 400;
  const problems = refusal.issues.length > 0 ? refusal.issues : [{ path: '', message: refusal.message }];
  return refusedEntryResponse(
    status,
    problems.map((issue) => ({ diagnostics: issue.message, ...(issue.path ? { path: issue.path } : {}) })),
  );
}

/** A transaction refused by the record service: the edge answers as for that entry, naming it. */
function errorOfRefusedItem(item: Extract<RecordBatchItemV1, { ok: false }>, path: string): DomainError {
  const message = `${path}: ${item.diagnostics}`;
  const issues = [{ path, message }];
  if (item.status === 400) return new ValidationError(message, issues);
  if (item.status === 403) return new ForbiddenError(message, issues);
  if (item.status === 404) return new NotFoundError(message, issues);
  if (item.status === 409 && item.code === 'conflict') return new ConflictError(message, issues);
  if (item.status === 409 || item.status === 422) return new IllegalStateError(message, issues);
  return new UnavailableError('the record service could not store the transaction');
}

function statusOfError(error: DomainError): number {
  switch (error.code) {
    case 'validation':
      return error instanceof UnprocessableEntryError ? 422 : 400;
    case 'not-found':
      return 404;
    case 'forbidden':
      return 403;
    case 'illegal-state':
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
    case 'too-large':
      return 413;
    case 'unsupported-media-type':
      return 415;
  }
}

/** `Condition/<entryId>/_history/1` → the audited entity. */
function entityOfLocation(location: string | undefined): AuditEntityV1 | undefined {
  const [resourceType, id] = (location ?? '').split('/');
  return resourceType && id ? { resourceType, id } : undefined;
}
