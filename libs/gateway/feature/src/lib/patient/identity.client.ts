import type {
  MatchRequestV1,
  MatchResponseV1,
  PersonSearchResponseV1,
  PersonViewV1,
  RegisterLocalRecordRequestV1,
  RegisterLocalRecordResponseV1,
  ResolveReviewRequestV1,
  ReviewPageV1,
  ReviewV1,
  UndoMergeRequestV1,
  UnlinkLocalRecordRequestV1,
  UnlinkResponseV1,
  TrainMatchModelRequestV1,
  TrainingReportV1,
} from '@ilinks/identity-matching/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  errorForServiceResponse,
  type ForwardedHeaders,
  type ServiceCaller,
  serviceCaller,
} from './service-call';

export type { ForwardedHeaders } from './service-call';

export interface ReviewQuery {
  readonly status?: 'open' | 'resolved';
  readonly cursor?: string;
  readonly limit?: number;
}

const SERVICE = 'identity-matching';
const SERVICE_TEXT = 'the identity service';
const TIMEOUT_MS = 10_000;
/** Retraining reads every record and runs EM: minutes for a large region. */
const TRAINING_TIMEOUT_MS = 10 * 60_000;

/**
 * The identity-matching service's internal API, as the gateway calls it. The service's refusals
 * become the kernel's typed errors with the service's own issue texts and locations (so the edge
 * answers with the same status and OperationOutcome); an unreachable or failing service becomes
 * `UnavailableError` (503, `transient`).
 */
@Injectable()
export class IdentityClient {
  private readonly call: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.call = serviceCaller(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'IdentityClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  register(
    request: RegisterLocalRecordRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<RegisterLocalRecordResponseV1> {
    return this.call('POST', '/local-records', headers, request);
  }

  getPerson(personId: string, headers: ForwardedHeaders = {}): Promise<PersonViewV1> {
    return this.call('GET', `/persons/${encodeURIComponent(personId)}`, headers);
  }

  searchPersons(
    identifier: { readonly system: string; readonly value: string },
    headers: ForwardedHeaders = {},
  ): Promise<PersonSearchResponseV1> {
    const query = new URLSearchParams({
      identifierSystem: identifier.system,
      identifierValue: identifier.value,
    });
    return this.call('GET', `/persons?${query.toString()}`, headers);
  }

  match(request: MatchRequestV1, headers: ForwardedHeaders = {}): Promise<MatchResponseV1> {
    return this.call('POST', '/match', headers, request);
  }

  listReviews(query: ReviewQuery, headers: ForwardedHeaders = {}): Promise<ReviewPageV1> {
    const search = new URLSearchParams();
    if (query.status !== undefined) search.set('status', query.status);
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    const suffix = search.size > 0 ? `?${search.toString()}` : '';
    return this.call('GET', `/match-reviews${suffix}`, headers);
  }

  getReview(reviewId: string, headers: ForwardedHeaders = {}): Promise<ReviewV1> {
    return this.call('GET', `/match-reviews/${encodeURIComponent(reviewId)}`, headers);
  }

  resolveReview(
    reviewId: string,
    request: ResolveReviewRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<ReviewV1> {
    return this.call('POST', `/match-reviews/${encodeURIComponent(reviewId)}/resolve`, headers, request);
  }

  unlink(
    personId: string,
    request: UnlinkLocalRecordRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<UnlinkResponseV1> {
    return this.call('POST', `/persons/${encodeURIComponent(personId)}/unlink`, headers, request);
  }

  undoMerge(
    personId: string,
    mergeId: string,
    request: UndoMergeRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<PersonViewV1> {
    const path = `/persons/${encodeURIComponent(personId)}/merges/${encodeURIComponent(mergeId)}/undo`;
    return this.call('POST', path, headers, request);
  }

  trainMatchModel(
    request: TrainMatchModelRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<TrainingReportV1> {
    return this.call('POST', '/match-model/train', headers, request, TRAINING_TIMEOUT_MS);
  }
}

/** {@link errorForServiceResponse} for the identity service. Exported for its spec. */
export function errorForResponse(status: number, body: string): Error {
  return errorForServiceResponse(SERVICE_TEXT, status, body);
}
