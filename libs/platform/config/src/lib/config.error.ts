/** One setting that stops the process from starting, named by its environment variable. */
export interface ConfigProblem {
  readonly env: string;
  /** What is wrong, phrased to follow the variable name ("must be an integer number"). Never a secret's value. */
  readonly problem: string;
}

/** Thrown by `loadConfig` with every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map(describeProblem).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function describeProblem(problem: ConfigProblem): string {
  return `${problem.env} ${problem.problem}`;
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

/** One paragraph for stderr: what is wrong with which variable, and what to do. */
export function formatConfigError(error: ConfigError): string {
  const count = error.problems.length;
  const subject = count === 1 ? '1 setting is' : `${count} settings are`;
  return (
    `iLINKS cannot start: ${subject} missing or invalid. ` +
    `${error.problems.map(describeProblem).join('; ')}. ` +
    'Fix the environment variables named above and start again.'
  );
}

/** Where `exitOnConfigError` reports and how it stops; replaceable in tests. */
export interface ExitHooks {
  writeError(text: string): void;
  exit(code: number): void;
}

/** EX_CONFIG from sysexits.h: the process stopped because of its configuration. */
export const CONFIG_EXIT_CODE = 78;

const processExitHooks: ExitHooks = {
  writeError: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * Runs `start` (typically the app's bootstrap). A `ConfigError` becomes a one-paragraph message on
 * stderr and exit code 78 instead of a stack trace; any other error is rethrown untouched.
 */
export async function exitOnConfigError<T>(
  start: () => T | Promise<T>,
  hooks: ExitHooks = processExitHooks,
): Promise<T> {
  try {
    return await start();
  } catch (error: unknown) {
    if (isConfigError(error)) {
      hooks.writeError(`${formatConfigError(error)}\n`);
      hooks.exit(CONFIG_EXIT_CODE);
    }
    throw error;
  }
}
