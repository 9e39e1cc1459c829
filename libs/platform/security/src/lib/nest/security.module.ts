import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { JwtVerifier } from '../tokens/jwt.verifier';
import { AuthGuard } from './auth.guard';
import { RolesGuard } from './roles.guard';
import { AUTHENTICATION_LISTENER, type AuthenticationListener, JWT_VERIFIER } from './tokens';

export interface SecurityModuleOptions {
  readonly verifier: JwtVerifier;
  readonly listener?: AuthenticationListener;
  /** Install `AuthGuard` then `RolesGuard` on every route (default true). */
  readonly globalGuards?: boolean;
}

/** Provides the verifier and the guards; by default makes every route authenticated unless `@Public()`. */
@Module({})
export class SecurityModule {
  static forRoot(options: SecurityModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: JWT_VERIFIER, useValue: options.verifier },
      AuthGuard,
      RolesGuard,
    ];
    if (options.listener) providers.push({ provide: AUTHENTICATION_LISTENER, useValue: options.listener });
    if (options.globalGuards ?? true) {
      providers.push(
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useExisting: RolesGuard },
      );
    }
    return {
      module: SecurityModule,
      global: true,
      providers,
      exports: [JWT_VERIFIER, AuthGuard, RolesGuard],
    };
  }
}
