import { IsInt, IsNotEmpty, IsString, IsUrl, Max, Min } from 'class-validator';
import { Setting } from '../setting.decorator';
import { ModeAwareConfig, RequiredInDistributedMode } from './mode-aware.config';

/**
 * How bearer tokens are verified. Distributed mode trusts an external OAuth2/OIDC issuer through
 * its JWKS; embedded mode uses the built-in dev issuer, and issuer/audience, when set, override its
 * defaults.
 */
export class AuthConfig extends ModeAwareConfig {
  @Setting('ILINKS_AUTH_JWKS_URL', {
    description: "URL of the issuer's JSON Web Key Set (required in distributed mode)",
  })
  @RequiredInDistributedMode()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: '$property must be an http(s) URL' },
  )
  jwksUrl?: string;

  @Setting('ILINKS_AUTH_ISSUER', {
    description: 'Expected `iss` claim of access tokens (required in distributed mode)',
  })
  @RequiredInDistributedMode()
  @IsString()
  @IsNotEmpty()
  issuer?: string;

  @Setting('ILINKS_AUTH_AUDIENCE', {
    description: 'Expected `aud` claim of access tokens (required in distributed mode)',
  })
  @RequiredInDistributedMode()
  @IsString()
  @IsNotEmpty()
  audience?: string;

  @Setting('ILINKS_AUTH_CLOCK_TOLERANCE_SECONDS', {
    default: 5,
    description: 'Allowed clock skew when checking exp/nbf',
  })
  @IsInt()
  @Min(0)
  @Max(300)
  clockToleranceSeconds!: number;
}
