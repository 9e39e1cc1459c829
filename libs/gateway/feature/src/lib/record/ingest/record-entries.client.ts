import type {
  EnterInErrorRequestV1,
  RecordBatchRequestV1,
  RecordBatchResultV1,
  RecordEntryRequestV1,
  RecordEntryResultV1,
  RecordEntryV1,
} from '@ilinks/record-projection/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCaller, serviceCaller } from '../../patient/service-call';

/** The key of the record service in {@link BackendServices}. */
export const RECORD_SERVICE = 'record-projection';
const SERVICE_TEXT = 'the record service';
const TIMEOUT_MS = 10_000;
/** A 500-entry transaction is decided and appended as one: give it longer. */
const BATCH_TIMEOUT_MS = 30_000;

/**
 * The writing half of the record service's internal API, as the gateway calls it. Refusals become
 * the kernel's typed errors with the service's issue texts; an unreachable service `UnavailableError`.
 */
@Injectable()
export class RecordEntriesClient {
  private readonly call: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.call = serviceCaller(services, {
      name: RECORD_SERVICE,
      text: SERVICE_TEXT,
      client: 'RecordEntriesClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  record(request: RecordEntryRequestV1, headers: ForwardedHeaders = {}): Promise<RecordEntryResultV1> {
    return this.call('POST', '/entries', headers, request);
  }

  batch(request: RecordBatchRequestV1, headers: ForwardedHeaders = {}): Promise<RecordBatchResultV1> {
    return this.call('POST', '/entries/$batch', headers, request, BATCH_TIMEOUT_MS);
  }

  /** The entry an organisation sent under its own id; `NotFoundError` when there is none. */
  findByPartnerId(
    key: { readonly organisation: string; readonly resourceType: string; readonly partnerId: string },
    headers: ForwardedHeaders = {},
  ): Promise<RecordEntryV1> {
    return this.call('GET', `/entries?${new URLSearchParams(key).toString()}`, headers);
  }

  enterInError(
    entryId: string,
    request: EnterInErrorRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<RecordEntryV1> {
    return this.call('POST', `/entries/${encodeURIComponent(entryId)}/entered-in-error`, headers, request);
  }
}
