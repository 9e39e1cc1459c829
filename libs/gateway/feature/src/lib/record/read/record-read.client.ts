import type { PersonEntriesV1, RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCaller, serviceCaller } from '../../patient/service-call';

const SERVICE = 'record-projection';
const SERVICE_TEXT = 'the record service';
const TIMEOUT_MS = 10_000;

/**
 * The record service's read API, as the gateway calls it: its refusals become the kernel's typed
 * errors (404 stays `NotFoundError`), an unreachable service `UnavailableError` (503).
 */
@Injectable()
export class RecordReadClient {
  private readonly caller: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.caller = serviceCaller(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'RecordReadClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  /** The person's current entries (of one type when given), newest first. */
  personEntries(
    personId: string,
    resourceType: string | undefined,
    headers: ForwardedHeaders = {},
  ): Promise<PersonEntriesV1> {
    const query = resourceType === undefined ? '' : `?${new URLSearchParams({ resourceType }).toString()}`;
    return this.get(`/persons/${encodeURIComponent(personId)}/entries${query}`, headers);
  }

  entry(entryId: string, headers: ForwardedHeaders = {}): Promise<RecordEntryV1> {
    return this.get(`/entries/${encodeURIComponent(entryId)}`, headers);
  }

  private get<T>(path: string, forwarded: ForwardedHeaders): Promise<T> {
    return this.caller<T>('GET', path, forwarded);
  }
}
