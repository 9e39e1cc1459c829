import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Clock, ValidationError, systemClock } from '@ilinks/shared/kernel';
import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';
import {
  type Delegation,
  type Principal,
  type Role,
  claimsFromPrincipal,
  principalFromClaims,
} from '../principal/principal';
import { loadJose } from './jose.loader';
import { isTokenRejectedError } from './token-rejected.error';

/** Issuer and audience of dev tokens when the configuration does not name others. */
export const DEV_TOKEN_ISSUER = 'urn:ilinks:dev-issuer';
export const DEFAULT_TOKEN_AUDIENCE = 'urn:ilinks:gateway';
export const DEFAULT_DEV_TOKEN_LIFETIME_SECONDS = 3600;

export interface DevTokenIssuerOptions {
  /** The embedded data dir; the key lives in `<dataDir>/security/dev-issuer.jwk.json`. */
  readonly dataDir: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly clock?: Clock;
}

/** Who the token is for. Mirrors `Principal` with the JWT's vocabulary for the subject. */
export interface DevTokenRequest {
  readonly sub: string;
  readonly org: string;
  readonly role: Role;
  readonly patient?: string;
  readonly professionalRole?: string;
  readonly delegations?: readonly Delegation[];
  readonly expiresInSeconds?: number;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds until the token expires. */
  readonly expiresIn: number;
}

interface SigningKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

const ALGORITHM = 'ES256';

/**
 * The embedded-mode token issuer (never used in distributed mode). Its ES256 key pair is generated
 * on first use and kept under the data dir, so tokens survive a restart of the platform.
 */
export class DevTokenIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly keyFile: string;
  private readonly clock: Clock;
  private signingKey?: Promise<SigningKey>;

  constructor(options: DevTokenIssuerOptions) {
    this.issuer = options.issuer ?? DEV_TOKEN_ISSUER;
    this.audience = options.audience ?? DEFAULT_TOKEN_AUDIENCE;
    this.keyFile = join(options.dataDir, 'security', 'dev-issuer.jwk.json');
    this.clock = options.clock ?? systemClock;
  }

  /** Signs a token the verifier built for this issuer accepts. Throws `ValidationError` for claims it would refuse. */
  async issue(request: DevTokenRequest): Promise<IssuedToken> {
    const principal = toPrincipal(request);
    const lifetime = request.expiresInSeconds ?? DEFAULT_DEV_TOKEN_LIFETIME_SECONDS;
    if (!Number.isInteger(lifetime) || lifetime <= 0)
      throw new ValidationError('expiresInSeconds must be a positive integer', [
        { path: 'expiresInSeconds', message: 'must be a positive integer' },
      ]);
    const [jose, key] = await Promise.all([loadJose(), this.key()]);
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const accessToken = await new jose.SignJWT(claimsFromPrincipal(principal))
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: key.publicJwk.kid })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetime)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { accessToken, tokenType: 'Bearer', expiresIn: lifetime };
  }

  /** The public half of the key, as a JWKS document. */
  async publicJwks(): Promise<JSONWebKeySet> {
    const { publicJwk } = await this.key();
    return { keys: [publicJwk] };
  }

  private key(): Promise<SigningKey> {
    this.signingKey ??= this.loadOrCreateKey();
    return this.signingKey;
  }

  private async loadOrCreateKey(): Promise<SigningKey> {
    const jose = await loadJose();
    const privateJwk = (await this.readKeyFile()) ?? (await this.createKeyFile());
    if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || typeof privateJwk.d !== 'string') {
      throw new Error(`${this.keyFile} does not hold an ES256 private key; delete it to generate a new one`);
    }
    const privateKey = await jose.importJWK(privateJwk, ALGORITHM);
    if (privateKey instanceof Uint8Array) throw new Error(`${this.keyFile}: expected an asymmetric key`);
    const { d: _private, ...publicJwk } = privateJwk;
    return { privateKey, publicJwk: { ...publicJwk, use: 'sig', alg: ALGORITHM } };
  }

  private async readKeyFile(): Promise<JWK | undefined> {
    try {
      return JSON.parse(await readFile(this.keyFile, 'utf8')) as JWK;
    } catch (error: unknown) {
      if (isMissingFile(error)) return undefined;
      throw error;
    }
  }

  private async createKeyFile(): Promise<JWK> {
    const jose = await loadJose();
    const { privateKey } = await jose.generateKeyPair(ALGORITHM, { extractable: true });
    const jwk = await jose.exportJWK(privateKey);
    const kid = await jose.calculateJwkThumbprint(jwk);
    const keyed: JWK = { ...jwk, kid, alg: ALGORITHM, use: 'sig' };
    await mkdir(dirname(this.keyFile), { recursive: true, mode: 0o700 });
    // Written aside, then linked into place: a crash never leaves half a key, and when two
    // issuers race on first use, the first key wins and the other adopts it.
    const temporary = `${this.keyFile}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(keyed), { mode: 0o600 });
    try {
      await link(temporary, this.keyFile);
      return keyed;
    } catch (error: unknown) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const existing = await this.readKeyFile();
      if (!existing) throw error;
      return existing;
    } finally {
      await unlink(temporary);
    }
  }
}

function toPrincipal(request: DevTokenRequest): Principal {
  try {
    return principalFromClaims(
      claimsFromPrincipal({
        subject: request.sub,
        organisation: request.org,
        role: request.role,
        ...(request.professionalRole === undefined ? {} : { professionalRole: request.professionalRole }),
        ...(request.patient === undefined ? {} : { patient: request.patient }),
        ...(request.delegations === undefined ? {} : { delegations: request.delegations }),
      }),
    );
  } catch (error: unknown) {
    if (isTokenRejectedError(error)) throw new ValidationError(`cannot issue this token: ${error.reason}`);
    throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}
