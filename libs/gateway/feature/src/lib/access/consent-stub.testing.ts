import type {
  BreakGlassGrantV1,
  BreakGlassRequestV1,
  CareRelationshipV1,
  PersonAccessPolicyV1,
  StartRelationshipRequestV1,
} from '@ilinks/consent/contracts';
import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const FOUR_HOURS_MS = 4 * 60 * 60 * 1000;

/** One request the stub received. */
export interface ReceivedByStub {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/**
 * A stand-in consent service over real HTTP (for specs): answers access policies from a table it
 * keeps, grants break-glass for four hours (adding the grant to the person's policy), records
 * relationships, and remembers every request. A person not in the table is unknown (404).
 */
export class ConsentStub {
  readonly received: ReceivedByStub[] = [];
  readonly policies = new Map<string, PersonAccessPolicyV1>();
  /** When set, every request is answered with this status (an OperationOutcome body). */
  failWith?: number;
  private server?: Server;

  constructor(private readonly clock: Clock = systemClock) {}

  private grants = 0;

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const body: unknown = text ? JSON.parse(text) : undefined;
        this.received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body,
        });
        const [status, answer] = this.answer(request.method ?? '', request.url ?? '', body);
        response.statusCode = status;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  reset(): void {
    this.received.length = 0;
    this.policies.clear();
    this.failWith = undefined;
    this.grants = 0;
  }

  private answer(method: string, url: string, body: unknown): [number, unknown] {
    if (this.failWith !== undefined)
      return [this.failWith, outcome('processing', 'the stub was told to fail')];
    const [, persons, personId, what] = url.split('/');
    const policy =
      persons === 'persons' && personId ? this.policies.get(decodeURIComponent(personId)) : undefined;
    if (!policy) return [404, outcome('not-found', 'no such person')];
    if (method === 'GET' && what === 'access-policy') return [200, policy];
    if (method === 'POST' && what === 'break-glass') {
      const request = body as BreakGlassRequestV1;
      const now = this.clock.now();
      const grant: BreakGlassGrantV1 = {
        grantId: `grant-${++this.grants}`,
        personId: policy.personId,
        ...request,
        grantedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + FOUR_HOURS_MS).toISOString(),
      };
      const { personId: _personId, ...asInPolicy } = grant;
      this.policies.set(policy.personId, { ...policy, breakGlass: [...policy.breakGlass, asInPolicy] });
      return [201, grant];
    }
    if (method === 'POST' && what === 'relationships') {
      const request = body as StartRelationshipRequestV1;
      const relationship: CareRelationshipV1 = {
        relationshipId: 'rel-1',
        personId: policy.personId,
        since: '2026-03-01T10:00:00.000Z',
        ...request,
      };
      return [201, relationship];
    }
    return [404, outcome('not-found', 'no such route')];
  }
}

/** An access policy with nothing in it, changed by `changes` (for specs). */
export function policyV1(
  personId: string,
  changes: Partial<PersonAccessPolicyV1> = {},
): PersonAccessPolicyV1 {
  return {
    personId,
    personIds: [personId],
    relationships: [],
    objections: [],
    sharedCategories: [],
    breakGlass: [],
    delegations: [],
    ...changes,
  };
}

function outcome(code: string, diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}
