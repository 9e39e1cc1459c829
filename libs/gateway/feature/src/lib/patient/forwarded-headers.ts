import { ValidationError } from '@ilinks/shared/kernel';
import type { IncomingMessage } from 'node:http';
import type { ForwardedHeaders } from './identity.client';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The headers of a gateway request worth passing to the identity service: `Idempotency-Key`
 * (refused with a 400 when malformed, as the API guide promises) and W3C `traceparent`.
 */
export function forwardedHeadersOf(request: Pick<IncomingMessage, 'headers'>): ForwardedHeaders {
  const key = request.headers['idempotency-key'];
  const traceparent = request.headers['traceparent'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    throw new ValidationError('the request is invalid (1 problem)', [
      {
        path: 'Idempotency-Key',
        message: 'the Idempotency-Key header must be 8 to 128 letters, digits or . _ : -',
      },
    ]);
  }
  return {
    ...(key === undefined ? {} : { idempotencyKey: key }),
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
  };
}

/** The public base URL of the FHIR API: the configured one, else the one the client used. */
export function fhirBaseUrlOf(
  request: Pick<IncomingMessage, 'headers' | 'socket'>,
  configured: string | undefined,
): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = request.headers.host ?? 'localhost';
  const encrypted = (request.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  return `${encrypted ? 'https' : 'http'}://${host}/fhir`;
}
