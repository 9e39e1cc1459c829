import type { Logger } from '@ilinks/platform/observability';

/** The process, as far as stopping on a signal needs it (a test passes its own). */
export interface SignalledProcess {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  exit(code: number): void;
}

/**
 * Stops a standalone app on SIGTERM (the kubelet, through tini) or SIGINT: runs `stop` once —
 * readiness turns 503, the HTTP server drains, consumers and adapters close, telemetry flushes —
 * then exits 0, or 1 when stopping failed. A second signal while draining changes nothing (the
 * kubelet's SIGKILL at the end of the grace period is the hard stop). Used instead of Nest's
 * shutdown hooks, which re-raise the signal once closed and so end the process before what comes
 * after the app's close (the bus, the telemetry flush) has run.
 */
export function stopGracefullyOnSignals(
  logger: Logger,
  stop: () => Promise<void>,
  target: SignalledProcess = process,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    stop().then(
      () => target.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        target.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) target.on(signal, () => onSignal(signal));
}
