/**
 * A bearer token was refused. `reason` is precise (for logs and audit: "token expired",
 * "algorithm HS256 not allowed"); clients only ever see a vague message. Reasons name claims,
 * never their values.
 */
export class TokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

export function isTokenRejectedError(error: unknown): error is TokenRejectedError {
  return error instanceof TokenRejectedError;
}
