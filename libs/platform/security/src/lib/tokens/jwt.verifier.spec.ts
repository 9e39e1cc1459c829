import { FixedClock, UnavailableError } from '@ilinks/shared/kernel';
import {
  type CryptoKey,
  type JWK,
  SignJWT,
  UnsecuredJWT,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
} from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JoseJwtVerifier, type KeySource, remoteJwksKeys } from './jwt.verifier';
import { TokenRejectedError } from './token-rejected.error';

const ISSUER = 'https://issuer.example';
const AUDIENCE = 'ilinks-gateway';
const NOW = new Date('2025-06-01T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const claims = { org: 'RX1', role: 'practitioner' };

interface TestKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly alg: string;
}

async function testKey(alg: 'ES256' | 'RS256' | 'EdDSA', kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg }, alg };
}

function localKeys(...keys: TestKey[]): KeySource {
  const set = createLocalJWKSet({ keys: keys.map((key) => key.publicJwk) });
  return async () => set;
}

function token(
  key: TestKey,
  overrides: {
    iss?: string;
    aud?: string;
    exp?: number;
    nbf?: number;
    sub?: string | null;
    body?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const jwt = new SignJWT(overrides.body ?? claims)
    .setProtectedHeader({ alg: key.alg, kid: key.publicJwk.kid })
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setIssuedAt(nowSeconds - 10)
    .setExpirationTime(overrides.exp ?? nowSeconds + 300);
  if (overrides.sub !== null) jwt.setSubject(overrides.sub ?? 'user-1');
  if (overrides.nbf !== undefined) jwt.setNotBefore(overrides.nbf);
  return jwt.sign(key.privateKey);
}

async function reasonFor(verifier: JoseJwtVerifier, jwt: string): Promise<string> {
  try {
    await verifier.verify(jwt);
  } catch (error: unknown) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
  throw new Error('expected the token to be rejected');
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JoseJwtVerifier', () => {
  let es256: TestKey;
  let verifier: JoseJwtVerifier;

  beforeAll(async () => {
    es256 = await testKey('ES256', 'es');
    verifier = new JoseJwtVerifier({
      keys: localKeys(es256),
      issuer: ISSUER,
      audience: AUDIENCE,
      clock: new FixedClock(NOW),
    });
  });

  it.each(['ES256', 'RS256', 'EdDSA'] as const)(
    'accepts a valid %s token and returns the principal',
    async (alg) => {
      const key = await testKey(alg, alg);
      const multi = new JoseJwtVerifier({
        keys: localKeys(key),
        issuer: ISSUER,
        audience: AUDIENCE,
        clock: new FixedClock(NOW),
      });
      await expect(multi.verify(await token(key))).resolves.toEqual({
        subject: 'user-1',
        organisation: 'RX1',
        role: 'practitioner',
      });
    },
  );

  it('rejects alg none', async () => {
    const unsecured = new UnsecuredJWT({ ...claims, sub: 'user-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(nowSeconds + 60)
      .encode();
    expect(await reasonFor(verifier, unsecured)).toBe('algorithm none not allowed');
  });

  it('rejects HS256, including a token signed with the public key as the HMAC secret', async () => {
    const publicPem = await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey);
    const secrets = [
      new TextEncoder().encode(publicPem),
      new TextEncoder().encode(JSON.stringify(es256.publicJwk)),
    ];
    for (const secret of secrets) {
      const forged = await new SignJWT({ ...claims, sub: 'attacker' })
        .setProtectedHeader({ alg: 'HS256', kid: 'es' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime(nowSeconds + 60)
        .sign(secret);
      expect(await reasonFor(verifier, forged)).toBe('algorithm HS256 not allowed');
    }
  });

  it('rejects an expired token', async () => {
    expect(await reasonFor(verifier, await token(es256, { exp: nowSeconds - 1 }))).toBe('token expired');
  });

  it('honours the clock tolerance', async () => {
    const tolerant = new JoseJwtVerifier({
      keys: localKeys(es256),
      issuer: ISSUER,
      audience: AUDIENCE,
      clock: new FixedClock(NOW),
      clockToleranceSeconds: 5,
    });
    await expect(tolerant.verify(await token(es256, { exp: nowSeconds - 3 }))).resolves.toBeDefined();
  });

  it('rejects a token that is not yet valid', async () => {
    expect(await reasonFor(verifier, await token(es256, { nbf: nowSeconds + 120 }))).toBe(
      'token not yet valid',
    );
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    expect(await reasonFor(verifier, await token(es256, { iss: 'https://evil.example' }))).toBe(
      'unexpected issuer',
    );
    expect(await reasonFor(verifier, await token(es256, { aud: 'another-api' }))).toBe('unexpected audience');
  });

  it('rejects a token without sub or exp', async () => {
    expect(await reasonFor(verifier, await token(es256, { sub: null }))).toBe('missing claim sub');
    const noExpiry = await new SignJWT({ ...claims, sub: 'u' })
      .setProtectedHeader({ alg: 'ES256', kid: 'es' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(es256.privateKey);
    expect(await reasonFor(verifier, noExpiry)).toBe('missing claim exp');
  });

  it('rejects missing platform claims and an unknown role', async () => {
    expect(await reasonFor(verifier, await token(es256, { body: { role: 'practitioner' } }))).toBe(
      'missing claim org',
    );
    expect(await reasonFor(verifier, await token(es256, { body: { org: 'RX1', role: 'root' } }))).toBe(
      'unknown role',
    );
  });

  it('rejects a token signed by another key, with or without a matching kid', async () => {
    const stranger = await testKey('ES256', 'es');
    expect(await reasonFor(verifier, await token(stranger))).toBe('signature verification failed');
    const unknownKid = await testKey('ES256', 'other');
    expect(await reasonFor(verifier, await token(unknownKid))).toBe('no key matches the token header');
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = (await token(es256)).split('.');
    const tampered = `${header}.${base64url({ ...claims, role: 'admin', sub: 'user-1', iss: ISSUER, aud: AUDIENCE, exp: nowSeconds + 60 })}.${signature}`;
    expect(await reasonFor(verifier, tampered)).toBe('signature verification failed');
  });

  it('rejects garbage and oversized tokens', async () => {
    expect(await reasonFor(verifier, 'not-a-jwt')).toBe('malformed token');
    expect(await reasonFor(verifier, `${base64url({ alg: 'ES256' })}.${'a'.repeat(9000)}.x`)).toBe(
      'token too large',
    );
  });

  it('limits the algorithms to the configured subset', async () => {
    const rsa = await testKey('RS256', 'rsa');
    const esOnly = new JoseJwtVerifier({
      keys: localKeys(rsa),
      issuer: ISSUER,
      audience: AUDIENCE,
      clock: new FixedClock(NOW),
      algorithms: ['ES256'],
    });
    expect(await reasonFor(esOnly, await token(rsa))).toBe('algorithm RS256 not allowed');
  });
});

describe('remote JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let key: TestKey;
  let fetches = 0;

  beforeAll(async () => {
    key = await testKey('RS256', 'remote');
    server = createServer((request, response) => {
      fetches += 1;
      if (request.url !== '/jwks') {
        response.writeHead(500).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [key.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('verifies with keys fetched from the issuer, and caches them', async () => {
    const verifier = new JoseJwtVerifier({
      keys: remoteJwksKeys(jwksUrl),
      issuer: ISSUER,
      audience: AUDIENCE,
      clock: new FixedClock(NOW),
    });
    const before = fetches;
    await expect(verifier.verify(await token(key))).resolves.toEqual(
      expect.objectContaining({ subject: 'user-1' }),
    );
    await expect(verifier.verify(await token(key))).resolves.toBeDefined();
    expect(fetches - before).toBe(1);
  });

  it('reports an issuer whose key set cannot be used as unavailable (503), not as a bad token', async () => {
    const broken = new JoseJwtVerifier({
      keys: remoteJwksKeys(jwksUrl.replace('/jwks', '/broken')),
      issuer: ISSUER,
      audience: AUDIENCE,
      clock: new FixedClock(NOW),
    });
    await expect(broken.verify(await token(key))).rejects.toBeInstanceOf(UnavailableError);
    const closedPort = new JoseJwtVerifier({
      keys: remoteJwksKeys('http://127.0.0.1:1/jwks'),
      issuer: ISSUER,
      audience: AUDIENCE,
      clock: new FixedClock(NOW),
    });
    await expect(closedPort.verify(await token(key))).rejects.toBeInstanceOf(UnavailableError);
  });
});
