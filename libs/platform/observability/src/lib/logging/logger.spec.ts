import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { shutdownTelemetry, startTelemetry } from '../tracing/telemetry';
import { platformTracer } from '../tracing/trace-context';
import { PinoNestLogger, createLogger } from './logger';
import { scrubCredentials } from './redaction';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { lines, logger: createLogger({ service: 'consent', level: 'debug', destination }) };
}

describe('createLogger', () => {
  beforeAll(() =>
    startTelemetry({
      serviceName: 'logger-spec',
      spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
    }),
  );
  afterAll(() => shutdownTelemetry());

  it('writes JSON lines with time, level word, service and message', () => {
    const { lines, logger } = capture();
    logger.info({ topic: 'ilinks.consent.v1' }, 'consumer started');
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 'info',
        service: 'consent',
        msg: 'consumer started',
        topic: 'ilinks.consent.v1',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    );
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it('mixes the active span ids into every line', () => {
    const { lines, logger } = capture();
    platformTracer().startActiveSpan('request', (span) => {
      logger.warn('inside');
      span.end();
      expect(lines[0]).toEqual(
        expect.objectContaining({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId }),
      );
    });
  });

  it('redacts credentials and bodies', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { method: 'POST', headers: { authorization: 'Bearer eyJ...', cookie: 'sid=1' } },
        body: { name: 'Jane' },
        message: { payload: 'x' },
      },
      'request',
    );
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('eyJ');
    expect(line).not.toContain('sid=1');
    expect(line).not.toContain('Jane');
    expect(lines[0]).toEqual(
      expect.objectContaining({ body: '[redacted]', message: { payload: '[redacted]' } }),
    );
  });

  it('logs an error by name and stack, without a data-bearing message', () => {
    const { lines, logger } = capture();
    logger.error(
      { err: Object.assign(new Error('E11000 duplicate key { nhs: "9434765919" }'), { code: 11000 }) },
      'write failed',
    );
    expect(lines[0]?.['err']).toEqual(
      expect.objectContaining({ type: 'Error', code: '11000', stack: expect.stringContaining('at ') }),
    );
    expect(JSON.stringify(lines[0])).not.toContain('9434765919');
  });

  it('adapts Nest logging calls, with context and stack', () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('Nest application successfully started', 'NestApplication');
    nest.error('request failed', '    at handler (file.ts:1:1)', 'OperationOutcomeFilter');
    nest.verbose('detail', 'RoutesResolver');
    nest.debug({ mapped: 3 }, 'RouterExplorer');
    // verbose maps to trace, below this logger's debug level: not written.
    expect(lines).toEqual([
      // Nest's routine start-up lines are debug detail.
      expect.objectContaining({
        level: 'debug',
        msg: 'Nest application successfully started',
        context: 'NestApplication',
      }),
      expect.objectContaining({
        level: 'error',
        msg: 'request failed',
        context: 'OperationOutcomeFilter',
        stack: '    at handler (file.ts:1:1)',
      }),
      expect.objectContaining({ level: 'debug', mapped: 3, context: 'RouterExplorer' }),
    ]);
  });
});

describe('scrubCredentials', () => {
  it('removes user info and password parameters', () => {
    expect(scrubCredentials('connect mongodb://svc:hunter2@db:27017/x failed')).toBe(
      'connect mongodb://***@db:27017/x failed',
    );
    expect(scrubCredentials('esdb://admin:changeit@es:2113?tls=false&password=p')).toBe(
      'esdb://***@es:2113?tls=false&password=***',
    );
  });
});
