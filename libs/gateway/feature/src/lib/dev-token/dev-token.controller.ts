import { Body, Controller, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { type DevTokenIssuer, Public } from '@ilinks/platform/security';
import { DEV_TOKEN_ISSUER } from '../gateway.settings';
import { DevTokenRequestDto, type DevTokenResponse } from './dev-token.dto';

/**
 * `POST /auth/dev-token`: development tokens for embedded mode. The controller is only mounted in
 * embedded mode, so the route does not exist (404) in distributed mode.
 */
@Public()
@Controller('auth')
export class DevTokenController {
  constructor(@Inject(DEV_TOKEN_ISSUER) private readonly issuer: DevTokenIssuer) {}

  @Post('dev-token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async issue(@Body() request: DevTokenRequestDto): Promise<DevTokenResponse> {
    const issued = await this.issuer.issue({
      sub: request.sub,
      org: request.org,
      role: request.role,
      ...(request.patient === undefined ? {} : { patient: request.patient }),
      ...(request.professionalRole === undefined ? {} : { professionalRole: request.professionalRole }),
      ...(request.delegations === undefined
        ? {}
        : { delegations: request.delegations.map((delegation) => ({ ...delegation })) }),
      ...(request.expiresInSeconds === undefined ? {} : { expiresInSeconds: request.expiresInSeconds }),
    });
    return { access_token: issued.accessToken, token_type: issued.tokenType, expires_in: issued.expiresIn };
  }
}
