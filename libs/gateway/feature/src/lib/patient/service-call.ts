import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  IllegalStateError,
  type Issue,
  NotFoundError,
  TooLargeError,
  UnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@ilinks/shared/kernel';
import { isJsonObject } from './fhir-json';

/** The headers a gateway request passes on to the services behind it. */
export interface ForwardedHeaders {
  readonly idempotencyKey?: string;
  readonly traceparent?: string;
}

/** One call of a service's internal JSON API. */
export interface ServiceCall {
  /** How errors name the service: `the identity service`. */
  readonly service: string;
  readonly baseUrl: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly forwarded: ForwardedHeaders;
  readonly body?: unknown;
  readonly timeoutMs: number;
  /** The media type asked for; JSON unless said. */
  readonly accept?: string;
}

const CONFLICT_ADVICE = /; the resource changed concurrently: retry the request$/;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Calls a service and answers its JSON; a refusal becomes the kernel error that makes the gateway
 * answer as the service did, an unreachable service `UnavailableError` (503).
 */
export async function callService<T>(call: ServiceCall): Promise<T> {
  return (await (await fetchService(call)).json()) as T;
}

/** Calls a service and answers its successful response as is; refusals as {@link callService}. */
export async function fetchService(call: ServiceCall): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${call.baseUrl}${call.path}`, {
      method: call.method,
      headers: requestHeaders(call.forwarded, call.body !== undefined, call.accept ?? 'application/json'),
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch {
    throw new UnavailableError(`${call.service} cannot be reached`);
  }
  if (response.ok) return response;
  throw errorForServiceResponse(call.service, response.status, await response.text().catch(() => ''));
}

function requestHeaders(
  forwarded: ForwardedHeaders,
  hasBody: boolean,
  accept: string,
): Record<string, string> {
  return {
    accept,
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...(forwarded.idempotencyKey === undefined ? {} : { 'idempotency-key': forwarded.idempotencyKey }),
    // A malformed traceparent is dropped rather than passed on, as W3C Trace Context asks.
    ...(forwarded.traceparent !== undefined && TRACEPARENT.test(forwarded.traceparent)
      ? { traceparent: forwarded.traceparent }
      : {}),
  };
}

/**
 * The kernel error that makes the gateway answer as `service` did: same status, same issue texts
 * and locations.
 */
export function errorForServiceResponse(service: string, status: number, body: string): Error {
  const issues = issuesOf(body);
  const message = issues[0]?.message ?? `${service} refused the request (${status})`;
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
  if (status === 413) return withIssues(TooLargeError);
  if (status === 415) return withIssues(UnsupportedMediaTypeError);
  if (status >= 500) return new UnavailableError(`${service} could not answer`);
  // 401, 405, 413, 415…: the gateway called the service wrongly, which is our fault (500).
  return new Error(`${service} answered ${status} to the gateway`);
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

/** `callService` bound to one service: method, path, forwarded headers, body, timeout. */
export type ServiceCaller = <T>(
  method: ServiceCall['method'],
  path: string,
  forwarded: ForwardedHeaders,
  body?: unknown,
  timeoutMs?: number,
) => Promise<T>;

/** A service's answer to a POST that creates unless it already knew the thing. */
export interface Creation<T> {
  readonly value: T;
  /** Whether the service created it (201) rather than answered what it already had (200). */
  readonly created: boolean;
}

/** The service bound as {@link serviceCaller} binds it, for every kind of answer. */
export interface ServiceCallers {
  /** Its JSON. */
  readonly call: ServiceCaller;
  /** A POST's JSON, and whether the service answered 201 rather than 200. */
  create<T>(path: string, forwarded: ForwardedHeaders, body: unknown): Promise<Creation<T>>;
  /** A GET's body as text, asking for `accept` (an image, a document). */
  text(path: string, forwarded: ForwardedHeaders, accept: string): Promise<string>;
}

/** What names a service for {@link serviceCaller} and {@link serviceCallers}. */
export interface ServiceNaming {
  /** Its key in the backend services. */
  readonly name: string;
  /** How errors name it. */
  readonly text: string;
  /** The client that needs it, named when its URL is missing. */
  readonly client: string;
  readonly timeoutMs: number;
}

/**
 * The caller of the service named `name` in `services` (its base URL, trailing slashes dropped);
 * errors name it as `text`. Throws at start-up when the URL is missing, naming `client`.
 */
export function serviceCaller(
  services: Readonly<Record<string, string | undefined>>,
  service: ServiceNaming,
): ServiceCaller {
  return serviceCallers(services, service).call;
}

/** {@link serviceCaller}, with the callers of a creating POST and of a text GET beside it. */
export function serviceCallers(
  services: Readonly<Record<string, string | undefined>>,
  service: ServiceNaming,
): ServiceCallers {
  const url = services[service.name];
  if (!url) throw new Error(`${service.client}: no base URL for the ${service.name} service`);
  const baseUrl = url.replace(/\/+$/, '');
  const at = (method: ServiceCall['method'], path: string, forwarded: ForwardedHeaders): ServiceCall => ({
    service: service.text,
    baseUrl,
    method,
    path,
    forwarded,
    timeoutMs: service.timeoutMs,
  });
  return {
    call: <T>(
      method: ServiceCall['method'],
      path: string,
      forwarded: ForwardedHeaders,
      body?: unknown,
      timeoutMs = service.timeoutMs,
    ) => callService<T>({ ...at(method, path, forwarded), body, timeoutMs }),
    create: async <T>(path: string, forwarded: ForwardedHeaders, body: unknown): Promise<Creation<T>> => {
      const response = await fetchService({ ...at('POST', path, forwarded), body });
      return { value: (await response.json()) as T, created: response.status === 201 };
    },
    text: async (path, forwarded, accept) =>
      (await fetchService({ ...at('GET', path, forwarded), accept })).text(),
  };
}
