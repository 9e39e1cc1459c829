import { DEFAULT_ACCESS_POLICY_SETTINGS } from '@ilinks/consent/domain';
import { configureHttpApp } from '@ilinks/platform/http';
import { createJwtVerifier, DevTokenIssuer } from '@ilinks/platform/security';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessModule } from '../access/access.module';
import type { ConsentStub } from '../access/consent-stub.testing';
import { auditFactsOf, type RequestAuditFacts } from '../audit/request-audit';
import type { BackendServices } from '../bootstrap/backend-services';
import { GatewayModule } from '../gateway.module';

/** One request a stand-in backend received, its JSON body parsed. */
export interface BackendCall {
  readonly method: string;
  readonly url: URL;
  readonly body: unknown;
}

/** What a stand-in backend answers: a status and a JSON body. */
export type BackendAnswer = readonly [number, unknown];

/** The OperationOutcome a stand-in backend answers when it knows nothing of a route. */
export const BACKEND_NOT_FOUND: BackendAnswer = [
  404,
  { resourceType: 'OperationOutcome', issue: [{ code: 'not-found', diagnostics: 'not found' }] },
];

/**
 * A stand-in for the backend services over real HTTP: `route` answers each request (a 404
 * OperationOutcome when it returns undefined); every call is kept in `calls`, oldest first.
 */
export class BackendStub {
  readonly calls: BackendCall[] = [];
  private server?: Server;

  constructor(private readonly route: (call: BackendCall) => BackendAnswer | undefined) {}

  get url(): string {
    if (!this.server) throw new Error('the backend stub is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.answer(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const call: BackendCall = {
        method: request.method ?? 'GET',
        url: new URL(request.url ?? '/', 'http://stub'),
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      this.calls.push(call);
      const [status, body] = this.route(call) ?? BACKEND_NOT_FOUND;
      response.statusCode = status;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(body));
    });
  }
}

export interface GatewaySpecAppOptions {
  /** The modules under test, given the backend services' URLs. */
  readonly modules: (services: BackendServices) => DynamicModule[];
  /** Where every backend service but consent is served (a started stub). */
  readonly backend?: BackendStub;
  /** The consent service's stand-in (started); with it, the access decision is wired in too. */
  readonly consent?: ConsentStub;
  /** A prefix for the dev-token issuer's temporary directory. */
  readonly name: string;
}

/** A gateway of only the modules under test, listening on a loopback port, its audit facts kept. */
export interface GatewaySpecApp {
  readonly baseUrl: string;
  readonly issuer: DevTokenIssuer;
  /** The audit facts of every request answered, oldest first. */
  readonly audited: RequestAuditFacts[];
  close(): Promise<void>;
}

const BACKEND_SERVICE_NAMES = ['identity-matching', 'record-projection', 'audit'] as const;

/**
 * Starts the modules under test behind the real `GatewayModule` (dev tokens, guards, the
 * OperationOutcome filter) and, with a consent stub, the real `AccessModule`, over real HTTP.
 */
export async function startGatewaySpecApp(options: GatewaySpecAppOptions): Promise<GatewaySpecApp> {
  const dataDir = await mkdtemp(join(tmpdir(), `ilinks-${options.name}-`));
  const issuer = new DevTokenIssuer({ dataDir });
  const services: BackendServices = {
    ...(options.backend
      ? Object.fromEntries(BACKEND_SERVICE_NAMES.map((name) => [name, options.backend?.url ?? '']))
      : {}),
    ...(options.consent ? { consent: options.consent.url } : {}),
  };
  const verifier = createJwtVerifier({
    mode: 'embedded',
    auth: { clockToleranceSeconds: 0 },
    devTokenIssuer: issuer,
  });
  @Module({
    imports: [
      GatewayModule.forRoot({
        mode: 'embedded',
        verifier,
        devTokenIssuer: issuer,
        software: { name: 'ilinks', version: '0' },
      }),
      ...(options.consent
        ? [AccessModule.forRoot({ services, settings: DEFAULT_ACCESS_POLICY_SETTINGS })]
        : []),
      ...options.modules(services),
    ],
  })
  class SpecAppModule {}
  const app = await NestFactory.create<NestExpressApplication>(SpecAppModule, { logger: false });
  const audited: RequestAuditFacts[] = [];
  app.use(
    (request: object, response: { on(event: 'finish', listener: () => void): void }, next: () => void) => {
      response.on('finish', () => audited.push(auditFactsOf(request)));
      next();
    },
  );
  configureHttpApp(app, { bodyLimit: '100kb', shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
    issuer,
    audited,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
