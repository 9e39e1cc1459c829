import { type Clock, UnavailableError, systemClock } from '@ilinks/shared/kernel';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { type Principal, principalFromClaims } from '../principal/principal';
import { loadJose } from './jose.loader';
import { TokenRejectedError } from './token-rejected.error';

/** Turns a bearer token into a `Principal`, or throws `TokenRejectedError` (401) / `UnavailableError` (503). */
export interface JwtVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Only asymmetric algorithms: with a symmetric one, anybody holding the (public) verification key
 * could mint tokens — the classic "HS256 signed with the public key" attack.
 */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type AllowedAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

/** Where verification keys come from; resolved lazily because jose loads lazily. */
export type KeySource = () => Promise<JWTVerifyGetKey>;

export interface JoseJwtVerifierOptions {
  readonly keys: KeySource;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds?: number;
  readonly clock?: Clock;
  /** A subset of `ALLOWED_ALGORITHMS`; all of them by default. */
  readonly algorithms?: readonly AllowedAlgorithm[];
}

/** Tokens are small; anything this large is garbage or an attack on the parser. */
export const MAX_TOKEN_LENGTH = 8192;

/** Verifies signature, algorithm, `iss`, `aud`, `exp`, `nbf` with jose, then reads the principal. */
export class JoseJwtVerifier implements JwtVerifier {
  private readonly algorithms: readonly AllowedAlgorithm[];
  private readonly clock: Clock;

  constructor(private readonly options: JoseJwtVerifierOptions) {
    this.algorithms = options.algorithms ?? ALLOWED_ALGORITHMS;
    this.clock = options.clock ?? systemClock;
  }

  async verify(token: string): Promise<Principal> {
    if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError('token too large');
    const jose = await loadJose();
    let algorithm: unknown;
    try {
      algorithm = jose.decodeProtectedHeader(token).alg;
    } catch {
      throw new TokenRejectedError('malformed token');
    }
    if (typeof algorithm !== 'string' || !(this.algorithms as readonly string[]).includes(algorithm)) {
      throw new TokenRejectedError(
        `algorithm ${typeof algorithm === 'string' ? algorithm.slice(0, 16) : 'missing'} not allowed`,
      );
    }
    const getKey = await this.options.keys();
    try {
      const { payload } = await jose.jwtVerify(token, getKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...this.algorithms],
        clockTolerance: this.options.clockToleranceSeconds ?? 0,
        currentDate: this.clock.now(),
        requiredClaims: ['exp', 'sub'],
      });
      return principalFromClaims(payload);
    } catch (error: unknown) {
      throw translateVerificationError(error);
    }
  }
}

/** Keys from an external issuer's JWKS endpoint, fetched on demand and cached by jose. */
export function remoteJwksKeys(jwksUrl: string): KeySource {
  let keys: JWTVerifyGetKey | undefined;
  return async () => {
    if (!keys) {
      const jose = await loadJose();
      keys = jose.createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    }
    return keys;
  };
}

/** Keys from a key set held in process (the embedded dev issuer). */
export function localJwksKeys(jwks: () => Promise<JSONWebKeySet>): KeySource {
  let keys: JWTVerifyGetKey | undefined;
  return async () => {
    if (!keys) {
      const jose = await loadJose();
      keys = jose.createLocalJWKSet(await jwks());
    }
    return keys;
  };
}

const UNAVAILABLE_KEY_SET_CODES = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

function translateVerificationError(error: unknown): Error {
  if (error instanceof TokenRejectedError) return error;
  const code = joseErrorCode(error);
  switch (code) {
    case undefined:
      // Not a jose error: the key set could not be fetched (network). The token may be fine: 503.
      return new UnavailableError('the token issuer key set cannot be reached');
    case 'ERR_JWT_EXPIRED':
      return new TokenRejectedError('token expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return new TokenRejectedError(claimProblem(error));
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new TokenRejectedError('signature verification failed');
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return new TokenRejectedError('no key matches the token header');
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new TokenRejectedError('several keys match the token header');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new TokenRejectedError('algorithm not allowed');
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return new TokenRejectedError('malformed token');
    default:
      if (UNAVAILABLE_KEY_SET_CODES.has(code))
        return new UnavailableError('the token issuer key set cannot be used');
      return new TokenRejectedError(`token rejected (${code})`);
  }
}

function joseErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ERR_J') ? code : undefined;
}

function claimProblem(error: unknown): string {
  const { claim, reason } = error as { claim?: unknown; reason?: unknown };
  const name = typeof claim === 'string' ? claim : 'unknown';
  if (reason === 'missing') return `missing claim ${name}`;
  switch (name) {
    case 'nbf':
      return 'token not yet valid';
    case 'iat':
      return 'token issued in the future';
    case 'iss':
      return 'unexpected issuer';
    case 'aud':
      return 'unexpected audience';
    default:
      return `claim ${name} is invalid`;
  }
}
