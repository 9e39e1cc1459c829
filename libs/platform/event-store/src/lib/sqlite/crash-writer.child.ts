// Run in a child process by sqlite.crash.spec.ts: appends batches through the real adapter as
// fast as it can and prints one line per acknowledged append, until it is killed with SIGKILL.
//   node -r <swcRegisterPath> crash-writer.child.ts <file> <full|normal>
import { eventIdFor } from '@ilinks/shared/kernel';
import { SqliteEventStore, type SqliteSynchronous } from './sqlite.event-store';

export const BATCH_SIZE = 3;
export const STREAM_COUNT = 7;

export function crashStreamFor(batch: number): string {
  return `crash-${batch % STREAM_COUNT}`;
}

async function appendUntilKilled(file: string, synchronous: SqliteSynchronous): Promise<never> {
  const store = new SqliteEventStore(file, { synchronous });
  for (let batch = 0; ; batch += 1) {
    const stream = crashStreamFor(batch);
    const events = Array.from({ length: BATCH_SIZE }, (_, index) => ({
      id: eventIdFor(stream, `batch-${batch}`, index),
      type: 'CrashTestEvent',
      data: { batch, index },
    }));
    const result = await store.appendToStream(stream, events, { expectedRevision: 'any' });
    // Written to a pipe, which is synchronous on Linux: the line leaves only after the commit.
    process.stdout.write(`ack ${batch} ${result.position}\n`);
  }
}

if (require.main === module) {
  const [file, synchronous] = process.argv.slice(2);
  appendUntilKilled(file, synchronous === 'normal' ? 'normal' : 'full').catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
