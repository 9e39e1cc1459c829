import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { type MetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ProxyTracerProvider, context, metrics, propagation, trace } from '@opentelemetry/api';
import type { IncomingMessage, RequestOptions } from 'node:http';

export interface TelemetryOptions {
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** OTLP/HTTP collector base URL (`http://collector:4318`). Without it nothing is exported. */
  readonly otlpEndpoint?: string;
  /** Extra span processors (tests use an in-memory exporter). */
  readonly spanProcessors?: readonly SpanProcessor[];
  /** A metric reader to use when there is no endpoint (tests). */
  readonly metricReader?: MetricReader;
  readonly metricExportIntervalMillis?: number;
  /** Paths whose incoming requests get no span (probes). Default: `/health/`. */
  readonly untracedPathPrefixes?: readonly string[];
}

let running: NodeSDK | undefined;

/**
 * Starts OpenTelemetry for this process: W3C trace context, HTTP instrumentation (without query
 * strings in span attributes), OTLP/HTTP export of traces and metrics when an endpoint is set.
 * Without an endpoint spans are still created, so trace ids reach the logs and propagate over
 * Kafka. Call it first in `main.ts`, before Nest (and ideally `http`) is loaded.
 */
export function startTelemetry(options: TelemetryOptions): void {
  if (running) throw new Error('telemetry is already started');
  const endpoint = options.otlpEndpoint?.replace(/\/+$/, '');
  const untraced = options.untracedPathPrefixes ?? ['/health/'];
  const exporting: SpanProcessor[] = endpoint
    ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))]
    : [];
  const extra = [...(options.spanProcessors ?? [])];
  // The SDK only registers its context manager and propagator when at least one processor exists.
  const spanProcessors =
    exporting.length + extra.length > 0 ? [...exporting, ...extra] : [new NoopSpanProcessor()];
  const metricReader = endpoint
    ? new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
        exportIntervalMillis: options.metricExportIntervalMillis ?? 15_000,
      })
    : options.metricReader;

  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors,
    ...(metricReader ? { metricReader } : {}),
    // Logs go to stdout as JSON lines (pino); the SDK must not start its own OTLP log exporter.
    logRecordProcessors: [],
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          untraced.some((prefix) => (request.url ?? '').startsWith(prefix)),
        startIncomingSpanHook: (request) => incomingUrlAttributes(request),
        startOutgoingSpanHook: (request) => outgoingUrlAttributes(request),
      }),
    ],
  });
  sdk.start();
  running = sdk;
}

/** Flushes and stops telemetry; the process may start it again afterwards (tests). */
export async function shutdownTelemetry(): Promise<void> {
  const sdk = running;
  running = undefined;
  if (!sdk) return;
  try {
    // The SDK's shutdown does not wait for spans still queued in simple processors: flush first.
    await flushTracerProvider();
    await sdk.shutdown();
  } finally {
    trace.disable();
    context.disable();
    propagation.disable();
    metrics.disable();
  }
}

async function flushTracerProvider(): Promise<void> {
  const provider: unknown = trace.getTracerProvider();
  const delegate = provider instanceof ProxyTracerProvider ? provider.getDelegate() : provider;
  const flush = (delegate as { forceFlush?: () => Promise<void> }).forceFlush;
  if (typeof flush === 'function') await flush.call(delegate);
}

/** Query strings can carry identifiers (`?identifier=...`): spans keep only the path. */
function incomingUrlAttributes(request: IncomingMessage): Record<string, string> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const host = request.headers.host ?? 'localhost';
  return { 'http.target': path, 'http.url': `http://${host}${path}`, 'url.path': path, 'url.query': '' };
}

function outgoingUrlAttributes(request: RequestOptions): Record<string, string> {
  const path = (request.path ?? '/').split('?')[0] ?? '/';
  const host = request.hostname ?? request.host ?? 'localhost';
  const port = request.port ? `:${request.port}` : '';
  const url = `${request.protocol ?? 'http:'}//${host}${port}${path}`;
  return { 'http.target': path, 'http.url': url, 'url.full': url };
}
