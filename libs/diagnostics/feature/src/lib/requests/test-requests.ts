import type { RecordTestRequestV1, TestRequestV1 } from '@ilinks/diagnostics/contracts';
import {
  contentHashOf,
  type RecordTestRequest,
  type RequestIdentifier,
  requestIdFor,
  requestStream,
  testRequestDecider,
} from '@ilinks/diagnostics/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  READ_MODEL_STORE,
  ServiceRuntime,
} from '@ilinks/platform/runtime';
import { type Clock, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Recorded } from '../recorded';
import {
  identifierDocumentId,
  type RequestIdentifierDocument,
  lookupKeyOf,
  requestIdentifiersProjection,
} from './request-identifiers.projection';
import { type TestRequestDocument, testRequestOf, testRequestsProjection } from './test-requests.projection';

/** Test requests: recorded by the requesting organisation, found again by id or by order number. */
@Injectable()
export class TestRequests implements OnModuleInit {
  private requests!: ReadModelCollection<TestRequestDocument>;
  private identifiers!: ReadModelCollection<RequestIdentifierDocument>;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly runtime: ServiceRuntime,
  ) {}

  async onModuleInit(): Promise<void> {
    [this.requests, this.identifiers] = await Promise.all([
      this.store.collection<TestRequestDocument>(testRequestsProjection.collection),
      this.store.collection<RequestIdentifierDocument>(requestIdentifiersProjection.collection),
    ]);
  }

  /** Records a request (or its next revision); `created` when this request, or its first try, recorded revision 1. */
  async record(body: RecordTestRequestV1, idempotencyKey: string): Promise<Recorded<TestRequestV1>> {
    const { recordedBy, ...request } = body;
    const organisation = recordedBy.organisation;
    const requestId = requestIdFor(organisation, body.partnerRequestId);
    const command: RecordTestRequest = {
      type: 'RecordTestRequest',
      data: { requestId, organisation, recordedBy, contentHash: contentHashOf(request), request },
      metadata: { idempotencyKey, now: this.clock.now(), actor: recordedBy.subject },
    };
    const result = await executeCommand(
      this.eventStore,
      testRequestDecider,
      requestStream(requestId),
      command,
    );
    await this.runtime.waitForViews(result.position);
    const created = result.events.some((event) => event.data.revision === 1);
    return { body: await this.byId(requestId), created };
  }

  async byId(requestId: string): Promise<TestRequestV1> {
    const document = await this.requests.get(requestId);
    if (document === undefined) throw new NotFoundError('no such request');
    return testRequestOf(document.body);
  }

  /** The request the first of these order numbers names that a request carries, if any. */
  async matching(identifiers: readonly RequestIdentifier[]): Promise<TestRequestV1 | undefined> {
    for (const identifier of identifiers) {
      const found = await this.identifiers.get(identifierDocumentId(lookupKeyOf(identifier)));
      if (found === undefined) continue;
      const request = await this.requests.get(found.body.requestId);
      if (request !== undefined) return testRequestOf(request.body);
    }
    return undefined;
  }
}
