import { SetMetadata } from '@nestjs/common';
import type { Role } from '../principal/principal';

export const IS_PUBLIC_KEY = 'ilinks:public';
export const ROLES_KEY = 'ilinks:roles';

/** Exempts a route (or a whole controller) from authentication: health, metadata, dev token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** Only these roles may call the route (403 otherwise). On a controller, applies to all its routes. */
export const Roles = (...roles: readonly Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);
