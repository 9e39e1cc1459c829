import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HealthController } from './health.controller';
import { READINESS_OPTIONS, type ReadinessCheck, ReadinessRegistry } from './readiness.registry';

export interface HealthModuleOptions {
  /** Per-check timeout in ms (default 2000). */
  readonly timeoutMs?: number;
  /** Checks known when the app is composed; modules may add theirs through `ReadinessRegistry`. */
  readonly checks?: readonly ReadinessCheck[];
}

const STATIC_CHECKS = 'ilinks:static-readiness-checks';

/**
 * `GET /health/live` and `GET /health/ready` (both `@Public()`), and a global `ReadinessRegistry`.
 */
@Module({})
export class HealthModule implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    @Inject(STATIC_CHECKS) private readonly checks: readonly ReadinessCheck[],
  ) {}

  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { provide: READINESS_OPTIONS, useValue: { timeoutMs: options.timeoutMs } },
        { provide: STATIC_CHECKS, useValue: options.checks ?? [] },
        ReadinessRegistry,
      ],
      exports: [ReadinessRegistry],
    };
  }

  onModuleInit(): void {
    for (const check of this.checks) this.registry.register(check);
  }
}
