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
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  IllegalStateError,
  type Issue,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import { isJsonObject } from './fhir-json';

/** The headers a gateway request passes on to the identity service. */
export interface ForwardedHeaders {
  readonly idempotencyKey?: string;
  readonly traceparent?: string;
}

export interface ReviewQuery {
  readonly status?: 'open' | 'resolved';
  readonly cursor?: string;
  readonly limit?: number;
}

const SERVICE = 'identity-matching';
const TIMEOUT_MS = 10_000;
/** Retraining reads every record and runs EM: minutes for a large region. */
const TRAINING_TIMEOUT_MS = 10 * 60_000;
const CONFLICT_ADVICE = /; the resource changed concurrently: retry the request$/;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The identity-matching service's internal API, as the gateway calls it. The service's refusals
 * become the kernel's typed errors with the service's own issue texts and locations (so the edge
 * answers with the same status and OperationOutcome); an unreachable or failing service becomes
 * `UnavailableError` (503, `transient`).
 */
@Injectable()
export class IdentityClient {
  private readonly baseUrl: string;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    const url = services[SERVICE];
    if (!url) throw new Error(`IdentityClient: no base URL for the ${SERVICE} service`);
    this.baseUrl = url.replace(/\/+$/, '');
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

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    forwarded: ForwardedHeaders,
    body?: unknown,
    timeoutMs = TIMEOUT_MS,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: requestHeaders(forwarded, body !== undefined),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new UnavailableError('the identity service cannot be reached');
    }
    if (response.ok) return (await response.json()) as T;
    throw errorForResponse(response.status, await response.text().catch(() => ''));
  }
}

function requestHeaders(forwarded: ForwardedHeaders, hasBody: boolean): Record<string, string> {
  return {
    accept: 'application/json',
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...(forwarded.idempotencyKey === undefined ? {} : { 'idempotency-key': forwarded.idempotencyKey }),
    // A malformed traceparent is dropped rather than passed on, as W3C Trace Context asks.
    ...(forwarded.traceparent !== undefined && TRACEPARENT.test(forwarded.traceparent)
      ? { traceparent: forwarded.traceparent }
      : {}),
  };
}

/**
 * The kernel error that makes the gateway answer as the identity service did: same status, same
 * issue texts and locations. Exported for its spec.
 */
export function errorForResponse(status: number, body: string): Error {
  const issues = issuesOf(body);
  const message = issues[0]?.message ?? `the identity service refused the request (${status})`;
  const withIssues = <E extends DomainError>(make: new (message: string, issues: readonly Issue[]) => E): E =>
    new make(message, issues);
  if (status === 400) return withIssues(ValidationError);
  if (status === 403) return withIssues(ForbiddenError);
  if (status === 404) return withIssues(NotFoundError);
  if (status === 409 && isConflict(body)) {
    // The edge appends its retry advice to a ConflictError; the service's text already has it.
    return new ConflictError(message.replace(CONFLICT_ADVICE, ''), issues);
  }
  if (status === 409) return withIssues(IllegalStateError);
  if (status === 422) return withIssues(IllegalStateError);
  if (status >= 500) return new UnavailableError('the identity service could not answer');
  // 401, 405, 413, 415…: the gateway called the service wrongly, which is our fault (500).
  return new Error(`the identity service answered ${status} to the gateway`);
}

/** The OperationOutcome's issues; `[]` when the body is not one. */
function issuesOf(body: string): Issue[] {
  const outcome = parseJson(body);
  if (!isJsonObject(outcome) || !Array.isArray(outcome['issue'])) return [];
  return outcome['issue'].flatMap((issue: unknown): Issue[] => {
    if (!isJsonObject(issue) || typeof issue['diagnostics'] !== 'string') return [];
    const expression = issue['expression'];
    const path = Array.isArray(expression) && typeof expression[0] === 'string' ? expression[0] : '';
    return [{ path, message: issue['diagnostics'] }];
  });
}

function isConflict(body: string): boolean {
  const outcome = parseJson(body);
  return (
    isJsonObject(outcome) &&
    Array.isArray(outcome['issue']) &&
    outcome['issue'].some((issue: unknown) => isJsonObject(issue) && issue['code'] === 'conflict')
  );
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
