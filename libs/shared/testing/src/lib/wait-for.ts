/** How long and how often {@link waitFor} polls, and what it is waiting for (named in the timeout error). */
export interface WaitForOptions {
  /** What the condition means, e.g. `"projection to apply event 3"`: the timeout error names it. */
  readonly description: string;
  /** Gives up after this long. Defaults to 5000 ms. */
  readonly timeoutMs?: number;
  /** Time between two polls. Defaults to 20 ms. */
  readonly intervalMs?: number;
}

type Satisfied<T> = Exclude<T, false | null | undefined>;

/**
 * Polls `condition` until it returns something other than `false`, `null` or `undefined`, and
 * resolves with that value. A condition that throws counts as "not yet" (its last error is quoted
 * if time runs out), so a getter that fails until data arrives can be polled as it is.
 * Use it instead of sleeping: a test waits exactly as long as the state takes to appear.
 *
 * @throws Error naming `description` when `timeoutMs` passes first.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<Satisfied<T>> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (isSatisfied(value)) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw timeoutError(options.description, timeoutMs, lastError);
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

function isSatisfied<T>(value: T): value is Satisfied<T> {
  return value !== false && value !== null && value !== undefined;
}

function timeoutError(description: string, timeoutMs: number, lastError: unknown): Error {
  const cause =
    lastError === undefined
      ? ''
      : `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
  return new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** A response body as a loosely typed object, for assertions in HTTP tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = Record<string, any>;

/** Reads a fetch response's JSON body for assertions. */
export async function jsonOf(response: Response): Promise<JsonBody> {
  return (await response.json()) as JsonBody;
}
