import { jsonOf } from '@ilinks/shared/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A caller of the gateway with one dev token, as a partner system or a user would hold it. */
export class GatewayCaller {
  private constructor(
    private readonly gatewayUrl: string,
    private readonly token: string,
  ) {}

  static async as(gatewayUrl: string, sub: string, org: string, role: string): Promise<GatewayCaller> {
    const response = await fetch(`${gatewayUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub, org, role }),
    });
    if (!response.ok) throw new Error(`dev token refused: ${response.status}`);
    return new GatewayCaller(gatewayUrl, (await jsonOf(response)).access_token);
  }

  /** A caller holding a token from elsewhere (an organisation's own issuer in distributed mode). */
  static withToken(gatewayUrl: string, token: string): GatewayCaller {
    return new GatewayCaller(gatewayUrl, token);
  }

  /** A caller whose token carries more claims: an individual's `patient`, a professional role. */
  static async withClaims(
    gatewayUrl: string,
    claims: Readonly<Record<string, unknown>>,
  ): Promise<GatewayCaller> {
    const response = await fetch(`${gatewayUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(claims),
    });
    if (!response.ok) throw new Error(`dev token refused: ${response.status}`);
    return new GatewayCaller(gatewayUrl, (await jsonOf(response)).access_token);
  }

  get(path: string, headers: Readonly<Record<string, string>> = {}): Promise<Response> {
    return fetch(`${this.gatewayUrl}${path}`, {
      headers: { ...headers, authorization: `Bearer ${this.token}` },
    });
  }

  put(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.gatewayUrl}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
  }

  post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
  }
}

/** The parts of the link-outcome extension the gateway puts on a registered Patient. */
export function linkOutcomeOf(patient: Json): Record<string, unknown> {
  const extension = (patient.extension ?? []).find((e: Json) => String(e.url).endsWith('/link-outcome'));
  return Object.fromEntries(
    (extension?.extension ?? []).map((part: Json) => [
      part.url,
      Object.entries(part).find(([key]) => key.startsWith('value'))?.[1],
    ]),
  );
}

/** Every identifier value on a Patient, sorted. */
export const identifierValues = (patient: Json): string[] =>
  patient.identifier.map((identifier: Json) => identifier.value).sort();

/** The record service's copy of which person a record belongs to, kept from identity's events. */
export async function personInRecordIndex(
  recordProjectionUrl: string,
  localRecordId: string,
): Promise<string | null | undefined> {
  const response = await fetch(`${recordProjectionUrl}/local-record-index/${localRecordId}`);
  return response.status === 200 ? (await jsonOf(response)).personId : undefined;
}

/** A request with a bearer token of the caller's choosing (or none) and a raw body. */
export function rawRequest(
  gatewayUrl: string,
  path: string,
  options: {
    method?: string;
    token?: string;
    body?: string;
    headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<Response> {
  return fetch(`${gatewayUrl}${path}`, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}
