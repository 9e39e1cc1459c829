import { type BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { loggableError } from '../logging/redaction';

/** One dependency the service needs to do useful work (event store, broker, read-model store). */
export interface ReadinessCheck {
  /** Shown in the readiness report: `event-store`, `kafka`, `read-models`. */
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or hangs) when it does not. */
  check(): Promise<void>;
  /** Overrides the registry's default timeout for this check. */
  readonly timeoutMs?: number;
}

export type CheckResult =
  | { readonly status: 'ok'; readonly durationMs: number }
  | { readonly status: 'failed'; readonly reason: 'timed out' | 'check failed'; readonly durationMs: number };

export interface ReadinessReport {
  readonly status: 'ok' | 'unavailable' | 'shutting-down';
  readonly checks: Readonly<Record<string, CheckResult>>;
  /** Names of the failed checks, for a quick read of a 503. */
  readonly failed: readonly string[];
}

export const READINESS_OPTIONS = 'ilinks:readiness-options';

export interface ReadinessOptions {
  /** Per-check timeout (default 2000 ms). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 2000;

/**
 * Where modules register their readiness checks (inject it and call `register` in
 * `onModuleInit`). Checks run in parallel, each with a timeout; failure details go to the log,
 * never to the response. Once the application starts shutting down, readiness reports 503 so that
 * traffic drains away.
 */
@Injectable()
export class ReadinessRegistry implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Readiness');
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;
  private readonly timeoutMs: number;

  constructor(@Optional() @Inject(READINESS_OPTIONS) options?: ReadinessOptions) {
    this.timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  register(check: ReadinessCheck): void {
    if (this.checks.has(check.name)) throw new Error(`readiness check "${check.name}" is already registered`);
    this.checks.set(check.name, check);
  }

  registeredChecks(): readonly string[] {
    return [...this.checks.keys()];
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  async run(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks.values()].map(async (check) => [check.name, await this.runOne(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    const failed = entries.filter(([, result]) => result.status === 'failed').map(([name]) => name);
    const status = this.shuttingDown ? 'shutting-down' : failed.length > 0 ? 'unavailable' : 'ok';
    return { status, checks, failed };
  }

  private async runOne(check: ReadinessCheck): Promise<CheckResult> {
    const started = Date.now();
    const timeoutMs = check.timeoutMs ?? this.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timed out'>((resolve) => {
      timer = setTimeout(() => resolve('timed out'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([check.check().then(() => 'ok' as const), timeout]);
      const durationMs = Date.now() - started;
      if (outcome === 'ok') return { status: 'ok', durationMs };
      this.logger.warn(`readiness check ${check.name} timed out after ${timeoutMs} ms`);
      return { status: 'failed', reason: 'timed out', durationMs };
    } catch (error: unknown) {
      const { type, code } = loggableError(error);
      this.logger.warn(`readiness check ${check.name} failed with ${type}${code ? ` [${code}]` : ''}`);
      return { status: 'failed', reason: 'check failed', durationMs: Date.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }
}
