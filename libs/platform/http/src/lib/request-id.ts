import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

const REQUEST_ID = Symbol('ilinks:request-id');
// A caller's id is kept only if it cannot smuggle anything into logs or headers.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

type WithRequestId = { [REQUEST_ID]?: string };

/** The id the request-id middleware gave this request (echoed in `X-Request-Id` and in 500 bodies). */
export function requestIdOf(request: object): string | undefined {
  return (request as WithRequestId)[REQUEST_ID];
}

/** Express middleware: reuses a well-formed incoming `X-Request-Id` or makes one, and echoes it. */
export function requestIdMiddleware(
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void {
  const incoming = request.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (request as WithRequestId)[REQUEST_ID] = id;
  response.setHeader('X-Request-Id', id);
  next();
}
