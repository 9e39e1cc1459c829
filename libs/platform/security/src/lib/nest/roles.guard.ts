import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../principal/principal';
import type { AuthenticatedRequest } from './authenticated-request';
import { ROLES_KEY } from './security.metadata';

/** Enforces `@Roles(...)`: 403 when the principal's role is not listed. Runs after `AuthGuard`. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal && roles.includes(principal.role)) return true;
    throw new ForbiddenException('your role does not allow this operation');
  }
}
