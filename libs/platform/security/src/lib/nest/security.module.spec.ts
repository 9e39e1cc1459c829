import { FixedClock } from '@ilinks/shared/kernel';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../principal/principal';
import { DevTokenIssuer } from '../tokens/dev-token.issuer';
import { createJwtVerifier } from '../tokens/jwt-verifier.factory';
import { CurrentPrincipal } from './current-principal.decorator';
import { Public, Roles } from './security.metadata';
import { SecurityModule } from './security.module';
import type { AuthenticationListener } from './tokens';

@Controller()
class ProbeController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Public()
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }

  @Roles('ig-officer', 'admin')
  @Get('audit')
  audit(): { allowed: true } {
    return { allowed: true };
  }
}

describe('SecurityModule (real HTTP)', () => {
  let app: INestApplication;
  let baseUrl: string;
  let dataDir: string;
  let issuer: DevTokenIssuer;
  const rejected: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-security-'));
    const clock = new FixedClock(new Date());
    issuer = new DevTokenIssuer({ dataDir, clock });
    const listener: AuthenticationListener = {
      onRejected: (event) => rejected.push(`${event.method} ${event.route}: ${event.reason}`),
    };
    const verifier = createJwtVerifier({
      mode: 'embedded',
      auth: { clockToleranceSeconds: 0 },
      devTokenIssuer: issuer,
      clock,
    });

    @Module({ imports: [SecurityModule.forRoot({ verifier, listener })], controllers: [ProbeController] })
    class ProbeModule {}

    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const bearer = async (claims: Parameters<DevTokenIssuer['issue']>[0]): Promise<Record<string, string>> => ({
    authorization: `Bearer ${(await issuer.issue(claims)).accessToken}`,
  });

  it('puts the principal on the request for a valid token', async () => {
    const response = await fetch(`${baseUrl}/me`, {
      headers: await bearer({ sub: 'dr-1', org: 'RX1', role: 'practitioner' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ subject: 'dr-1', organisation: 'RX1', role: 'practitioner' });
  });

  it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
    const response = await fetch(`${baseUrl}/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ilinks"');
    expect(rejected).toContain('GET /me: missing bearer token');
  });

  it('answers 401 invalid_token with a vague message, keeping the precise reason for the logs', async () => {
    const response = await fetch(`${baseUrl}/me`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ilinks", error="invalid_token"');
    const body = JSON.stringify(await response.json());
    expect(body).toContain('the bearer token is invalid or expired');
    expect(body).not.toContain('malformed');
    expect(rejected).toContain('GET /me: malformed token');
  });

  it('rejects a malformed Authorization header', async () => {
    const response = await fetch(`${baseUrl}/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(response.status).toBe(401);
    expect(rejected).toContain('GET /me: malformed authorization header');
  });

  it('lets @Public() routes through without a token', async () => {
    expect((await fetch(`${baseUrl}/open`)).status).toBe(200);
  });

  it('enforces @Roles() with 403', async () => {
    const practitioner = await fetch(`${baseUrl}/audit`, {
      headers: await bearer({ sub: 'dr-1', org: 'RX1', role: 'practitioner' }),
    });
    expect(practitioner.status).toBe(403);
    const officer = await fetch(`${baseUrl}/audit`, {
      headers: await bearer({ sub: 'ig-1', org: 'RX1', role: 'ig-officer' }),
    });
    expect(officer.status).toBe(200);
  });
});
