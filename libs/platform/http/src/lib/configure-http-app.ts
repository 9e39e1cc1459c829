import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FHIR_JSON } from './operation-outcome';
import { requestIdMiddleware } from './request-id';

export interface HttpAppOptions {
  /** Largest accepted JSON body, in body-parser syntax (`1mb`, `512kb`). */
  readonly bodyLimit: string;
  /** Media types accepted for request bodies. Default: FHIR JSON and JSON. */
  readonly acceptedMediaTypes?: readonly string[];
  /** Close modules gracefully on SIGTERM/SIGINT (default true; tests may turn it off). */
  readonly shutdownHooks?: boolean;
}

export const DEFAULT_ACCEPTED_MEDIA_TYPES: readonly string[] = [FHIR_JSON, 'application/json'];

type Next = (error?: unknown) => void;

/**
 * Express-level set-up shared by every service's HTTP API; call it after `NestFactory.create` and
 * before `listen`: request ids, no `X-Powered-By`, 415 for bodies that are not JSON, JSON parsing
 * of `application/json` and `application/fhir+json` up to `bodyLimit` (413 beyond), shutdown hooks.
 * Errors surface through the global `OperationOutcomeFilter` (see `HttpPlatformModule`).
 */
export function configureHttpApp(
  app: NestExpressApplication,
  options: HttpAppOptions,
): NestExpressApplication {
  const accepted = (options.acceptedMediaTypes ?? DEFAULT_ACCEPTED_MEDIA_TYPES).map((type) =>
    type.toLowerCase(),
  );
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(requireAcceptedMediaType(accepted));
  // Registered under the parser's own name, so Nest does not add its default 100kb JSON parser.
  app.useBodyParser('json', { limit: options.bodyLimit, type: accepted, strict: true });
  app.use(translateBodyParserErrors(options.bodyLimit));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  return app;
}

/** A body must declare one of the accepted media types; requests without a body pass. */
export function requireAcceptedMediaType(accepted: readonly string[]) {
  return function requireAcceptedMediaTypeMiddleware(
    request: IncomingMessage,
    _response: ServerResponse,
    next: Next,
  ): void {
    if (!hasBody(request)) {
      next();
      return;
    }
    const declared = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (accepted.includes(declared)) {
      next();
      return;
    }
    const shown = declared === '' ? 'no content type' : `content type ${declared.slice(0, 100)}`;
    next(new UnsupportedMediaTypeException(`${shown} is not supported; send ${accepted.join(' or ')}`));
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Nest turns any `SyntaxError` into a 400 quoting the parser's message, which can echo the body;
 * body-parser failures are replaced here, before Nest sees them, by exceptions with fixed texts.
 */
export function translateBodyParserErrors(bodyLimit: string) {
  // Express recognises error middleware by its four parameters.
  return function translateBodyParserErrorsMiddleware(
    error: unknown,
    _request: IncomingMessage,
    _response: ServerResponse,
    next: Next,
  ): void {
    const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
    switch (type) {
      case 'entity.parse.failed':
        next(new BadRequestException('invalid JSON: the request body could not be parsed'));
        return;
      case 'entity.too.large':
        next(new PayloadTooLargeException(`the request body is larger than the limit of ${bodyLimit}`));
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
        next(new UnsupportedMediaTypeException('the request body encoding or charset is not supported'));
        return;
      case 'request.aborted':
      case 'request.size.invalid':
        next(new BadRequestException('the request body was incomplete'));
        return;
      default:
        next(error);
    }
  };
}
