import { configureHttpApp } from '@ilinks/platform/http';
import { httpTelemetryMiddleware, type Logger, PinoNestLogger } from '@ilinks/platform/observability';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { runtimeMetrics } from './runtime-metrics';

export interface HttpApplicationOptions {
  readonly logger: Logger;
  readonly bodyLimit: string;
  readonly shutdownHooks?: boolean;
}

/** A Nest app as every service and the gateway run it: JSON logs, HTTP metrics and spans, body limits, OperationOutcome errors. */
export async function createHttpApplication(
  module: DynamicModule,
  options: HttpApplicationOptions,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: true,
    bodyParser: false,
  });
  app.use(httpTelemetryMiddleware(runtimeMetrics().platform));
  configureHttpApp(app, { bodyLimit: options.bodyLimit, shutdownHooks: options.shutdownHooks ?? true });
  return app;
}

/** Listens and returns the base URL (with the real port when `port` is 0). */
export async function listenOn(app: INestApplication, host: string, port: number): Promise<string> {
  await app.listen(port, host);
  const address = app.getHttpServer().address() as AddressInfo;
  return `http://${host}:${address.port}`;
}
