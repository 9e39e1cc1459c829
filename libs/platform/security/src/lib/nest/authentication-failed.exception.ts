import { UnauthorizedException } from '@nestjs/common';

/**
 * A 401 whose message is deliberately vague; `reason` is the precise cause for logs and audit
 * ("token expired", "unexpected audience") and never reaches the client.
 */
export class AuthenticationFailedException extends UnauthorizedException {
  constructor(
    readonly reason: string,
    clientMessage = 'authentication failed',
  ) {
    super(clientMessage);
  }
}
