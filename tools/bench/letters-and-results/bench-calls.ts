// The calls the letters-and-results bench makes: through the gateway as partner systems and
// practitioners (dev tokens), and straight into the correspondence service's own API for the
// inbox preload (its URL from platform.json). Synthetic data only: messages carry no personal data.
import type { LetterV1 } from '@ilinks/correspondence/contracts';
import { readFileSync } from 'node:fs';
import type { FhirResource } from '../record/synthetic-record';
import { diagnosticsOf, parseJson, withoutIds } from '../support/bench-http';

/** Long enough for a full run: the dev token's default is one hour. */
const TOKEN_SECONDS = 6 * 3600;

/** A JSON response as read whole, as a client would. */
export interface Answer {
  readonly status: number;
  readonly json: unknown;
}

/** A caller of one base URL, with a bearer token when it has one. */
export class Caller {
  constructor(
    readonly base: string,
    readonly organisation: string,
    private readonly token?: string,
  ) {}

  private headers(extra: Record<string, string>): Record<string, string> {
    return this.token === undefined ? extra : { authorization: `Bearer ${this.token}`, ...extra };
  }

  /** POSTs `body` as JSON (`contentType` says which flavour); resolves with the status and body. */
  async post(
    path: string,
    body: unknown,
    options: { contentType?: string; idempotencyKey?: string } = {},
  ): Promise<Answer> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: this.headers({
        'content-type': options.contentType ?? 'application/json',
        ...(options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey }),
      }),
      body: JSON.stringify(body),
    });
    return { status: response.status, json: parseJson(await response.text()) };
  }

  /** POSTs `body`, expecting one of `expected`; resolves with the body. */
  async postExpecting(
    path: string,
    body: unknown,
    expected: readonly number[],
    options: { contentType?: string; idempotencyKey?: string } = {},
  ): Promise<unknown> {
    const { status, json } = await this.post(path, body, options);
    if (!expected.includes(status))
      throw new Error(`POST ${withoutIds(path)} answered ${status}: ${diagnosticsOf(json)}`);
    return json;
  }

  /** POSTs a FHIR resource to `/fhir/<Type>`, expecting 201 or 200; resolves with its id. */
  async createFhir(resource: FhirResource): Promise<string> {
    const type = String(resource['resourceType']);
    const json = await this.postExpecting(`/fhir/${type}`, resource, [201, 200], {
      contentType: 'application/fhir+json',
    });
    const id = (json as { id?: string } | undefined)?.id;
    if (id === undefined) throw new Error(`POST /fhir/${type} answered without an id`);
    return id;
  }

  /** GETs `path`, expecting 200; resolves with the parsed body. */
  async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.base}${path}`, { headers: this.headers({}) });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${withoutIds(path)} answered ${response.status}`);
    return parseJson(text);
  }
}

/** A caller of the gateway as `sub` of `organisation` in `role`, with a development token. */
export async function gatewayCaller(
  gateway: string,
  sub: string,
  organisation: string,
  role: 'system' | 'practitioner',
): Promise<Caller> {
  const response = await fetch(`${gateway}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, org: organisation, role, expiresInSeconds: TOKEN_SECONDS }),
  });
  if (!response.ok) throw new Error(`the dev token was refused: ${response.status}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return new Caller(gateway, organisation, token);
}

/** The report ids in a caller's organisation's unacknowledged-results queue (first 100, most urgent first). */
export async function queuedReportIds(practitioner: Caller): Promise<string[]> {
  const page = (await practitioner.get('/diagnostics/unacknowledged?limit=100')) as {
    items?: { reportId: string }[];
  };
  return (page.items ?? []).map((item) => item.reportId);
}

/**
 * Polls a queue back to back until it holds `reportId`; resolves with the ms since `since` and how
 * many reads it took (1 when the report was there at the first look).
 */
export async function untilQueued(
  practitioner: Caller,
  reportId: string,
  since: number,
  timeoutMs: number,
): Promise<{ ms: number; reads: number }> {
  for (let reads = 1; ; reads++) {
    if ((await queuedReportIds(practitioner)).includes(reportId))
      return { ms: performance.now() - since, reads };
    if (performance.now() - since > timeoutMs)
      throw new Error(`a report did not show in a queue within ${timeoutMs} ms`);
  }
}

/** Sends a letter straight to the correspondence service (`POST /letters`); resolves with it. */
export async function storeLetter(
  correspondence: Caller,
  body: unknown,
  idempotencyKey: string,
): Promise<LetterV1> {
  return (await correspondence.postExpecting('/letters', body, [201, 200], { idempotencyKey })) as LetterV1;
}

/** CPU seconds a process has used so far (user + system), from `/proc/<pid>/stat` (Linux). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const clockTicksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/**
 * Waits until the process has used less than `quietShare` of a core for two seconds running (its
 * background work — the relay, consumers, views — caught up), at most `maxSeconds`; resolves with
 * the seconds waited, and whether it went quiet.
 */
export async function untilQuiet(
  pid: number,
  maxSeconds: number,
  quietShare = 0.1,
): Promise<{ seconds: number; quiet: boolean }> {
  const started = performance.now();
  let quietWindows = 0;
  let before = cpuSecondsOf(pid);
  while (performance.now() - started < maxSeconds * 1000) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
    const now = cpuSecondsOf(pid);
    quietWindows = now - before < quietShare ? quietWindows + 1 : 0;
    before = now;
    if (quietWindows >= 2) return { seconds: (performance.now() - started) / 1000, quiet: true };
  }
  return { seconds: (performance.now() - started) / 1000, quiet: false };
}
