/** Removes credentials from text that may be logged (connection strings, URLs). */
export function scrubCredentials(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]*:[^/\s@]*@/gi, '$1***@')
    .replace(/\b(password|passwd|pwd|secret|token|access_token|api[_-]?key)=([^&\s]+)/gi, '$1=***');
}

/** Errors whose message comes from code, not data, and so may be logged. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError']);

/**
 * What may be logged of an error: its name, code and stack frames. The message only for
 * programming errors: driver and library messages can quote data (duplicate keys, rejected values).
 */
export function loggableError(error: unknown): {
  type: string;
  code?: string;
  message?: string;
  stack?: string;
} {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return {
    type: error.name,
    ...(code === undefined ? {} : { code: String(code) }),
    ...(PROGRAMMING_ERRORS.has(error.name) ? { message: scrubCredentials(error.message) } : {}),
    ...(frames === '' ? {} : { stack: frames }),
  };
}
