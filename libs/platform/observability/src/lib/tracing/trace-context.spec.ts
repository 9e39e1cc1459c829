import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { shutdownTelemetry, startTelemetry } from './telemetry';
import { currentTraceIds, injectTraceContext, platformTracer, withExtractedContext } from './trace-context';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('trace context for messaging', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    startTelemetry({
      serviceName: 'trace-context-spec',
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
  });
  afterAll(async () => {
    await shutdownTelemetry();
  });
  beforeEach(() => exporter.reset());

  it('has nothing to inject outside a span', () => {
    expect(injectTraceContext()).toBeUndefined();
    expect(currentTraceIds()).toBeUndefined();
  });

  it('injects the active span as a W3C traceparent', () => {
    platformTracer().startActiveSpan('publish', (span) => {
      const traceparent = injectTraceContext();
      expect(traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      expect(currentTraceIds()).toEqual({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
      });
      span.end();
    });
  });

  it('runs the handler in a child span of the received traceparent', async () => {
    const producer = platformTracer().startSpan('publish');
    const traceparent = context.with(trace.setSpan(context.active(), producer), () => injectTraceContext());
    producer.end();

    const seenInside = await withExtractedContext(traceparent, async () => injectTraceContext(), {
      spanName: 'process ilinks.consent.v1',
      attributes: { 'messaging.destination.name': 'ilinks.consent.v1' },
    });

    const [, traceId, childSpanId] = TRACEPARENT.exec(seenInside ?? '') ?? [];
    expect(traceId).toBe(producer.spanContext().traceId);
    expect(childSpanId).not.toBe(producer.spanContext().spanId);
    const consumer = exporter.getFinishedSpans().find((span) => span.name === 'process ilinks.consent.v1');
    expect(consumer?.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(consumer?.attributes['messaging.destination.name']).toBe('ilinks.consent.v1');
    expect(injectTraceContext()).toBeUndefined();
  });

  it('starts a new trace when the traceparent is missing or invalid', async () => {
    for (const received of [undefined, 'garbage']) {
      const inside = await withExtractedContext(received, () => injectTraceContext());
      expect(inside).toMatch(TRACEPARENT);
    }
    expect(exporter.getFinishedSpans().every((span) => span.parentSpanContext === undefined)).toBe(true);
  });

  it('marks a failed handler with the error name only, and rethrows', async () => {
    const failure = new RangeError('patient Jane Smith out of range');
    await expect(
      withExtractedContext(undefined, () => Promise.reject(failure), { spanName: 'failing' }),
    ).rejects.toBe(failure);
    const span = exporter.getFinishedSpans().find((finished) => finished.name === 'failing');
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'RangeError' });
    expect(JSON.stringify(span?.events ?? [])).not.toContain('Jane');
  });
});

describe('telemetry without an exporter', () => {
  afterEach(async () => {
    await shutdownTelemetry();
  });

  it('still creates spans and propagates context', async () => {
    startTelemetry({ serviceName: 'no-exporter' });
    const traceparent = platformTracer().startActiveSpan('root', (span) => {
      span.end();
      return injectTraceContext();
    });
    expect(traceparent).toMatch(TRACEPARENT);
    const inside = await withExtractedContext(traceparent, () => injectTraceContext());
    expect(TRACEPARENT.exec(inside ?? '')?.[1]).toBe(TRACEPARENT.exec(traceparent ?? '')?.[1]);
  });

  it('refuses to start twice', () => {
    startTelemetry({ serviceName: 'once' });
    expect(() => startTelemetry({ serviceName: 'twice' })).toThrow('already started');
  });
});
