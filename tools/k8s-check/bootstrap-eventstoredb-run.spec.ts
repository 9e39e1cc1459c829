import { passwordVariableOf } from './eventstoredb-bootstrap-rules';
import { ILINKS_SERVICES } from './ilinks-apps';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './render-manifests';

// Runs k8s/jobs/bootstrap/bootstrap-eventstoredb.sh with dash and curl, as its Job does, against a
// stand-in for EventStoreDB's user HTTP API (plain HTTP here; the Job speaks TLS to the real one).

const SCRIPT = join(REPO_ROOT, 'k8s', 'jobs', 'bootstrap', 'bootstrap-eventstoredb.sh');
const SERVICES = ILINKS_SERVICES;
const CA_FILE = join(tmpdir(), 'ilinks-spec-ca.crt');
writeFileSync(CA_FILE, 'not used over plain HTTP\n');

interface User {
  password: string;
  groups: string[];
  disabled: boolean;
}

/** EventStoreDB's user endpoints, as far as the script uses them, with the two built-in users. */
class UserApiStandIn {
  readonly users = new Map<string, User>([
    ['admin', { password: 'changeit', groups: ['$admins'], disabled: false }],
    ['ops', { password: 'changeit', groups: ['$ops'], disabled: false }],
  ]);
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(({ status, body }) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {})),
      );
    });
    await new Promise<void>((listening) => this.server?.listen(0, '127.0.0.1', () => listening()));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((closed) => this.server?.close(() => closed()));
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const caller = this.authenticated(request.headers.authorization);
    if (caller === undefined) return { status: 401 };
    const body = await jsonBody(request);
    const path = decodeURIComponent(request.url ?? '');
    const [, , login, , command] = path.split('/');
    if (request.method === 'GET' && login === '$current') return { status: 200, body: { loginName: caller } };
    const isAdmin = this.users.get(caller)?.groups.includes('$admins') === true;
    if (request.method === 'GET') return this.users.has(login) ? { status: 200 } : { status: 404 };
    if (request.method === 'POST' && path === '/users/' && isAdmin) {
      this.users.set(String(body['loginName']), {
        password: String(body['password']),
        groups: body['groups'] as string[],
        disabled: false,
      });
      return { status: 201 };
    }
    const user = this.users.get(login);
    if (user === undefined) return { status: 404 };
    if (command === 'change-password' && caller === login && body['currentPassword'] === user.password) {
      user.password = String(body['newPassword']);
      return { status: 200 };
    }
    if (!isAdmin) return { status: 401 };
    if (command === 'reset-password') user.password = String(body['newPassword']);
    else if (command === 'disable') user.disabled = true;
    else if (request.method === 'PUT') user.groups = body['groups'] as string[];
    else return { status: 400 };
    return { status: 200 };
  }

  private authenticated(header: string | undefined): string | undefined {
    if (!header?.startsWith('Basic ')) return undefined;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const split = decoded.indexOf(':');
    const login = decoded.slice(0, split);
    const user = this.users.get(login);
    return user && !user.disabled && user.password === decoded.slice(split + 1) ? login : undefined;
  }
}

function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((done) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => done(text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)));
  });
}

function passwords(suffix: string): Record<string, string> {
  return Object.fromEntries(SERVICES.map((service) => [passwordVariableOf(service), `${service}-${suffix}`]));
}

function runScript(url: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      'dash',
      [SCRIPT],
      {
        env: {
          PATH: process.env.PATH ?? '',
          ESDB_URL: url,
          CA_FILE,
          ATTEMPTS: '2',
          PAUSE_SECONDS: '0',
          ...env,
        },
      },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('bootstrap-eventstoredb.sh against a stand-in for EventStoreDB', () => {
  let eventStore: UserApiStandIn;
  let url: string;

  beforeEach(async () => {
    eventStore = new UserApiStandIn();
    url = await eventStore.start();
  });
  afterEach(() => eventStore.stop());

  it('on a new EventStoreDB: secures admin, creates every service user in $admins, disables ops', async () => {
    const run = await runScript(url, { ADMIN_PASSWORD: 'admin-1', ...passwords('1') });
    expect(run).toMatchObject({ code: 0 });
    expect(eventStore.users.get('admin')?.password).toBe('admin-1');
    for (const service of SERVICES)
      expect(eventStore.users.get(service)).toEqual({
        password: `${service}-1`,
        groups: ['$admins'],
        disabled: false,
      });
    expect(eventStore.users.get('ops')?.disabled).toBe(true);
    expect(run.output).toContain('EventStoreDB users ready');
  });

  it('prints no password', async () => {
    const run = await runScript(url, { ADMIN_PASSWORD: 'admin-secret-1', ...passwords('secret-1') });
    expect(run.output).not.toMatch(/secret-1|changeit/);
  });

  it('re-run after a rotation: the new passwords apply, nothing else changes', async () => {
    await runScript(url, { ADMIN_PASSWORD: 'admin-1', ...passwords('1') });
    const run = await runScript(url, { ADMIN_PASSWORD: 'admin-1', ...passwords('2') });
    expect(run).toMatchObject({ code: 0 });
    expect(SERVICES.map((service) => eventStore.users.get(service)?.password)).toEqual(
      SERVICES.map((service) => `${service}-2`),
    );
    expect(eventStore.users.get('admin')?.password).toBe('admin-1');
  });

  it('leaves ops alone once an operator has given it a password of their own', async () => {
    const ops = eventStore.users.get('ops');
    if (ops) ops.password = 'operators-own';
    const run = await runScript(url, { ADMIN_PASSWORD: 'admin-1', ...passwords('1') });
    expect(run).toMatchObject({ code: 0 });
    expect(eventStore.users.get('ops')).toMatchObject({ disabled: false, password: 'operators-own' });
  });

  it('passes passwords with quotes, backslashes and colons through unchanged', async () => {
    const awkward = 'a"b\\c:d e$f';
    const run = await runScript(url, {
      ...passwords('1'),
      ADMIN_PASSWORD: awkward,
      CONSENT_PASSWORD: awkward,
    });
    expect(run).toMatchObject({ code: 0 });
    expect(eventStore.users.get('admin')?.password).toBe(awkward);
    expect(eventStore.users.get('consent')?.password).toBe(awkward);
  });

  it('changes nothing when a password is missing, and names it', async () => {
    const { CONSENT_PASSWORD: _missing, ...others } = passwords('1');
    const run = await runScript(url, { ADMIN_PASSWORD: 'admin-1', ...others });
    expect(run.code).toBe(1);
    expect(run.output).toContain('CONSENT_PASSWORD is not set');
    expect(eventStore.users.get('admin')?.password).toBe('changeit');
    expect(eventStore.users.has('identity-matching')).toBe(false);
  });

  it("gives up when admin's password was changed by hand and the Secret no longer holds it", async () => {
    const admin = eventStore.users.get('admin');
    if (admin) admin.password = 'changed-by-hand';
    const run = await runScript(url, { ADMIN_PASSWORD: 'admin-1', ...passwords('1') });
    expect(run.code).toBe(1);
    expect(run.output).toContain('admin: gave up after 2 attempts');
    expect(eventStore.users.has('consent')).toBe(false);
  });
});
