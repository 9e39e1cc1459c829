/** Severity of a bus log entry. */
export type BusLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the adapters report what operators may need (broker trouble, crashes, dead letters).
 * Entries never carry message keys' meaning, values or header values: only topics, partitions,
 * offsets, groups and error text.
 */
export type BusLogger = (
  level: BusLogLevel,
  message: string,
  context?: Readonly<Record<string, unknown>>,
) => void;

/** Drops every entry. */
export const silentBusLogger: BusLogger = () => undefined;

const levelRank: Record<BusLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes entries at or above `minimum` to stderr as one JSON line each. */
export function stderrBusLogger(minimum: BusLogLevel = 'warn'): BusLogger {
  return (level, message, context) => {
    if (levelRank[level] < levelRank[minimum]) return;
    process.stderr.write(
      `${JSON.stringify({ level, time: new Date().toISOString(), component: 'message-bus', message, ...context })}\n`,
    );
  };
}

/**
 * The message of the log entry both adapters write when they dead-letter a message (context:
 * `groupId`, `topic`, `partition`, `offset`, `reason`, `attempts`). Observers count it as a metric.
 */
export const DEAD_LETTERED_LOG_MESSAGE = 'message dead-lettered';
