import { at, podSpecOf, type Loose, asList } from './manifest-rules';
import type { K8sObject } from './render-manifests';

/** The Job that secures `admin` and gives each service its EventStoreDB user (k8s/jobs/bootstrap). */
export const EVENTSTOREDB_BOOTSTRAP_JOB = 'ilinks-bootstrap-eventstoredb';

/** The variable the bootstrap script reads a service's password from: `CONSENT_PASSWORD` for consent. */
export const passwordVariableOf = (service: string): string =>
  `${service.replace(/-/g, '_').toUpperCase()}_PASSWORD`;

const secretRefOf = (env: readonly Loose[], name: string): unknown =>
  at(
    env.find((variable) => variable['name'] === name),
    'valueFrom',
    'secretKeyRef',
  );
const isRef = (ref: unknown, secret: string, key: string): boolean =>
  at(ref, 'name') === secret && at(ref, 'key') === key;

/** The Deployments that connect to EventStoreDB with a `<name>-eventstoredb` Secret. */
export function eventStoreUsersOf(objects: readonly K8sObject[]): string[] {
  return objects
    .filter((o) => o.kind === 'Deployment')
    .filter((o) =>
      asList(at(podSpecOf(o), 'containers')).some((c) =>
        isRef(
          secretRefOf(asList(c['env']), 'EVENTSTORE_CONNECTION_STRING'),
          `${o.metadata.name}-eventstoredb`,
          'connection-string',
        ),
      ),
    )
    .map((o) => o.metadata.name);
}

/**
 * Every EventStoreDB user a service connects as is made by the bootstrap Job: it reads each
 * service's `password` and the admin's from Secrets, trusts the `eventstoredb-tls` CA, and its pod
 * is admitted by EventStoreDB's NetworkPolicy on 2113.
 */
export function eventStoreUsersAreBootstrapped(objects: readonly K8sObject[]): string[] {
  const job = objects.find((o) => o.kind === 'Job' && o.metadata.name === EVENTSTOREDB_BOOTSTRAP_JOB);
  const here = `Job/${EVENTSTOREDB_BOOTSTRAP_JOB}`;
  if (!job) return [`${here}: missing`];
  const pod = podSpecOf(job);
  const env = asList(at(pod, 'containers', 0, 'env'));
  const problems: string[] = [];
  if (!isRef(secretRefOf(env, 'ADMIN_PASSWORD'), 'eventstoredb-admin', 'password'))
    problems.push(`${here}: ADMIN_PASSWORD must come from the Secret eventstoredb-admin, key password`);
  for (const service of eventStoreUsersOf(objects))
    if (!isRef(secretRefOf(env, passwordVariableOf(service)), `${service}-eventstoredb`, 'password'))
      problems.push(
        `${here}: ${passwordVariableOf(service)} must come from the Secret ${service}-eventstoredb, key password`,
      );
  if (!asList(at(pod, 'volumes')).some((volume) => at(volume, 'secret', 'secretName') === 'eventstoredb-tls'))
    problems.push(`${here}: needs the eventstoredb-tls CA mounted`);
  const labels = (at(job, 'spec', 'template', 'metadata', 'labels') ?? {}) as Loose;
  const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'eventstoredb');
  const admitted = asList(at(policy, 'spec', 'ingress')).some(
    (rule) =>
      asList(rule['ports']).some((port) => port['port'] === 2113) &&
      asList(rule['from']).some((peer) => {
        const wanted = Object.entries((at(peer, 'podSelector', 'matchLabels') ?? {}) as Loose);
        return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
      }),
  );
  if (!admitted) problems.push(`${here}: its pods are not admitted by NetworkPolicy/eventstoredb on 2113`);
  return problems;
}
