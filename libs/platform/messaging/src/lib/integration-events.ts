import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { plainToInstance } from 'class-transformer';
import { type ValidationError as ClassValidatorError, validateSync } from 'class-validator';
import { fromBusMessage, type IntegrationEvent, toBusMessage } from './cloud-events';
import { type BusMessage, PoisonMessageError } from './messaging.port';
import { ValidatedMessages } from './validated-messages';
import { memoizeValidationMetadata } from './validation-metadata-memo';

/** A class whose properties carry class-validator decorators. */
export type EventDataClass<TData extends object> = new (...args: never[]) => TData;

/**
 * The schema of one integration event type, declared in the publishing context's contracts lib:
 * the versioned CloudEvents `type`, the topic it travels on and the class that validates its data.
 */
export interface IntegrationEventSchema<TData extends object = object> {
  readonly type: string;
  readonly topic: string;
  readonly dataClass: EventDataClass<TData>;
}

// ilinks.<context>.<event>.v<n>, lower-case kebab segments.
const EVENT_TYPE = /^ilinks(\.[a-z][a-z0-9-]*){2,}\.v[1-9]\d*$/;

/** Declares an integration event schema; refuses a type that is not `ilinks.<context>.<event>.v<n>`. */
export function defineIntegrationEvent<TData extends object>(
  schema: IntegrationEventSchema<TData>,
): IntegrationEventSchema<TData> {
  if (!EVENT_TYPE.test(schema.type))
    throw new Error(`integration event type "${schema.type}" is not ilinks.<context>.<event>.v<n>`);
  if (schema.topic.length === 0) throw new Error(`integration event type "${schema.type}" needs a topic`);
  return Object.freeze({ ...schema });
}

/** The schemas a service knows, by event type. */
export class IntegrationEventSchemaRegistry {
  private readonly byType = new Map<string, IntegrationEventSchema>();

  constructor(schemas: readonly IntegrationEventSchema[] = []) {
    for (const schema of schemas) this.register(schema);
  }

  register(schema: IntegrationEventSchema): this {
    const known = this.byType.get(schema.type);
    if (known && known !== schema)
      throw new Error(`integration event type "${schema.type}" is registered twice`);
    this.byType.set(schema.type, schema);
    return this;
  }

  get(type: string): IntegrationEventSchema | undefined {
    return this.byType.get(type);
  }

  get types(): readonly string[] {
    return [...this.byType.keys()];
  }
}

const validatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** What this process validated before publishing: its own consumers need not validate it again. */
const publishedValid = new ValidatedMessages(20_000);

/**
 * Checks event data against its schema's class (class-transformer then class-validator, unknown
 * properties refused). Returns the issues — property paths and rule messages, never the values.
 */
export function validateEventData(schema: IntegrationEventSchema, data: unknown): Issue[] {
  return transformAndValidate(schema, data).issues;
}

/**
 * Encodes an event for publishing after validating its data against the schema; throws the
 * kernel's `ValidationError` when the data or the envelope is invalid, so nothing invalid is produced.
 */
export function toValidatedBusMessage<TData extends object>(
  schema: IntegrationEventSchema<TData>,
  key: string,
  event: Omit<IntegrationEvent<TData>, 'type' | 'datacontenttype'>,
  traceparent?: string,
): BusMessage {
  const issues = validateEventData(schema, event.data);
  if (issues.length > 0)
    throw new ValidationError(`invalid data for integration event ${schema.type}`, issues);
  const message = toBusMessage(
    schema.topic,
    key,
    { ...event, type: schema.type, datacontenttype: 'application/json' },
    traceparent,
  );
  publishedValid.remember(schema.dataClass, event.data, message.value);
  return message;
}

/**
 * Decodes a consumed message. When the registry knows its type, the data is validated and
 * returned as an instance of the schema class; invalid data throws `PoisonMessageError` whose
 * message lists the issues (paths and rules only), which the bus puts in the dead-letter headers.
 * Bytes this process validated itself before publishing them are not validated again.
 */
export function decodeIntegrationEvent(
  message: Pick<BusMessage, 'value' | 'headers'>,
  schemas: IntegrationEventSchemaRegistry,
): IntegrationEvent {
  const event = fromBusMessage(message);
  const schema = schemas.get(event.type);
  if (!schema) return event;
  // Only an object validates, so data this process validated and published is one.
  if (publishedValid.has(schema.dataClass, message.value))
    return { ...event, data: instanceOf(schema, event.data as object) };
  const { instance, issues } = transformAndValidate(schema, event.data);
  if (issues.length > 0)
    throw new PoisonMessageError(`invalid data for ${event.type}: ${formatIssues(issues)}`);
  return { ...event, data: instance };
}

/** `path: message; …` — for error texts that may be logged. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

function transformAndValidate(
  schema: IntegrationEventSchema,
  data: unknown,
): { instance: unknown; issues: Issue[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { instance: data, issues: [{ path: '', message: 'data must be a JSON object' }] };
  }
  memoizeValidationMetadata();
  const instance = instanceOf(schema, data);
  const errors = validateSync(instance, validatorOptions);
  return { instance, issues: errors.flatMap((error) => issuesOf(error, '')) };
}

function instanceOf(schema: IntegrationEventSchema, data: object): object {
  return plainToInstance(schema.dataClass as new () => object, data);
}

function issuesOf(error: ClassValidatorError, parent: string): Issue[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => issuesOf(child, path))];
}
