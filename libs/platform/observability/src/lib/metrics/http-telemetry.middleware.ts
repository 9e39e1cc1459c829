import {
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  defaultTextMapGetter,
  trace,
} from '@opentelemetry/api';
import { RPCType, W3CTraceContextPropagator, getRPCMetadata } from '@opentelemetry/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { platformTracer } from '../tracing/trace-context';
import type { PlatformMetrics } from './platform-metrics';

interface RoutedRequest extends IncomingMessage {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
}

const propagator = new W3CTraceContextPropagator();

export interface HttpTelemetryOptions {
  /** Requests under these paths are measured but get no span of their own. Default: `/health/`. */
  readonly untracedPathPrefixes?: readonly string[];
}

/**
 * Express middleware, installed first (`app.use(httpTelemetryMiddleware(metrics))`): records
 * request count and duration by route template and status, and names the server span
 * `GET /fhir/Patient/:id` with `http.route` and the status. It annotates the HTTP
 * instrumentation's span, or starts one (continuing an incoming `traceparent`) when the
 * instrumentation is not active. No query strings, no bodies.
 */
export function httpTelemetryMiddleware(
  platformMetrics: PlatformMetrics,
  options: HttpTelemetryOptions = {},
) {
  const untraced = options.untracedPathPrefixes ?? ['/health/'];
  return function httpTelemetry(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    const method = request.method ?? 'UNKNOWN';
    const rpcMetadata = getRPCMetadata(context.active());
    const active = trace.getActiveSpan();
    if (!active && untraced.some((prefix) => (request.url ?? '').startsWith(prefix))) {
      response.once('finish', () => recordOnly(platformMetrics, request, response, method, started));
      next();
      return;
    }
    const parent = active
      ? context.active()
      : propagator.extract(context.active(), request.headers, defaultTextMapGetter);
    const span: Span =
      active ??
      platformTracer().startSpan(
        method,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
        parent,
      );

    let recorded = false;
    const record = (): void => {
      if (recorded) return;
      recorded = true;
      const route = routeTemplateOf(request);
      const status = response.writableFinished ? response.statusCode : 499;
      if (rpcMetadata?.type === RPCType.HTTP) rpcMetadata.route = route;
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!active) span.end();
      platformMetrics.recordHttpRequest({
        method,
        route,
        status,
        durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    };
    // 'finish' comes before the instrumentation closes its span on 'close'; 'close' alone means the client went away.
    response.once('finish', record);
    response.once('close', record);

    if (active) next();
    else context.with(trace.setSpan(parent, span), next);
  };
}

function recordOnly(
  platformMetrics: PlatformMetrics,
  request: RoutedRequest,
  response: ServerResponse,
  method: string,
  started: bigint,
): void {
  const durationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  platformMetrics.recordHttpRequest({
    method,
    route: routeTemplateOf(request),
    status: response.statusCode,
    durationSeconds,
  });
}

function routeTemplateOf(request: RoutedRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : '(unmatched)';
}
