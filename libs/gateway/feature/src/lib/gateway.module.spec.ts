import { AuthConfig, loadConfig } from '@ilinks/platform/config';
import { configureHttpApp, type OperationOutcome } from '@ilinks/platform/http';
import {
  CurrentPrincipal,
  DevTokenIssuer,
  JoseJwtVerifier,
  type Principal,
  Roles,
  createJwtVerifier,
} from '@ilinks/platform/security';
import { Controller, Get, Module, type OnModuleInit, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapabilityStatement } from './capability-statement/capability-statement';
import { capabilityStatementProblems } from './capability-statement/capability-statement.testing';
import { FhirCapabilityRegistry } from './capability-statement/fhir-capability.registry';
import { DevTokenController } from './dev-token/dev-token.controller';
import { GatewayModule, type GatewayModuleOptions } from './gateway.module';

@Controller('test')
class ProtectedController {
  @Get('whoami')
  whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles('ig-officer')
  @Get('audit')
  audit(): { ok: true } {
    return { ok: true };
  }
}

@Module({})
class PatientCapabilityModule implements OnModuleInit {
  constructor(private readonly registry: FhirCapabilityRegistry) {}
  onModuleInit(): void {
    this.registry.registerResource({
      type: 'Patient',
      interactions: ['read', 'search-type'],
      searchParams: [
        {
          name: 'identifier',
          type: 'token',
          definition: 'http://hl7.org/fhir/SearchParameter/Patient-identifier',
        },
      ],
      operations: [{ name: 'match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' }],
    });
  }
}

async function startGateway(
  options: GatewayModuleOptions,
  extraImports: Type[] = [],
): Promise<{ app: NestExpressApplication; baseUrl: string }> {
  @Module({ imports: [GatewayModule.forRoot(options), ...extraImports], controllers: [ProtectedController] })
  class TestAppModule {}
  const app = await NestFactory.create<NestExpressApplication>(TestAppModule, { logger: false });
  configureHttpApp(app, { bodyLimit: '100kb', shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

const software = { name: 'ilinks', version: '9.9.9' };

async function outcomeOf(response: Response): Promise<OperationOutcome> {
  expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
  return (await response.json()) as OperationOutcome;
}

describe('GatewayModule in embedded mode', () => {
  let dataDir: string;
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-gateway-'));
    const devTokenIssuer = new DevTokenIssuer({ dataDir });
    const verifier = createJwtVerifier({
      mode: 'embedded',
      auth: { clockToleranceSeconds: 0 },
      devTokenIssuer,
    });
    ({ app, baseUrl } = await startGateway({ mode: 'embedded', verifier, devTokenIssuer, software }, [
      PatientCapabilityModule,
    ]));
  });

  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const issue = (body: unknown): Promise<Response> =>
    fetch(`${baseUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('serves a valid CapabilityStatement without a token', async () => {
    const response = await fetch(`${baseUrl}/fhir/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const statement = (await response.json()) as CapabilityStatement;
    expect(capabilityStatementProblems(statement)).toEqual([]);
    expect(statement).toEqual(
      expect.objectContaining({
        resourceType: 'CapabilityStatement',
        fhirVersion: '4.0.1',
        format: ['application/fhir+json', 'json'],
        software,
        implementation: { description: 'iLINKS gateway', url: `${baseUrl}/fhir` },
      }),
    );
    expect(statement.rest[0]?.security.service[0]?.coding[0]?.code).toBe('OAuth');
    expect(statement.rest[0]?.resource?.map((resource) => resource.type)).toEqual(['Patient']);
  });

  it('issues a dev token that opens a protected route', async () => {
    const response = await issue({
      sub: 'dr-1',
      org: 'RX1',
      role: 'practitioner',
      professionalRole: 'R8000',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });

    const whoami = await fetch(`${baseUrl}/test/whoami`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toEqual({
      subject: 'dr-1',
      organisation: 'RX1',
      role: 'practitioner',
      professionalRole: 'R8000',
    });
  });

  it('issues tokens for individuals and carers', async () => {
    const individual = await issue({ sub: 'p-1', org: 'ILINKS', role: 'individual', patient: 'person-1' });
    const { access_token } = (await individual.json()) as { access_token: string };
    const whoami = await fetch(`${baseUrl}/test/whoami`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(await whoami.json()).toEqual(expect.objectContaining({ role: 'individual', patient: 'person-1' }));

    const carer = await issue({
      sub: 'c-1',
      org: 'ILINKS',
      role: 'carer',
      delegations: [{ patient: 'person-1', scopes: ['summary'], until: '2030-01-01T00:00:00Z' }],
      expiresInSeconds: 600,
    });
    expect(carer.status).toBe(200);
    expect(((await carer.json()) as { expires_in: number }).expires_in).toBe(600);
  });

  it('answers a missing token with 401 OperationOutcome and a Bearer challenge', async () => {
    const response = await fetch(`${baseUrl}/test/whoami`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ilinks"');
    expect((await outcomeOf(response)).issue).toEqual([
      { severity: 'error', code: 'login', diagnostics: 'a bearer token is required' },
    ]);
  });

  it('answers a bad token with a vague 401', async () => {
    const response = await fetch(`${baseUrl}/test/whoami`, {
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ilinks", error="invalid_token"');
    expect((await outcomeOf(response)).issue).toEqual([
      { severity: 'error', code: 'login', diagnostics: 'the bearer token is invalid or expired' },
    ]);
  });

  it('answers a role that may not call the route with 403 OperationOutcome', async () => {
    const { access_token } = (await (
      await issue({ sub: 'dr-1', org: 'RX1', role: 'practitioner' })
    ).json()) as { access_token: string };
    const response = await fetch(`${baseUrl}/test/audit`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(response.status).toBe(403);
    expect((await outcomeOf(response)).issue[0]?.code).toBe('forbidden');
  });

  it.each([
    [
      { sub: 'u', org: 'RX1', role: 'practitioner', admin: true },
      [['admin', 'admin is not an allowed field']],
    ],
    [
      { sub: 'u', org: 'rx 1', role: 'practitioner' },
      [['org', 'org must be an ODS-style code: 3 to 10 upper-case letters or digits']],
    ],
    [
      { sub: 'u', org: 'RX1', role: 'god' },
      [
        [
          'role',
          'role must be one of the following values: practitioner, individual, carer, system, ig-officer, admin',
        ],
      ],
    ],
    [{ sub: 'u', org: 'RX1', role: 'individual' }, [['patient', 'patient is required']]],
    [{ org: 'RX1', role: 'practitioner' }, [['sub', 'sub is required']]],
    [
      {
        sub: 'c',
        org: 'RX1',
        role: 'carer',
        delegations: [{ patient: 'p', scopes: ['summary'], until: 'next week' }],
      },
      [['delegations[0].until', 'delegations[0].until must be an ISO 8601 date-time']],
    ],
    [
      { sub: 'u', org: 'RX1', role: 'system', expiresInSeconds: 10 },
      [['expiresInSeconds', 'expiresInSeconds must not be less than 60']],
    ],
  ])('refuses the dev-token body %j precisely', async (body, expected) => {
    const response = await issue(body);
    expect(response.status).toBe(400);
    const outcome = await outcomeOf(response);
    expect(outcome.issue.map((item) => [item.expression?.[0], item.diagnostics])).toEqual(expected);
    expect(outcome.issue.every((item) => item.code === 'invalid' && item.severity === 'error')).toBe(true);
  });

  it('answers unknown routes with a 404 OperationOutcome', async () => {
    const response = await fetch(`${baseUrl}/fhir/Nothing`);
    expect(response.status).toBe(404);
    expect((await outcomeOf(response)).issue[0]?.code).toBe('not-found');
  });
});

describe('GatewayModule in distributed mode', () => {
  const issuer = 'https://idp.example/realms/ilinks';
  const audience = 'ilinks-gateway';
  let app: NestExpressApplication;
  let baseUrl: string;
  let signExternal: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    // Stands in for the organisation's OAuth2 issuer and its JWKS.
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwks = createLocalJWKSet({
      keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256' }],
    });
    signExternal = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject('svc-1')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    const verifier = new JoseJwtVerifier({ keys: async () => jwks, issuer, audience });
    ({ app, baseUrl } = await startGateway({ mode: 'distributed', verifier, software }));
  });

  afterAll(async () => {
    await app.close();
  });

  it('has no dev-token route', async () => {
    const response = await fetch(`${baseUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'u', org: 'RX1', role: 'admin' }),
    });
    expect(response.status).toBe(404);
    expect((await outcomeOf(response)).issue).toEqual([
      { severity: 'error', code: 'not-found', diagnostics: 'no such endpoint: POST /auth/dev-token' },
    ]);
  });

  it('accepts tokens from the external issuer', async () => {
    const token = await signExternal({ org: 'RX1', role: 'system' });
    const response = await fetch(`${baseUrl}/test/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ subject: 'svc-1', organisation: 'RX1', role: 'system' });
  });

  it('does not advertise dev tokens in its CapabilityStatement', async () => {
    const statement = (await (await fetch(`${baseUrl}/fhir/metadata`)).json()) as CapabilityStatement;
    expect(capabilityStatementProblems(statement)).toEqual([]);
    expect(statement.rest[0]?.security.description).not.toContain('dev-token');
    expect(statement.rest[0]).not.toHaveProperty('resource');
  });

  it('refuses to be composed with a dev token issuer', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ilinks-gateway-'));
    const devTokenIssuer = new DevTokenIssuer({ dataDir });
    const verifier = new JoseJwtVerifier({
      keys: async () => createLocalJWKSet({ keys: [] }),
      issuer,
      audience,
    });
    expect(() => GatewayModule.forRoot({ mode: 'distributed', verifier, devTokenIssuer })).toThrow(
      'refused in distributed mode',
    );
    expect(() => GatewayModule.forRoot({ mode: 'embedded', verifier })).toThrow(
      'embedded mode needs a devTokenIssuer',
    );
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('GatewayModule.fromConfig', () => {
  it('mounts the dev-token route only in embedded mode', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ilinks-gateway-'));
    const auth = loadConfig(AuthConfig, {});
    const embedded = GatewayModule.fromConfig({ mode: 'embedded', dataDir }, auth, { software });
    expect(embedded.controllers).toContain(DevTokenController);

    const distributedAuth = loadConfig(AuthConfig, {
      ILINKS_MODE: 'distributed',
      ILINKS_AUTH_JWKS_URL: 'https://idp.example/jwks',
      ILINKS_AUTH_ISSUER: 'https://idp.example',
      ILINKS_AUTH_AUDIENCE: 'ilinks-gateway',
    });
    const distributed = GatewayModule.fromConfig({ mode: 'distributed', dataDir }, distributedAuth, {
      software,
    });
    expect(distributed.controllers).not.toContain(DevTokenController);
    await rm(dataDir, { recursive: true, force: true });
  });
});
