import type { Principal } from '../principal/principal';

/** Injection token of the `JwtVerifier` the `AuthGuard` uses. */
export const JWT_VERIFIER = 'ilinks:jwt-verifier';

/** Injection token of an optional `AuthenticationListener` (the audit trail subscribes here). */
export const AUTHENTICATION_LISTENER = 'ilinks:authentication-listener';

/** Told about every authentication outcome on protected routes; must not throw. */
export interface AuthenticationListener {
  onAuthenticated?(event: {
    readonly principal: Principal;
    readonly method: string;
    readonly route: string;
  }): void;
  onRejected?(event: { readonly reason: string; readonly method: string; readonly route: string }): void;
}
