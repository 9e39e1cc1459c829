import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '@ilinks/platform/security';
import type { ServerResponse } from 'node:http';
import { ReadinessRegistry } from './readiness.registry';

/** Kubernetes probes: liveness says the process runs, readiness that its dependencies answer. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: ReadinessRegistry) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() response: ServerResponse): Promise<void> {
    const report = await this.registry.run();
    response.statusCode = report.status === 'ok' ? 200 : 503;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(JSON.stringify(report));
  }
}
