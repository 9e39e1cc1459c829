import { jsonOf } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import type { Json } from './gateway-client';
import { AUDIT_RECORDS_TOPIC } from '@ilinks/audit/contracts';
import { kafkaAndMongoEnvironment, skipBacklog } from './infra';
import { PlatformProcess } from './platform-process';

/** Where a shared end-to-end suite runs the platform, and how long its asynchronous effects may take there. */
export interface PlatformUnderTest {
  /** Said in the suite's title. */
  readonly on: string;
  /** The platform's extra environment, asked for once per suite, when its platform starts. */
  readonly environment: () => Readonly<Record<string, string>>;
  /**
   * How long the first asynchronous effect after a start may take: on Kafka a consumer group
   * waits for the previous run's killed member to time out (30 s session) before it is assigned.
   */
  readonly consumersJoinWithinMs: number;
  /** How long one request may then take to reach the audit trail (FerretDB scans on non-_id filters). */
  readonly auditedWithinMs: number;
  /** Readies the shared services before a platform starts. */
  readonly prepare?: () => Promise<void>;
}

/** Starts a platform the way `platformUnderTest` says, with a suite's own settings added. */
export async function startPlatformFor(
  platformUnderTest: PlatformUnderTest,
  settings: Readonly<Record<string, string>> = {},
): Promise<PlatformProcess> {
  await platformUnderTest.prepare?.();
  return PlatformProcess.start(undefined, { ...platformUnderTest.environment(), ...settings });
}

/** The embedded platform: SQLite and the in-process bus, nothing to start. */
export const embeddedPlatform: PlatformUnderTest = {
  on: 'the embedded platform',
  environment: () => ({}),
  consumersJoinWithinMs: 20_000,
  auditedWithinMs: 20_000,
};

/** The platform on real Kafka and the MongoDB-wire server, with a database of its own per suite. */
export const kafkaAndMongoPlatform: PlatformUnderTest = {
  on: 'real Kafka and a MongoDB-wire server',
  environment: () => kafkaAndMongoEnvironment(randomUUID().slice(0, 8)),
  consumersJoinWithinMs: 180_000,
  auditedWithinMs: 60_000,
  // The audit service's group is shared by every platform on the broker; what earlier ones left
  // unconsumed would be worked through first (~4 records/s on FerretDB) before this run's records.
  prepare: () => skipBacklog('audit', AUDIT_RECORDS_TOPIC),
};

/**
 * Sends a consent write and expects it accepted (201) at once: the gateway asks the identity
 * service (current) who holds a record for the person, so a record holder may record a consent
 * right after registering, on any bus.
 */
export async function createdOnceKnown(
  send: () => Promise<Response>,
  _platformUnderTest: PlatformUnderTest,
): Promise<Json> {
  const response = await send();
  if (response.status !== 201)
    throw new Error(`the consent write was answered ${response.status}: ${await response.text()}`);
  return (await jsonOf(response)) as Json;
}
