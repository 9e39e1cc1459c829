import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { type BusMessage, PoisonMessageError } from './messaging.port';

/**
 * An integration event: a CloudEvents 1.0 event whose data is JSON. On the bus it travels in Kafka
 * binary content mode — attributes in `ce_*` headers, the JSON data as the message value.
 */
export interface IntegrationEvent<TData = unknown> {
  /** Unique per event; consumers use it to stay idempotent. */
  readonly id: string;
  /** URI-reference of the publishing context, e.g. `/ilinks/identity-matching`. */
  readonly source: string;
  /** Versioned type, e.g. `ilinks.identity.local-record-linked.v1`. */
  readonly type: string;
  /** What the event is about (an enterprise id or a local-record key): never personal data. */
  readonly subject?: string;
  /**
   * CloudEvents `sequence` extension: the event's revision (decimal) in its subject's stream at the
   * publisher. Consumers' read models version by it, so a republished duplicate is recognised.
   */
  readonly sequence?: string;
  /** When it happened, RFC 3339. */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema?: string;
  readonly data: TData;
}

/** Header names of the CloudEvents Kafka binary mapping, plus W3C trace context. */
export const CloudEventHeaders = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  sequence: 'ce_sequence',
  time: 'ce_time',
  dataschema: 'ce_dataschema',
  contentType: 'content-type',
  traceparent: 'traceparent',
} as const;

const SPEC_VERSION = '1.0';
const JSON_CONTENT_TYPE = 'application/json';
// RFC 3339 date-time (CloudEvents `time`), with a mandatory offset.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

/**
 * Encodes an integration event as a bus message in CloudEvents binary mode. Throws the kernel's
 * `ValidationError` when an attribute breaks the spec (messages name the attribute, never its value).
 */
export function toBusMessage(
  topic: string,
  key: string,
  event: IntegrationEvent,
  traceparent?: string,
): BusMessage {
  const issues = envelopeIssues(event, traceparent);
  if (issues.length > 0) throw new ValidationError('invalid integration event envelope', issues);
  const headers: Record<string, string> = {
    [CloudEventHeaders.specversion]: SPEC_VERSION,
    [CloudEventHeaders.id]: event.id,
    [CloudEventHeaders.source]: event.source,
    [CloudEventHeaders.type]: event.type,
    [CloudEventHeaders.time]: event.time,
    [CloudEventHeaders.contentType]: JSON_CONTENT_TYPE,
  };
  if (event.subject !== undefined) headers[CloudEventHeaders.subject] = event.subject;
  if (event.sequence !== undefined) headers[CloudEventHeaders.sequence] = event.sequence;
  if (event.dataschema !== undefined) headers[CloudEventHeaders.dataschema] = event.dataschema;
  if (traceparent !== undefined) headers[CloudEventHeaders.traceparent] = traceparent;
  return { topic, key, value: Buffer.from(JSON.stringify(event.data), 'utf8'), headers };
}

/**
 * Decodes a bus message in CloudEvents binary mode. A message that is not a well-formed JSON
 * CloudEvent can never be handled, so this throws `PoisonMessageError` (its message names what is
 * wrong, never the content).
 */
export function fromBusMessage(message: Pick<BusMessage, 'value' | 'headers'>): IntegrationEvent {
  const { headers } = message;
  const problems: string[] = [];
  if (headers[CloudEventHeaders.specversion] !== SPEC_VERSION)
    problems.push(`${CloudEventHeaders.specversion} must be ${SPEC_VERSION}`);
  for (const name of [
    CloudEventHeaders.id,
    CloudEventHeaders.source,
    CloudEventHeaders.type,
    CloudEventHeaders.time,
  ]) {
    if (!headers[name]) problems.push(`${name} is missing`);
  }
  const time = headers[CloudEventHeaders.time];
  if (time && !isRfc3339(time)) problems.push(`${CloudEventHeaders.time} is not an RFC 3339 date-time`);
  if (!isJsonContentType(headers[CloudEventHeaders.contentType]))
    problems.push(`${CloudEventHeaders.contentType} must be ${JSON_CONTENT_TYPE}`);
  if (problems.length > 0) throw new PoisonMessageError(`not a JSON CloudEvent: ${problems.join('; ')}`);

  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    // The parser's own message quotes the body: keep it out of logs and dead-letter headers.
    throw new PoisonMessageError('not a JSON CloudEvent: the body is not valid JSON');
  }
  return {
    id: headers[CloudEventHeaders.id],
    source: headers[CloudEventHeaders.source],
    type: headers[CloudEventHeaders.type],
    time: headers[CloudEventHeaders.time],
    datacontenttype: JSON_CONTENT_TYPE,
    data,
    ...(headers[CloudEventHeaders.subject] !== undefined
      ? { subject: headers[CloudEventHeaders.subject] }
      : {}),
    ...(headers[CloudEventHeaders.sequence] !== undefined
      ? { sequence: headers[CloudEventHeaders.sequence] }
      : {}),
    ...(headers[CloudEventHeaders.dataschema] !== undefined
      ? { dataschema: headers[CloudEventHeaders.dataschema] }
      : {}),
  };
}

/** The W3C `traceparent` a message carries, if well-formed. */
export function traceparentOf(message: Pick<BusMessage, 'headers'>): string | undefined {
  const value = message.headers[CloudEventHeaders.traceparent];
  return value !== undefined && TRACEPARENT.test(value) ? value : undefined;
}

function envelopeIssues(event: IntegrationEvent, traceparent: string | undefined): Issue[] {
  const issues: Issue[] = [];
  const requireText = (path: keyof IntegrationEvent, value: unknown): void => {
    if (typeof value !== 'string' || value.length === 0)
      issues.push({ path, message: `${path} must be a non-empty string` });
  };
  requireText('id', event.id);
  requireText('source', event.source);
  requireText('type', event.type);
  if (event.subject !== undefined) requireText('subject', event.subject);
  if (event.sequence !== undefined && !/^\d{1,19}$/.test(event.sequence))
    issues.push({ path: 'sequence', message: 'sequence must be a decimal revision' });
  if (event.dataschema !== undefined) requireText('dataschema', event.dataschema);
  if (typeof event.time !== 'string' || !isRfc3339(event.time))
    issues.push({ path: 'time', message: 'time must be an RFC 3339 date-time' });
  if (event.datacontenttype !== JSON_CONTENT_TYPE)
    issues.push({ path: 'datacontenttype', message: `datacontenttype must be ${JSON_CONTENT_TYPE}` });
  if (event.data === undefined) issues.push({ path: 'data', message: 'data is required' });
  if (traceparent !== undefined && !TRACEPARENT.test(traceparent))
    issues.push({ path: 'traceparent', message: 'traceparent is not a W3C trace context' });
  return issues;
}

function isRfc3339(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(';')[0].trim().toLowerCase() === JSON_CONTENT_TYPE;
}
