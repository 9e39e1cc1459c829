// Broker-restart resilience of the Kafka adapter: a consumer and a steady publisher keep running
// while a command restarts (or kills and restarts) the broker; afterwards every acknowledged
// message must have reached the handler, and the consumer must still be consuming.
//   KAFKA_BROKERS=127.0.0.1:29092 node -r ./libs/shared/testing/src/lib/swc-register.js \
//     tools/bench/messaging/broker-restart.check.ts --restart "<shell command>" [--before 5] [--after 10]
// Point it at a broker of your own (infra/local/kafka.sh with KAFKA_PORT, KAFKA_CONTROLLER_PORT and
// ILINKS_INFRA_STATE set): it restarts the broker, which would disturb anyone else using it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type BusLogLevel, KafkaMessageBus } from '@ilinks/platform/messaging';

function argument(name: string, fallback?: string): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

function runShell(command: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set');
  const restartCommand = argument('--restart');
  const beforeMs = Number(argument('--before', '5')) * 1000;
  const afterMs = Number(argument('--after', '10')) * 1000;

  const logCounts = new Map<string, number>();
  const logger = (level: BusLogLevel, message: string): void => {
    if (level === 'error' || /crash|re-created/.test(message))
      logCounts.set(message, (logCounts.get(message) ?? 0) + 1);
  };
  const bus = new KafkaMessageBus({
    brokers: brokers.split(','),
    clientId: 'restart-check',
    logger,
    logLevel: 'error',
    restartDelayMs: 1000,
  });
  const topic = `restart-check.${randomUUID().slice(0, 8)}`;
  await bus.ensureTopics([topic]);
  const handled = new Map<string, number>();
  let lastHandledAt = 0;
  const consumer = await bus.consume(
    { groupId: `restart-check-${randomUUID().slice(0, 8)}`, topics: [topic] },
    async (message) => {
      const id = message.value.toString();
      handled.set(id, (handled.get(id) ?? 0) + 1);
      lastHandledAt = Date.now();
    },
  );
  await consumer.ready;

  const acked: string[] = [];
  let failedPublishes = 0;
  let slowestPublishMs = 0;
  let publishing = true;
  const publisher = (async () => {
    for (let seq = 0; publishing; seq++) {
      const id = `m${seq}`;
      const started = Date.now();
      try {
        await bus.publish([{ topic, key: `subject-${seq % 10}`, value: Buffer.from(id), headers: {} }]);
        acked.push(id);
      } catch {
        failedPublishes++;
      }
      slowestPublishMs = Math.max(slowestPublishMs, Date.now() - started);
      await pause(50);
    }
  })();

  await pause(beforeMs);
  const restartStarted = Date.now();
  const exitCode = await runShell(restartCommand);
  const restartSeconds = (Date.now() - restartStarted) / 1000;
  await pause(afterMs);
  publishing = false;
  await publisher;

  const deadline = Date.now() + 60_000;
  while (acked.some((id) => !handled.has(id)) && Date.now() < deadline) await pause(100);
  const lost = acked.filter((id) => !handled.has(id));
  const duplicates = [...handled.values()].filter((count) => count > 1).length;
  await bus.close();

  console.log(
    `| restart command exit | restart took (s) | acked | failed publishes | slowest publish (ms) | handled | lost | redelivered | last handled (s after restart) |`,
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${exitCode} | ${restartSeconds.toFixed(1)} | ${acked.length} | ${failedPublishes} | ${slowestPublishMs} | ${handled.size} | ${lost.length} | ${duplicates} | ${((lastHandledAt - restartStarted) / 1000).toFixed(1)} |`,
  );
  for (const [message, count] of logCounts) console.log(`log: ${count} × ${message}`);
  if (lost.length > 0 || exitCode !== 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
