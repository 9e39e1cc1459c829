import type { IlinksApp } from './ilinks-apps';
import { at, podSpecOf, type Loose, asList, asObject } from './manifest-rules';
import type { K8sObject } from './render-manifests';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The Job that runs a service's `main.js prepare` (k8s/jobs/prepare): `prepare-consent` for consent. */
export const prepareJobOf = (service: string): string => `prepare-${service}`;

const find = (objects: readonly K8sObject[], kind: string, name: string): K8sObject | undefined =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

const podLabelsOf = (object: K8sObject | undefined): Loose =>
  asObject(at(object, 'spec', 'template', 'metadata', 'labels'));

/** The volumes a container mounts, by name, as its pod defines them. */
const mountedVolumes = (pod: Loose | undefined, container: Loose | undefined): unknown[] =>
  asList(at(container, 'volumeMounts')).map((mount) =>
    asList(at(pod, 'volumes')).find((volume) => volume['name'] === mount['name']),
  );

/**
 * Every service (every app with a definition) has its prepare Job: it runs the service's image
 * with `prepare`, with exactly the settings, secrets and mounted files of the service's container,
 * as the service's ServiceAccount; its pods carry every client label the service's pods carry (so
 * Kafka, EventStoreDB and MongoDB admit them) but not the service's name (its Service, PDB and HPA
 * must not count them); it retries a bounded number of times and is removed after it finishes, so
 * the next deploy can create it again.
 */
export function servicesArePrepared(objects: readonly K8sObject[], apps: readonly IlinksApp[]): string[] {
  return apps
    .filter((app) => app.definition)
    .flatMap(({ name }) => {
      const here = `Job/${prepareJobOf(name)}`;
      const job = find(objects, 'Job', prepareJobOf(name));
      if (!job) return [`${here}: missing`];
      const deployment = find(objects, 'Deployment', name);
      const servicePod = deployment ? podSpecOf(deployment) : undefined;
      const service = asList(at(servicePod, 'containers')).find((c) => c['name'] === name);
      const pod = podSpecOf(job);
      const [container] = asList(at(pod, 'containers'));
      const problems: string[] = [];
      if (typeof at(job, 'spec', 'backoffLimit') !== 'number') problems.push('needs a backoffLimit');
      if (typeof at(job, 'spec', 'ttlSecondsAfterFinished') !== 'number')
        problems.push('needs ttlSecondsAfterFinished');
      if (!container || container['image'] !== service?.['image'])
        problems.push(`must run the service's image (${String(service?.['image'])})`);
      if (!same(at(container, 'args'), ['prepare'])) problems.push('must run prepare');
      for (const field of ['envFrom', 'env', 'volumeMounts'])
        if (!same(at(container, field), at(service, field))) problems.push(`needs the service's ${field}`);
      if (!same(mountedVolumes(pod, container), mountedVolumes(servicePod, service)))
        problems.push("needs the service's volumes");
      if (at(pod, 'serviceAccountName') !== name) problems.push(`needs serviceAccountName ${name}`);
      const labels = podLabelsOf(job);
      for (const [label, value] of Object.entries(podLabelsOf(deployment)))
        if (label.endsWith('-client') && labels[label] !== value) problems.push(`needs the label ${label}`);
      if (labels['app.kubernetes.io/name'] === name)
        problems.push(`must not carry the service's app.kubernetes.io/name`);
      return problems.map((problem) => `${here}: ${problem}`);
    });
}
