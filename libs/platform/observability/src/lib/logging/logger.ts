import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { currentTraceIds } from '../tracing/trace-context';
import { loggableError } from './redaction';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly service: string;
  readonly level: Level | 'silent';
  /** Where lines go; stdout by default. */
  readonly destination?: DestinationStream;
}

const SENSITIVE_KEYS = ['authorization', 'cookie', 'password', 'token', 'access_token', 'body', 'payload'];

/**
 * Keys never written: credentials, and message or request bodies (personal data). At the top
 * level, one level down, and under `headers`.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

/**
 * A pino logger writing JSON lines with `time`, `level` (as a word), `service`, and the active
 * span's `trace_id`/`span_id`. Errors logged under `err` keep name, code and stack only.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ids = currentTraceIds();
        return ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
      },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      serializers: { err: loggableError, error: loggableError },
    },
    options.destination,
  );
}

type NestLevel = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's `LoggerService` over pino, so that Nest's own lines are JSON too. Pass it to
 * `NestFactory.create(AppModule, { logger: new PinoNestLogger(logger), bufferLogs: true })`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  /** Nest's routine start-up chatter (modules loaded, routes mapped) is debug detail, not news. */
  log(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLevel, message: unknown, params: readonly unknown[]): void {
    // Nest passes (message, ...details, context): the context is the trailing string.
    const rest = [...params];
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack =
      level === 'error' || level === 'fatal'
        ? rest.find((item): item is string => typeof item === 'string')
        : undefined;
    const fields: Record<string, unknown> = {
      ...(context ? { context } : {}),
      ...(stack ? { stack } : {}),
    };
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.name);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
