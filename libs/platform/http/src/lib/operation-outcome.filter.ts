import { type DomainError, isDomainError } from '@ilinks/shared/kernel';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Observable, throwError } from 'rxjs';
import { FHIR_JSON, type IssueType, type OperationOutcome, operationOutcome } from './operation-outcome';
import { requestIdOf } from './request-id';

/** What the filter sends: status, body and any extra headers. */
export interface ErrorResponse {
  readonly status: number;
  readonly body: OperationOutcome;
  readonly headers?: Readonly<Record<string, string>>;
}

interface RoutedRequest extends IncomingMessage {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
}

/** Errors whose message comes from code, not data, and so may be logged. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError']);

/**
 * The one place errors become HTTP responses: every failure leaves as a FHIR `OperationOutcome`
 * (`application/fhir+json`) with a status that says what went wrong. Unknown errors become a
 * generic 500 carrying the request id, never the error text.
 */
@Catch()
export class OperationOutcomeFilter implements ExceptionFilter {
  private readonly logger = new Logger('OperationOutcomeFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Message handlers keep their own failure path (retries, dead letters): hand the error back.
    if (host.getType() !== 'http') return throwError(() => exception);
    const request = host.switchToHttp().getRequest<RoutedRequest>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const requestId = requestIdOf(request) ?? 'unknown';
    const outcome = errorResponseFor(exception, request, requestId);
    if (outcome.status >= 500) this.logServerError(exception, request, requestId, outcome.status);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // Headers already set win: the auth guard's challenge is more precise than the default one.
    for (const [name, value] of Object.entries(outcome.headers ?? {})) {
      if (!response.hasHeader(name)) response.setHeader(name, value);
    }
    response.statusCode = outcome.status;
    response.setHeader('Content-Type', `${FHIR_JSON}; charset=utf-8`);
    response.end(JSON.stringify(outcome.body));
  }

  private logServerError(
    exception: unknown,
    request: RoutedRequest,
    requestId: string,
    status: number,
  ): void {
    const where = `${request.method ?? ''} ${routeTemplateOf(request)}`;
    if (!(exception instanceof Error)) {
      this.logger.error(`request ${requestId} ${where} failed (${status}) with a non-Error value`);
      return;
    }
    // Driver and library messages can quote data (duplicate keys, rejected values): only the
    // error's name, its code and where it was thrown are logged, unless it is a programming error.
    const message = PROGRAMMING_ERRORS.has(exception.name) ? `: ${exception.message}` : '';
    const code = (exception as { code?: unknown }).code;
    const frames = (exception.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n');
    this.logger.error(
      `request ${requestId} ${where} failed (${status}) with ${exception.name}${code === undefined ? '' : ` [${String(code)}]`}${message}`,
      frames,
    );
  }
}

/** The response for any error (exported for tests and non-Nest callers). */
export function errorResponseFor(
  exception: unknown,
  request: RoutedRequest,
  requestId: string,
): ErrorResponse {
  if (isDomainError(exception)) return domainErrorResponse(exception);
  const bodyParserError = bodyParserErrorResponse(exception);
  if (bodyParserError) return bodyParserError;
  if (exception instanceof HttpException) return httpExceptionResponse(exception, request, requestId);
  return internalError(requestId);
}

function domainErrorResponse(error: DomainError): ErrorResponse {
  const single = (code: IssueType, diagnostics: string = error.message) =>
    operationOutcome(code, [{ diagnostics }]);
  switch (error.code) {
    case 'validation':
      return {
        status: 400,
        body: operationOutcome(
          'invalid',
          error.issues.length > 0
            ? error.issues.map((issue) => ({ diagnostics: issue.message, path: issue.path }))
            : [{ diagnostics: error.message }],
        ),
      };
    case 'not-found':
      return { status: 404, body: single('not-found') };
    case 'illegal-state':
      return { status: 409, body: single('business-rule') };
    case 'conflict':
      return {
        status: 409,
        body: single('conflict', `${error.message}; the resource changed concurrently: retry the request`),
      };
    case 'forbidden':
      return { status: 403, body: single('forbidden') };
    case 'unavailable':
      return {
        status: 503,
        body: single('transient', `${error.message}; try again shortly`),
        headers: { 'Retry-After': '5' },
      };
    case 'too-large':
      return { status: 413, body: single('too-long') };
    case 'unsupported-media-type':
      return { status: 415, body: single('not-supported') };
  }
}

/** body-parser errors carry a `type`; they reach the filter when the stock Nest parser is in use. */
function bodyParserErrorResponse(exception: unknown): ErrorResponse | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const type = (exception as { type?: unknown }).type;
  if (typeof type !== 'string') return undefined;
  switch (type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        body: operationOutcome('invalid', [
          { diagnostics: 'invalid JSON: the request body could not be parsed' },
        ]),
      };
    case 'entity.too.large':
      return {
        status: 413,
        body: operationOutcome('too-long', [
          { diagnostics: 'the request body is larger than this server accepts' },
        ]),
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        status: 415,
        body: operationOutcome('not-supported', [
          { diagnostics: 'the request body encoding or charset is not supported' },
        ]),
      };
    case 'request.aborted':
    case 'request.size.invalid':
      return {
        status: 400,
        body: operationOutcome('invalid', [{ diagnostics: 'the request body was incomplete' }]),
      };
    default:
      return undefined;
  }
}

function httpExceptionResponse(
  exception: HttpException,
  request: RoutedRequest,
  requestId: string,
): ErrorResponse {
  const status = exception.getStatus();
  if (status >= 500)
    return status === 503
      ? {
          status,
          body: operationOutcome('transient', [
            { diagnostics: 'the service is temporarily unavailable; try again shortly' },
          ]),
        }
      : internalError(requestId, status);
  const code = issueTypeForStatus(status);
  if (status === 404 && request.route === undefined) {
    return {
      status,
      body: operationOutcome(code, [
        { diagnostics: `no such endpoint: ${request.method ?? ''} ${pathOf(request)}` },
      ]),
    };
  }
  const headers: Record<string, string> =
    status === 401 ? { 'WWW-Authenticate': 'Bearer realm="ilinks"' } : {};
  return {
    status,
    body: operationOutcome(
      code,
      messagesOf(exception).map((diagnostics) => ({ diagnostics })),
    ),
    headers,
  };
}

function internalError(requestId: string, status = 500): ErrorResponse {
  return {
    status,
    body: operationOutcome('exception', [
      { diagnostics: `an unexpected error occurred; quote request id ${requestId} when reporting it` },
    ]),
  };
}

function issueTypeForStatus(status: number): IssueType {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'login';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not-found';
    case 405:
    case 406:
    case 415:
      return 'not-supported';
    case 408:
      return 'timeout';
    case 409:
    case 412:
      return 'conflict';
    case 413:
      return 'too-long';
    case 422:
      return 'business-rule';
    case 429:
      return 'throttled';
    default:
      return 'invalid';
  }
}

function messagesOf(exception: HttpException): string[] {
  const body = exception.getResponse();
  if (typeof body === 'string') return [body];
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return [message];
  if (Array.isArray(message) && message.every((item) => typeof item === 'string') && message.length > 0)
    return message;
  return [exception.message];
}

/** The path without its query string, which may carry identifiers. */
function pathOf(request: IncomingMessage): string {
  return (request.url ?? '').split('?')[0] ?? '';
}

/** The matched route template (`/fhir/Patient/:id`) or `(unmatched)`. */
export function routeTemplateOf(request: {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
}): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : '(unmatched)';
}
