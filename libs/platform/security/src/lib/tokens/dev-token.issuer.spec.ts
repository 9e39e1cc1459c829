import { FixedClock, ValidationError } from '@ilinks/shared/kernel';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, DevTokenIssuer } from './dev-token.issuer';
import { createDevTokenIssuer, createJwtVerifier } from './jwt-verifier.factory';
import { TokenRejectedError } from './token-rejected.error';

describe('DevTokenIssuer', () => {
  let dataDir: string;
  const clock = new FixedClock(new Date('2025-06-01T12:00:00Z'));
  const auth = { clockToleranceSeconds: 0 };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-dev-issuer-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('issues an ES256 token the embedded verifier accepts', async () => {
    const issuer = new DevTokenIssuer({ dataDir, clock });
    const verifier = createJwtVerifier({ mode: 'embedded', auth, devTokenIssuer: issuer, clock });
    const issued = await issuer.issue({
      sub: 'dr-who',
      org: 'RX1',
      role: 'practitioner',
      professionalRole: 'R8000',
    });

    expect(issued).toEqual(expect.objectContaining({ tokenType: 'Bearer', expiresIn: 3600 }));
    expect(decodeProtectedHeader(issued.accessToken)).toEqual(
      expect.objectContaining({ alg: 'ES256', typ: 'JWT' }),
    );
    const payload = decodeJwt(issued.accessToken);
    expect(payload).toEqual(
      expect.objectContaining({
        iss: DEV_TOKEN_ISSUER,
        aud: DEFAULT_TOKEN_AUDIENCE,
        exp: (payload.iat ?? 0) + 3600,
      }),
    );
    await expect(verifier.verify(issued.accessToken)).resolves.toEqual({
      subject: 'dr-who',
      organisation: 'RX1',
      role: 'practitioner',
      professionalRole: 'R8000',
    });
  });

  it('keeps its key under the data dir, readable only by the owner, so tokens survive a restart', async () => {
    const before = new DevTokenIssuer({ dataDir, clock });
    const issued = await before.issue({ sub: 'p1', org: 'ILINKS', role: 'individual', patient: 'person-1' });
    expect((await stat(before.keyFile)).mode & 0o777).toBe(0o600);

    const afterRestart = new DevTokenIssuer({ dataDir, clock });
    expect(await afterRestart.publicJwks()).toEqual(await before.publicJwks());
    const verifier = createJwtVerifier({ mode: 'embedded', auth, devTokenIssuer: afterRestart, clock });
    await expect(verifier.verify(issued.accessToken)).resolves.toEqual(
      expect.objectContaining({ patient: 'person-1' }),
    );
  });

  it('publishes only the public half of its key', async () => {
    const issuer = new DevTokenIssuer({ dataDir, clock });
    const { keys } = await issuer.publicJwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual(expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' }));
    expect(keys[0]).not.toHaveProperty('d');
    expect(JSON.parse(await readFile(issuer.keyFile, 'utf8'))).toHaveProperty('d');
  });

  it('honours a requested lifetime, and its tokens expire', async () => {
    const issuer = new DevTokenIssuer({ dataDir, clock: new FixedClock(new Date('2025-06-01T12:00:00Z')) });
    const issued = await issuer.issue({ sub: 'u', org: 'RX1', role: 'system', expiresInSeconds: 60 });
    expect(issued.expiresIn).toBe(60);
    const later = new FixedClock(new Date('2025-06-01T12:01:01Z'));
    const verifier = createJwtVerifier({ mode: 'embedded', auth, devTokenIssuer: issuer, clock: later });
    await expect(verifier.verify(issued.accessToken)).rejects.toEqual(
      new TokenRejectedError('token expired'),
    );
  });

  it('refuses to issue a token the verifier would reject', async () => {
    const issuer = new DevTokenIssuer({ dataDir, clock });
    await expect(issuer.issue({ sub: 'u', org: 'RX1', role: 'individual' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(issuer.issue({ sub: 'u', org: 'rx1', role: 'practitioner' })).rejects.toThrow(
      'claim org is not an ODS code',
    );
  });

  it('refuses a key file that does not hold an ES256 private key', async () => {
    const issuer = new DevTokenIssuer({ dataDir, clock });
    await issuer.publicJwks();
    await writeFile(issuer.keyFile, JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }));
    await expect(new DevTokenIssuer({ dataDir, clock }).publicJwks()).rejects.toThrow(
      'does not hold an ES256 private key',
    );
  });

  it('uses the configured issuer and audience', async () => {
    const issuer = createDevTokenIssuer({
      mode: 'embedded',
      dataDir,
      auth: { issuer: 'urn:test', audience: 'urn:aud' },
      clock,
    });
    const payload = decodeJwt((await issuer.issue({ sub: 'u', org: 'RX1', role: 'admin' })).accessToken);
    expect(payload).toEqual(expect.objectContaining({ iss: 'urn:test', aud: 'urn:aud' }));
  });

  it('does not exist outside embedded mode', () => {
    expect(() => createDevTokenIssuer({ mode: 'distributed', dataDir })).toThrow(
      'only available in embedded mode',
    );
    const issuer = new DevTokenIssuer({ dataDir });
    const distributedAuth = {
      jwksUrl: 'https://idp/jwks',
      issuer: 'i',
      audience: 'a',
      clockToleranceSeconds: 0,
    };
    expect(() =>
      createJwtVerifier({ mode: 'distributed', auth: distributedAuth, devTokenIssuer: issuer }),
    ).toThrow('refused in distributed mode');
    expect(() => createJwtVerifier({ mode: 'embedded', auth })).toThrow('needs the dev token issuer');
  });
});

describe('DevTokenIssuer on first use by two instances at once', () => {
  it('ends with one key that both use', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ilinks-dev-issuer-race-'));
    const [first, second] = [new DevTokenIssuer({ dataDir }), new DevTokenIssuer({ dataDir })];
    const [a, b] = await Promise.all([first.publicJwks(), second.publicJwks()]);
    expect(a).toEqual(b);
    expect(await new DevTokenIssuer({ dataDir }).publicJwks()).toEqual(a);
    await rm(dataDir, { recursive: true, force: true });
  });
});
