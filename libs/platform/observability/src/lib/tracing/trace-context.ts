import {
  type Attributes,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();
const TRACER_NAME = '@ilinks/platform/observability';

/** The tracer platform code uses for its own spans. */
export function platformTracer() {
  return trace.getTracer(TRACER_NAME);
}

/** Ids of the active span, for log correlation; undefined outside any span. */
export function currentTraceIds(): { readonly traceId: string; readonly spanId: string } | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/**
 * The W3C `traceparent` of the active span, to put in a message's headers; undefined when there
 * is no active span (or telemetry was never started).
 */
export function injectTraceContext(): string | undefined {
  const carrier: Record<string, string> = {};
  propagator.inject(context.active(), carrier, defaultTextMapSetter);
  return carrier['traceparent'];
}

export interface ExtractedContextOptions {
  /** Span name, e.g. `process ilinks.consent.v1`. Default: `process message`. */
  readonly spanName?: string;
  /** Low-cardinality, non-personal attributes only (topic, group, event type). */
  readonly attributes?: Attributes;
  readonly kind?: SpanKind;
}

/**
 * Runs `fn` inside a new span whose parent is the `traceparent` received with a message (a new
 * trace when it is absent or invalid). The span ends when `fn` settles; a failure marks it as an
 * error with the error's name only — messages may quote payloads.
 */
export async function withExtractedContext<T>(
  traceparent: string | undefined,
  fn: () => Promise<T> | T,
  options: ExtractedContextOptions = {},
): Promise<T> {
  const parent = traceparent
    ? propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter)
    : ROOT_CONTEXT;
  const span = platformTracer().startSpan(
    options.spanName ?? 'process message',
    {
      kind: options.kind ?? SpanKind.CONSUMER,
      ...(options.attributes ? { attributes: options.attributes } : {}),
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await fn();
    } catch (error: unknown) {
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.name : 'non-Error thrown',
      });
      throw error;
    } finally {
      span.end();
    }
  });
}
