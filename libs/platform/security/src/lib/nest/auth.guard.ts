import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  Optional,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import type { JwtVerifier } from '../tokens/jwt.verifier';
import { isTokenRejectedError } from '../tokens/token-rejected.error';
import type { AuthenticatedRequest } from './authenticated-request';
import { AuthenticationFailedException } from './authentication-failed.exception';
import { IS_PUBLIC_KEY } from './security.metadata';
import { AUTHENTICATION_LISTENER, type AuthenticationListener, JWT_VERIFIER } from './tokens';

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/;
const REALM = 'Bearer realm="ilinks"';

interface RoutedRequest extends AuthenticatedRequest {
  readonly method?: string;
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
}

/**
 * Requires a valid `Authorization: Bearer <jwt>` on every HTTP route not marked `@Public()`, and
 * puts the `Principal` on the request. Failures are a 401 with `WWW-Authenticate: Bearer` and a
 * vague message; the precise reason is logged (without the token) and given to the listener.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
    @Optional() @Inject(AUTHENTICATION_LISTENER) private readonly listener?: AuthenticationListener,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Bus handlers are not called by people: their trust comes from the broker, not a token.
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]))
      return true;

    const request = context.switchToHttp().getRequest<RoutedRequest>();
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const header = request.headers.authorization;
    if (header === undefined) throw this.reject(request, response, 'missing bearer token', false);
    const match = BEARER.exec(header);
    if (!match?.[1]) throw this.reject(request, response, 'malformed authorization header', true);

    try {
      const principal = await this.verifier.verify(match[1]);
      request.principal = principal;
      this.listener?.onAuthenticated?.({ principal, method: request.method ?? '', route: routeOf(request) });
      return true;
    } catch (error: unknown) {
      if (isTokenRejectedError(error)) throw this.reject(request, response, error.reason, true);
      throw error;
    }
  }

  private reject(
    request: RoutedRequest,
    response: ServerResponse,
    reason: string,
    tokenPresented: boolean,
  ): AuthenticationFailedException {
    // RFC 6750: no error code when no credentials were sent, invalid_token when they were bad.
    response.setHeader('WWW-Authenticate', tokenPresented ? `${REALM}, error="invalid_token"` : REALM);
    const route = routeOf(request);
    this.logger.warn(`authentication failed on ${request.method ?? ''} ${route}: ${reason}`);
    this.listener?.onRejected?.({ reason, method: request.method ?? '', route });
    return new AuthenticationFailedException(
      reason,
      tokenPresented ? 'the bearer token is invalid or expired' : 'a bearer token is required',
    );
  }
}

/** The route template (`/fhir/Patient/:id`), never the concrete URL, which may carry identifiers. */
function routeOf(request: RoutedRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : '(unmatched)';
}
