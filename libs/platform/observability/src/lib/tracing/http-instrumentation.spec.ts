import { transformFileSync } from '@swc/core';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The HTTP instrumentation patches `http` through Node's real module loader, which Jest replaces;
 * so this spec compiles the telemetry files and runs them in a plain Node child process, the way
 * an app's main.ts does: telemetry first, then express and `http`.
 */
const SOURCES = [
  'tracing/telemetry.ts',
  'tracing/trace-context.ts',
  'metrics/http-telemetry.middleware.ts',
  'metrics/platform-metrics.ts',
];
const LIB = resolve(__dirname, '..');
const NODE_MODULES = resolve(__dirname, '../../../../../../node_modules');

const CHILD = `
const { startTelemetry, shutdownTelemetry } = require('./tracing/telemetry');
const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const finished = [];
const collector = { export: (spans, done) => { finished.push(...spans); done({ code: 0 }); }, shutdown: async () => undefined };
startTelemetry({ serviceName: 'child', spanProcessors: [new SimpleSpanProcessor(collector)] });
const express = require('express');
const { httpTelemetryMiddleware } = require('./metrics/http-telemetry.middleware');
const { createPlatformMetrics } = require('./metrics/platform-metrics');
const app = express();
app.use(httpTelemetryMiddleware(createPlatformMetrics()));
app.get('/fhir/Patient/:id', (req, res) => res.json({ id: req.params.id }));
app.get('/health/live', (req, res) => res.json({ status: 'ok' }));
const server = app.listen(0, '127.0.0.1', async () => {
  const base = 'http://127.0.0.1:' + server.address().port;
  await fetch(base + '/health/live');
  await fetch(base + '/fhir/Patient/p-1?identifier=nhs|9434765919', { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
  server.close(async () => {
    await shutdownTelemetry(); // flushes the processors
    const spans = finished.map((s) => ({ name: s.name, scope: s.instrumentationScope.name, traceId: s.spanContext().traceId, attributes: s.attributes }));
    process.stdout.write(JSON.stringify(spans));
  });
});
`;

interface ChildSpan {
  readonly name: string;
  readonly scope: string;
  readonly traceId: string;
  readonly attributes: Record<string, unknown>;
}

describe('HTTP instrumentation in a real Node process', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'ilinks-otel-'));
    for (const source of SOURCES) {
      const { code } = transformFileSync(join(LIB, source), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      const target = join(workDir, source.replace(/\.ts$/, '.js'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }
    await writeFile(join(workDir, 'child.js'), CHILD);
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('makes one server span per request, named by route, continuing the caller trace, with no query string, and none for probes', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['child.js'], {
      cwd: workDir,
      env: { PATH: process.env.PATH ?? '', NODE_PATH: NODE_MODULES },
      timeout: 20_000,
    });
    const spans = JSON.parse(stdout) as ChildSpan[];
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span).toEqual(
      expect.objectContaining({
        name: 'GET /fhir/Patient/:id',
        scope: '@opentelemetry/instrumentation-http',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      }),
    );
    expect(span?.attributes).toEqual(
      expect.objectContaining({
        'http.route': '/fhir/Patient/:id',
        'http.target': '/fhir/Patient/p-1',
        'http.status_code': 200,
      }),
    );
    expect(JSON.stringify(span?.attributes)).not.toContain('9434765919');
  });
});
