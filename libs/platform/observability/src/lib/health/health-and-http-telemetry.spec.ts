import { Controller, Get, type INestApplication, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { AddressInfo } from 'node:net';
import { CollectingMetricReader } from '../metrics/collecting-metric-reader';
import { httpTelemetryMiddleware } from '../metrics/http-telemetry.middleware';
import { createPlatformMetrics } from '../metrics/platform-metrics';
import { shutdownTelemetry, startTelemetry } from '../tracing/telemetry';
import { HealthModule } from './health.module';
import { ReadinessRegistry } from './readiness.registry';

@Controller('items')
class ItemsController {
  @Get(':id')
  read(@Param('id') id: string): { id: string } {
    return { id };
  }
}

describe('health endpoints and HTTP telemetry (real Nest app)', () => {
  let app: INestApplication;
  let baseUrl: string;
  let registry: ReadinessRegistry;
  const spans = new InMemorySpanExporter();
  const reader = new CollectingMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });

  beforeAll(async () => {
    startTelemetry({ serviceName: 'health-spec', spanProcessors: [new SimpleSpanProcessor(spans)] });

    @Module({
      imports: [
        HealthModule.forRoot({
          timeoutMs: 100,
          checks: [{ name: 'event-store', check: async () => undefined }],
        }),
      ],
      controllers: [ItemsController],
    })
    class ProbeModule {}

    app = await NestFactory.create(ProbeModule, { logger: false });
    app.use(httpTelemetryMiddleware(createPlatformMetrics(meterProvider.getMeter('test'))));
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    registry = app.get(ReadinessRegistry);
  });

  afterAll(async () => {
    await app.close();
    await meterProvider.shutdown();
    await shutdownTelemetry();
  });

  it('answers liveness while the process runs', async () => {
    const response = await fetch(`${baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness 200 when every check passes', async () => {
    const response = await fetch(`${baseUrl}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { 'event-store': { status: 'ok', durationMs: expect.any(Number) } },
      failed: [],
    });
  });

  it('answers 503 naming the failed and timed-out checks, without their error text', async () => {
    registry.register({
      name: 'read-models',
      check: () => Promise.reject(new Error('auth failed for mongodb://svc:hunter2@db:27017')),
    });
    registry.register({ name: 'kafka', check: () => new Promise<void>(() => undefined) });
    const started = Date.now();
    const response = await fetch(`${baseUrl}/health/ready`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({
      status: 'unavailable',
      checks: {
        'event-store': { status: 'ok', durationMs: expect.any(Number) },
        'read-models': { status: 'failed', reason: 'check failed', durationMs: expect.any(Number) },
        kafka: { status: 'failed', reason: 'timed out', durationMs: expect.any(Number) },
      },
      failed: ['read-models', 'kafka'],
    });
  });

  it('refuses two checks with one name', () => {
    expect(() => registry.register({ name: 'kafka', check: async () => undefined })).toThrow(
      'already registered',
    );
  });

  it('names the span after the route template, continues the caller trace, and keeps no query string', async () => {
    spans.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`${baseUrl}/items/person-42?identifier=9434765919`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);
    await waitFor(() => spans.getFinishedSpans().some((span) => span.name === 'GET /items/:id'));
    const span = spans.getFinishedSpans().find((finished) => finished.name === 'GET /items/:id');
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.attributes).toEqual(
      expect.objectContaining({ 'http.route': '/items/:id', 'http.response.status_code': 200 }),
    );
    expect(JSON.stringify(span?.attributes)).not.toContain('9434765919');
  });

  it('records request count and duration by route template and status', async () => {
    await fetch(`${baseUrl}/items/a`);
    await fetch(`${baseUrl}/nowhere`);
    await waitFor(async () =>
      (await reader.dataPoints('ilinks.http.server.requests')).some(
        (point) => point.attributes['http.route'] === '(unmatched)',
      ),
    );
    const counts = await reader.dataPoints('ilinks.http.server.requests');
    const routes = counts.map(
      (point) =>
        `${String(point.attributes['http.request.method'])} ${String(point.attributes['http.route'])} ${String(point.attributes['http.response.status_code'])}`,
    );
    expect(routes).toEqual(
      expect.arrayContaining(['GET /items/:id 200', 'GET (unmatched) 404', 'GET /health/ready 503']),
    );
    expect(routes.some((route) => route.includes('person-42') || route.includes('/items/a'))).toBe(false);
    expect((await reader.dataPoints('http.server.request.duration')).length).toBeGreaterThan(0);
  });

  it('reports shutting-down once the application is closing', async () => {
    registry.beforeApplicationShutdown();
    const response = await fetch(`${baseUrl}/health/ready`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { status: string }).status).toBe('shutting-down');
  });
});

/** Polls a condition; the response can be back before the server's 'finish' handlers ran. */
async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
