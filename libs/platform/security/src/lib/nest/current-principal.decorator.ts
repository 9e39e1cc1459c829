import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Principal } from '../principal/principal';
import type { AuthenticatedRequest } from './authenticated-request';

/** The authenticated caller. Using it on a `@Public()` route is a programming error (500). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal)
      throw new Error('@CurrentPrincipal() on a route without an authenticated principal (is it @Public()?)');
    return principal;
  },
);
