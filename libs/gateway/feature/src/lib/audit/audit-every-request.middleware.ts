import { FHIR_JSON, operationOutcome, requestIdOf, routeTemplateOf } from '@ilinks/platform/http';
import { currentTraceIds, injectTraceContext } from '@ilinks/platform/observability';
import type { JwtVerifier, Principal } from '@ilinks/platform/security';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { isAuditedRequest } from './audit-record.builder';
import type { AuditTrail } from './audit-trail';
import { auditFactsOf } from './request-audit';

interface GatewayRequest extends IncomingMessage {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
  readonly ip?: string;
  readonly principal?: Principal;
}

/** What a held response becomes once the audit trail answered. */
type Verdict = { readonly release: true } | { readonly release: false; readonly error: unknown };

/** Only error bodies this small are read for their issue code. */
const MAX_OUTCOME_BYTES = 64 * 1024;
const logger = new Logger('AuditTrail');

/**
 * Express middleware, installed before body parsing, routing, guards and filters: every audited
 * request's response is held — status, headers and body buffered — until its audit record is
 * acknowledged by the broker; then it leaves as it was, with `X-Request-Id` set to the record id.
 * If the record cannot be written the held response is dropped whole and a 503 OperationOutcome
 * leaves instead, so nothing of the original body is ever sent.
 *
 * Why at the HTTP level rather than an interceptor plus an exception filter: in Nest, guards run
 * before interceptors, filters after, and body-parser failures and unmatched routes never reach
 * either; holding the response itself covers every path (handler success or failure, 401 from the
 * auth guard, 403 from the roles guard, 400 from the validation pipe or the JSON parser, 404 for an
 * unknown route, 5xx) in one place, exactly once per response. The principal is read from the
 * request when the response ends: the auth guard sets it only after verifying the token, so a
 * failed authentication records `anonymous` and the unverified claims are never read.
 */
export function auditEveryRequest(trail: AuditTrail, options: AuditEveryRequestOptions = {}) {
  return function auditEveryRequestMiddleware(
    request: GatewayRequest,
    response: ServerResponse,
    next: () => void,
  ): void {
    if (!isAuditedRequest(request.method ?? '', request.url ?? '')) {
      next();
      return;
    }
    // Read now: the telemetry middleware before this one made the request's span active.
    const traceId = currentTraceIds()?.traceId;
    const traceparent = injectTraceContext();
    // A caller's own X-Request-Id is not reused as the record id: replaying one would let a caller
    // pass a second request off as a duplicate of the first, which the trail keeps only once.
    const callerChoseId = request.headers['x-request-id'] !== undefined;

    holdResponse(response, async (body) => {
      const recordId = (callerChoseId ? undefined : requestIdOf(request)) ?? randomUUID();
      const sourceAddress = request.ip ?? request.socket.remoteAddress;
      const issueCode = response.statusCode >= 400 ? issueCodeOf(response, body) : undefined;
      const principal = request.principal ?? (await identifyUnroutedCaller(request, options.verifier));
      response.setHeader('X-Request-Id', recordId);
      try {
        await trail.recordRequest(
          {
            recordId,
            method: request.method ?? 'GET',
            route: routeTemplateOf(request),
            status: response.statusCode,
            facts: auditFactsOf(request),
            ...(principal ? { principal } : {}),
            ...(issueCode ? { issueCode } : {}),
            ...(sourceAddress ? { sourceAddress } : {}),
            ...(traceId ? { traceId } : {}),
          },
          traceparent,
        );
        return { release: true };
      } catch (error: unknown) {
        logger.error(
          `request ${recordId} ${request.method ?? ''} ${routeTemplateOf(request)} refused: the audit record could not be written (${error instanceof Error ? error.message : 'unknown error'})`,
        );
        return { release: false, error };
      }
    });
    next();
  };
}

export interface AuditEveryRequestOptions {
  /**
   * Verifies a bearer token the auth guard never saw (a request to a route that does not exist),
   * so the trail names who probed it; a token that fails verification still records `anonymous`.
   */
  readonly verifier?: Pick<JwtVerifier, 'verify'>;
}

const BEARER_TOKEN = /^Bearer\s+(\S+)$/i;

async function identifyUnroutedCaller(
  request: GatewayRequest,
  verifier: AuditEveryRequestOptions['verifier'],
): Promise<Principal | undefined> {
  const token = BEARER_TOKEN.exec(request.headers.authorization ?? '')?.[1];
  if (!verifier || !token) return undefined;
  return verifier.verify(token).catch(() => undefined);
}

/**
 * Replaces the response's `writeHead`, `write`, `end` and `flushHeaders` so that nothing reaches
 * the socket until `decide` has seen the finished response: then either the buffered response is
 * sent as it was, or a 503 OperationOutcome replaces it (a response whose headers somehow already
 * left is cut off instead).
 */
function holdResponse(response: ServerResponse, decide: (body: Buffer) => Promise<Verdict>): void {
  const original = {
    writeHead: response.writeHead,
    write: response.write,
    end: response.end,
    flushHeaders: response.flushHeaders,
  };
  const chunks: Buffer[] = [];
  let ended = false;

  response.writeHead = function heldWriteHead(
    this: ServerResponse,
    statusCode: number,
    reasonOrHeaders?: string | OutgoingHttpHeaders | readonly unknown[],
    maybeHeaders?: OutgoingHttpHeaders | readonly unknown[],
  ): ServerResponse {
    response.statusCode = statusCode;
    if (typeof reasonOrHeaders === 'string') response.statusMessage = reasonOrHeaders;
    const headers = typeof reasonOrHeaders === 'string' ? maybeHeaders : reasonOrHeaders;
    applyHeaders(response, headers);
    return response;
  } as ServerResponse['writeHead'];

  response.flushHeaders = () => undefined;

  response.write = function heldWrite(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    if (!ended && chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(() => (done as () => void)());
    return true;
  } as ServerResponse['write'];

  response.end = function heldEnd(chunk?: unknown, encoding?: unknown, callback?: unknown): ServerResponse {
    if (ended) return response;
    ended = true;
    const done = [chunk, encoding, callback].find((argument) => typeof argument === 'function') as
      | (() => void)
      | undefined;
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
      chunks.push(toBuffer(chunk, encoding));
    const body = Buffer.concat(chunks);
    void decide(body).then(
      (verdict) => settle(verdict),
      (error: unknown) => settle({ release: false, error }),
    );
    return response;

    function settle(verdict: Verdict): void {
      Object.assign(response, original);
      if (verdict.release) {
        if (done) response.end(body, done);
        else response.end(body);
        return;
      }
      failClosed(response, done);
    }
  } as ServerResponse['end'];
}

/** The 503 that replaces a response whose audit record could not be written. */
function failClosed(response: ServerResponse, done: (() => void) | undefined): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  for (const name of response.getHeaderNames()) {
    if (name !== 'x-request-id') response.removeHeader(name);
  }
  response.statusCode = 503;
  response.statusMessage = 'Service Unavailable';
  response.setHeader('Content-Type', `${FHIR_JSON}; charset=utf-8`);
  response.setHeader('Retry-After', '5');
  const body = JSON.stringify(
    operationOutcome('transient', [
      {
        diagnostics:
          'the audit trail is unavailable, so the request cannot be answered; nothing was shown. Try again shortly',
      },
    ]),
  );
  if (done) response.end(body, done);
  else response.end(body);
}

function applyHeaders(
  response: ServerResponse,
  headers: OutgoingHttpHeaders | readonly unknown[] | undefined,
): void {
  if (!headers) return;
  if (Array.isArray(headers)) {
    // Raw form: [name, value, name, value, …].
    for (let index = 0; index + 1 < headers.length; index += 2)
      response.setHeader(String(headers[index]), String(headers[index + 1]));
    return;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null)
      response.setHeader(name, value as string | number | readonly string[]);
  }
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk));
}

/** The first issue code of an OperationOutcome body (`invalid`, `forbidden`, …), if it is one. */
function issueCodeOf(response: ServerResponse, body: Buffer): string | undefined {
  const type = String(response.getHeader('content-type') ?? '');
  if (!type.includes('json') || body.length === 0 || body.length > MAX_OUTCOME_BYTES) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { resourceType?: unknown; issue?: unknown };
    if (parsed.resourceType !== 'OperationOutcome' || !Array.isArray(parsed.issue)) return undefined;
    const code = (parsed.issue[0] as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
