import type {
  AnnotateEntryRequestV1,
  EntryAnnotationV1,
  EntryAnnotationsV1,
  MarkShareReadRequestV1,
  RecordShareV1,
  RecordSharesPageV1,
  ShareRecordItemsRequestV1,
  RecordSharesQueryV1,
} from '@ilinks/record-projection/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCaller, serviceCaller } from '../../patient/service-call';

const SERVICE = 'record-projection';
const SERVICE_TEXT = 'the record service';
const TIMEOUT_MS = 10_000;

/** What narrows an inbox (the contract's query). */
export type InboxSearch = RecordSharesQueryV1;

/**
 * The record service's annotation and sharing API, as the gateway calls it: its refusals become the
 * kernel's typed errors, an unreachable service `UnavailableError` (503).
 */
@Injectable()
export class RecordSharingClient {
  private readonly call: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.call = serviceCaller(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'RecordSharingClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  annotate(
    entryId: string,
    request: AnnotateEntryRequestV1,
    headers: ForwardedHeaders,
  ): Promise<EntryAnnotationV1> {
    return this.call('POST', `/entries/${encodeURIComponent(entryId)}/annotations`, headers, request);
  }

  annotations(entryId: string, headers: ForwardedHeaders): Promise<EntryAnnotationsV1> {
    return this.call('GET', `/entries/${encodeURIComponent(entryId)}/annotations`, headers);
  }

  share(request: ShareRecordItemsRequestV1, headers: ForwardedHeaders): Promise<RecordShareV1> {
    return this.call('POST', '/shares', headers, request);
  }

  inbox(search: InboxSearch, headers: ForwardedHeaders): Promise<RecordSharesPageV1> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(search)) {
      if (value !== undefined) query.set(name, String(value));
    }
    return this.call('GET', `/shares?${query.toString()}`, headers);
  }

  shareById(shareId: string, headers: ForwardedHeaders): Promise<RecordShareV1> {
    return this.call('GET', `/shares/${encodeURIComponent(shareId)}`, headers);
  }

  markRead(
    shareId: string,
    request: MarkShareReadRequestV1,
    headers: ForwardedHeaders,
  ): Promise<RecordShareV1> {
    return this.call('POST', `/shares/${encodeURIComponent(shareId)}/read`, headers, request);
  }
}
