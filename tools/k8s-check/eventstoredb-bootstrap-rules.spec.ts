import { ILINKS_SERVICES } from './ilinks-apps';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EVENTSTOREDB_BOOTSTRAP_JOB,
  eventStoreUsersAreBootstrapped,
  eventStoreUsersOf,
  passwordVariableOf,
} from './eventstoredb-bootstrap-rules';
import { at, podSpecOf } from './manifest-rules';
import { type K8sObject, REPO_ROOT, renderKustomization } from './render-manifests';

const SCRIPT = join(REPO_ROOT, 'k8s', 'jobs', 'bootstrap', 'bootstrap-eventstoredb.sh');
const script = readFileSync(SCRIPT, 'utf8');
const code = script.split('\n').filter((line) => !/^\s*#/.test(line));
const overlays = {
  prod: renderKustomization('k8s/overlays/prod'),
  dev: renderKustomization('k8s/overlays/dev'),
};
const prod = overlays.prod;
const SERVICES = ILINKS_SERVICES;

/** A copy of the prod render with the bootstrap Job's pod changed. */
function withJob(
  change: (pod: Record<string, unknown>, labels: Record<string, unknown>) => void,
): K8sObject[] {
  const copy = structuredClone(prod) as K8sObject[];
  const job = copy.find((o) => o.kind === 'Job' && o.metadata.name === EVENTSTOREDB_BOOTSTRAP_JOB);
  if (!job) throw new Error(`Job/${EVENTSTOREDB_BOOTSTRAP_JOB} is not rendered`);
  change(
    podSpecOf(job) as Record<string, unknown>,
    at(job, 'spec', 'template', 'metadata', 'labels') as Record<string, unknown>,
  );
  return copy;
}
const envOf = (pod: Record<string, unknown>): Record<string, unknown>[] =>
  at(pod, 'containers', 0, 'env') as Record<string, unknown>[];

describe.each(Object.entries(overlays))('k8s/overlays/%s', (_, objects) => {
  it('bootstraps every EventStoreDB user a service connects as', () =>
    expect(eventStoreUsersAreBootstrapped(objects)).toEqual([]));
  it('finds the six services that use EventStoreDB', () =>
    expect(eventStoreUsersOf(objects).sort()).toEqual([...SERVICES].sort()));
});

describe('bootstrap-eventstoredb.sh', () => {
  it.each(['dash', 'bash'])('parses with %s -n', (shell) => {
    expect(() => execFileSync(shell, ['-n', SCRIPT], { stdio: 'pipe' })).not.toThrow();
  });
  it('never traces its commands (set -x would print the passwords)', () => {
    expect(code.filter((line) => /set\s+(-\w*x|-o\s+xtrace)|\bsh\s+-x/.test(line))).toEqual([]);
  });
  it('never echoes a password variable', () => {
    expect(code.filter((line) => /\becho\b/.test(line) && /\$\{?\w*(password|value)\w*/i.test(line))).toEqual(
      [],
    );
  });
  it('never passes credentials to curl as arguments', () => {
    expect(code.filter((line) => /\bcurl\b.*(\s-u\s|--user\b)/.test(line))).toEqual([]);
  });
  it('gives each of the six services its user', () => {
    expect(/^SERVICES='([^']*)'/m.exec(script)?.[1].split(' ')).toEqual(SERVICES);
  });
  it('reads the variables the Job sets', () => {
    expect(passwordVariableOf('record-projection')).toBe('RECORD_PROJECTION_PASSWORD');
    expect(script).toContain("tr 'a-z-' 'A-Z_'");
  });
});

describe('eventStoreUsersAreBootstrapped fails on a broken manifest', () => {
  const here = `Job/${EVENTSTOREDB_BOOTSTRAP_JOB}`;
  it('no Job', () =>
    expect(eventStoreUsersAreBootstrapped(prod.filter((o) => o.kind !== 'Job'))).toEqual([
      `${here}: missing`,
    ]));
  it("a service's password from another Secret", () =>
    expect(
      eventStoreUsersAreBootstrapped(
        withJob((pod) => {
          const variable = envOf(pod).find((v) => v['name'] === 'AUDIT_PASSWORD');
          (at(variable, 'valueFrom', 'secretKeyRef') as Record<string, unknown>)['name'] = 'audit-mongodb';
        }),
      ),
    ).toEqual([`${here}: AUDIT_PASSWORD must come from the Secret audit-eventstoredb, key password`]));
  it("the admin's password as a literal", () =>
    expect(
      eventStoreUsersAreBootstrapped(
        withJob((pod) => {
          const env = envOf(pod);
          env[env.findIndex((v) => v['name'] === 'ADMIN_PASSWORD')] = { name: 'ADMIN_PASSWORD', value: 'x' };
        }),
      ),
    ).toEqual([`${here}: ADMIN_PASSWORD must come from the Secret eventstoredb-admin, key password`]));
  it('no CA', () =>
    expect(
      eventStoreUsersAreBootstrapped(
        withJob(
          (pod) =>
            (pod['volumes'] = (pod['volumes'] as unknown[]).filter((v) => at(v, 'secret') === undefined)),
        ),
      ),
    ).toEqual([`${here}: needs the eventstoredb-tls CA mounted`]));
  it('not admitted by EventStoreDB', () =>
    expect(
      eventStoreUsersAreBootstrapped(withJob((_, labels) => delete labels['ilinks/eventstoredb-client'])),
    ).toEqual([`${here}: its pods are not admitted by NetworkPolicy/eventstoredb on 2113`]));
});
