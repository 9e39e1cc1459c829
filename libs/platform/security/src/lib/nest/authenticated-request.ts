import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../principal/principal';

/** The part of an HTTP request the security pieces read and write. */
export interface AuthenticatedRequest {
  readonly headers: IncomingHttpHeaders;
  principal?: Principal;
}

/** The principal the `AuthGuard` put on the request, if any. */
export function principalOf(request: AuthenticatedRequest): Principal | undefined {
  return request.principal;
}
