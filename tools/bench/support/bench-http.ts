// HTTP helpers the benches share: messages without ids or personal data, lenient JSON, and a
// count of failed requests that does not stop a load.

/** A path for a message: no query, ids as `{id}`. */
export const withoutIds = (path: string): string =>
  (path.split('?')[0] ?? '').replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    '{id}',
  );

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What an OperationOutcome says, for an error message (synthetic data only: no personal data). */
export function diagnosticsOf(json: unknown): string {
  const issues = (json as { issue?: { diagnostics?: string; expression?: string[] }[] } | undefined)?.issue;
  return (issues ?? [])
    .map((issue) => `${issue.expression?.join(',') ?? ''} ${issue.diagnostics ?? ''}`.trim())
    .join('; ');
}

/**
 * Requests that failed, by message: counted and printed, not fatal, so that a load the platform
 * cannot keep up with (e.g. a 503 on a slow view store) still yields its figures.
 */
export class Failures {
  private readonly byMessage = new Map<string, number>();

  get count(): number {
    return [...this.byMessage.values()].reduce((sum, count) => sum + count, 0);
  }

  /** Runs `work`; on failure counts it and resolves with `fallback`. */
  async guard<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.byMessage.set(message, (this.byMessage.get(message) ?? 0) + 1);
      return fallback;
    }
  }

  lines(where: string): string[] {
    return [...this.byMessage].map(([message, count]) => `- ${where}: ${count} × ${message}`);
  }
}
