import type { AuthConfig, RuntimeMode } from '@ilinks/platform/config';
import type { Clock } from '@ilinks/shared/kernel';
import { DevTokenIssuer } from './dev-token.issuer';
import { JoseJwtVerifier, type JwtVerifier, localJwksKeys, remoteJwksKeys } from './jwt.verifier';

export interface JwtVerifierSettings {
  readonly mode: RuntimeMode;
  readonly auth: Pick<AuthConfig, 'jwksUrl' | 'issuer' | 'audience' | 'clockToleranceSeconds'>;
  /** Required in embedded mode, refused in distributed mode. */
  readonly devTokenIssuer?: DevTokenIssuer;
  readonly clock?: Clock;
}

/**
 * The verifier for the runtime mode: the external issuer's JWKS in distributed mode, the dev
 * issuer's own key in embedded mode. Refuses a dev issuer in distributed mode.
 */
export function createJwtVerifier(settings: JwtVerifierSettings): JwtVerifier {
  const clockToleranceSeconds = settings.auth.clockToleranceSeconds;
  const clock = settings.clock;
  switch (settings.mode) {
    case 'distributed': {
      if (settings.devTokenIssuer) throw new Error('the dev token issuer is refused in distributed mode');
      const { jwksUrl, issuer, audience } = settings.auth;
      if (!jwksUrl || !issuer || !audience) {
        throw new Error(
          'distributed mode needs ILINKS_AUTH_JWKS_URL, ILINKS_AUTH_ISSUER and ILINKS_AUTH_AUDIENCE',
        );
      }
      return new JoseJwtVerifier({
        keys: remoteJwksKeys(jwksUrl),
        issuer,
        audience,
        clockToleranceSeconds,
        ...(clock ? { clock } : {}),
      });
    }
    case 'embedded': {
      const devTokenIssuer = settings.devTokenIssuer;
      if (!devTokenIssuer) throw new Error('embedded mode needs the dev token issuer to verify tokens');
      return new JoseJwtVerifier({
        keys: localJwksKeys(() => devTokenIssuer.publicJwks()),
        issuer: devTokenIssuer.issuer,
        audience: devTokenIssuer.audience,
        clockToleranceSeconds,
        ...(clock ? { clock } : {}),
      });
    }
  }
}

/** The dev issuer for embedded mode, keyed under the data dir; refused in distributed mode. */
export function createDevTokenIssuer(settings: {
  readonly mode: RuntimeMode;
  readonly dataDir: string;
  readonly auth?: Pick<AuthConfig, 'issuer' | 'audience'>;
  readonly clock?: Clock;
}): DevTokenIssuer {
  if (settings.mode !== 'embedded')
    throw new Error('the dev token issuer is only available in embedded mode');
  return new DevTokenIssuer({
    dataDir: settings.dataDir,
    ...(settings.auth?.issuer ? { issuer: settings.auth.issuer } : {}),
    ...(settings.auth?.audience ? { audience: settings.auth.audience } : {}),
    ...(settings.clock ? { clock: settings.clock } : {}),
  });
}
