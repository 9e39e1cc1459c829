import { createHmac, createPrivateKey, createPublicKey, type JsonWebKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonOf } from '@ilinks/shared/testing';
import type { Json } from './gateway-client';

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A dev token as the gateway issues it, as a string (to take apart). */
export async function devToken(
  gatewayUrl: string,
  claims: Readonly<Record<string, unknown>>,
): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  if (!response.ok) throw new Error(`dev token refused: ${response.status}`);
  return (await jsonOf(response)).access_token;
}

/** The header and claims of a JWT, unverified. */
export function partsOf(token: string): { header: Json; claims: Json; signature: string } {
  const [header = '', claims = '', signature = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')),
    signature,
  };
}

/**
 * Tokens an attacker (or a test) can make, from the embedded dev issuer's key file under the data
 * dir (`security/dev-issuer.jwk.json`, ES256): signed with the real private key (to prove that an
 * expired token is refused for its expiry alone), or with its public key as an HMAC secret.
 */
export class TokenForge {
  private readonly jwk: JsonWebKey & { kid?: string };

  constructor(dataDir: string) {
    this.jwk = JSON.parse(readFileSync(join(dataDir, 'security', 'dev-issuer.jwk.json'), 'utf8'));
  }

  /** Properly signed by the issuer's own key: only the claims tell it apart. */
  signedByIssuer(claims: Json): string {
    const input = `${base64url({ alg: 'ES256', typ: 'JWT', kid: this.jwk.kid })}.${base64url(claims)}`;
    const key = createPrivateKey({ key: this.jwk, format: 'jwk' });
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  /** HS256 with the issuer's PUBLIC key (PEM) as the secret: the algorithm-confusion attack. */
  hs256WithPublicKey(claims: Json): string {
    const { d: _private, ...publicJwk } = this.jwk;
    const pem = createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const input = `${base64url({ alg: 'HS256', typ: 'JWT', kid: this.jwk.kid })}.${base64url(claims)}`;
    return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
  }
}

/** An unsecured JWT (`alg: none`, empty signature). */
export function unsignedToken(claims: Json): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

/** `token` with its claims replaced and its original signature kept. */
export function withForgedClaims(token: string, claims: Json): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url(claims)}.${signature}`;
}
