import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eventIdFor } from '@ilinks/shared/kernel';
import { swcRegisterPath } from '@ilinks/shared/testing';
import type { RecordedEvent } from '../event-store.port';
import { BATCH_SIZE, STREAM_COUNT, crashStreamFor } from './crash-writer.child';
import { SqliteEventStore, type SqliteSynchronous } from './sqlite.event-store';

const ACKS_BEFORE_KILL = 300;

interface Ack {
  readonly batch: number;
  readonly position: bigint;
}

/** Starts the writer, lets it acknowledge `count` appends, kills it with SIGKILL mid-stride. */
async function killWriterAfter(file: string, synchronous: SqliteSynchronous, count: number): Promise<Ack[]> {
  const child = spawn(
    process.execPath,
    ['-r', swcRegisterPath, join(__dirname, 'crash-writer.child.ts'), file, synchronous],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  const acks: Ack[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const [, batch, position] = line.split(' ');
    acks.push({ batch: Number(batch), position: BigInt(position) });
    if (acks.length === count) {
      child.kill('SIGKILL');
      break;
    }
  }
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`The writer ended on its own (${String(signal)}): ${stderr}`);
  return acks;
}

async function readEverything(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({ from: 'start' }, async (event) => void events.push(event));
  await subscription.caughtUp;
  await subscription.stop();
  return events;
}

describe.each<SqliteSynchronous>(['full', 'normal'])(
  'SqliteEventStore killed with SIGKILL (synchronous=%s)',
  (synchronous) => {
    let directory: string;

    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), 'ilinks-crash-'));
    });

    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it('keeps every acknowledged append, exactly once, and no append in part', async () => {
      const file = join(directory, 'events.sqlite');
      const acks = await killWriterAfter(file, synchronous, ACKS_BEFORE_KILL);

      const store = new SqliteEventStore(file);
      try {
        const all = await readEverything(store);
        const byId = new Map(all.map((event) => [event.id, event]));
        expect(byId.size).toBe(all.length);
        for (const ack of acks) {
          const stream = crashStreamFor(ack.batch);
          const ids = Array.from({ length: BATCH_SIZE }, (_, index) =>
            eventIdFor(stream, `batch-${ack.batch}`, index),
          );
          const stored = ids.map((id) => byId.get(id));
          expect(stored.every((event) => event?.streamName === stream)).toBe(true);
          expect(stored[BATCH_SIZE - 1]?.position).toBe(ack.position);
        }
        // Whatever was in flight at the kill is there whole or not at all.
        const perBatch = new Map<number, number>();
        for (const event of all) {
          const { batch } = event.data as { batch: number };
          perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
        }
        expect([...perBatch.values()].every((count) => count === BATCH_SIZE)).toBe(true);
        expect(perBatch.size).toBeGreaterThanOrEqual(acks.length);
        for (let stream = 0; stream < STREAM_COUNT; stream += 1) {
          const revisions = (await store.readStream(`crash-${stream}`)).map((event) => event.revision);
          expect(revisions).toEqual(revisions.map((_, index) => BigInt(index)));
        }
      } finally {
        await store.close();
      }
    });
  },
);
