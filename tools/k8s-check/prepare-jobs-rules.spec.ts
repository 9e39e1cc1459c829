import { ILINKS_APPS, ILINKS_SERVICES } from './ilinks-apps';
import { at, podSpecOf, type Loose } from './manifest-rules';
import { prepareJobOf, servicesArePrepared } from './prepare-jobs-rules';
import { type K8sObject, renderKustomization } from './render-manifests';

const overlays = {
  prod: renderKustomization('k8s/overlays/prod'),
  dev: renderKustomization('k8s/overlays/dev'),
};
const SERVICES = ILINKS_SERVICES;

/** A copy of the prod render with one service's prepare Job changed. */
function withJob(
  service: string,
  change: (job: Loose, pod: Loose, container: Loose, labels: Loose) => void,
): K8sObject[] {
  const copy = structuredClone(overlays.prod) as K8sObject[];
  const job = copy.find((o) => o.kind === 'Job' && o.metadata.name === prepareJobOf(service));
  if (!job) throw new Error(`Job/${prepareJobOf(service)} is not rendered`);
  const pod = podSpecOf(job) as Loose;
  change(
    job as unknown as Loose,
    pod,
    at(pod, 'containers', 0) as Loose,
    at(job, 'spec', 'template', 'metadata', 'labels') as Loose,
  );
  return copy;
}

describe.each(Object.entries(overlays))('the prepare Jobs in k8s/overlays/%s', (_, objects) => {
  it('exist for every service', () => {
    const jobs = objects.filter((o) => o.kind === 'Job').map((o) => o.metadata.name);
    expect(jobs).toEqual(expect.arrayContaining(SERVICES.map(prepareJobOf)));
  });

  it("run prepare with each service's image, settings and network access", () =>
    expect(servicesArePrepared(objects, ILINKS_APPS)).toEqual([]));
});

describe('servicesArePrepared fails on', () => {
  it('a service without its Job', () => {
    const objects = overlays.prod.filter((o) => o.metadata.name !== prepareJobOf('diagnostics'));
    expect(servicesArePrepared(objects, ILINKS_APPS)).toEqual(['Job/prepare-diagnostics: missing']);
  });

  it('a Job that runs another image, or serves instead of preparing', () => {
    const objects = withJob('consent', (_job, _pod, container) => {
      container['image'] = 'ghcr.io/ilinks/audit:0.1.0';
      container['args'] = ['serve'];
    });
    expect(servicesArePrepared(objects, ILINKS_APPS)).toEqual([
      "Job/prepare-consent: must run the service's image (ghcr.io/ilinks/consent:0.1.0)",
      'Job/prepare-consent: must run prepare',
    ]);
  });

  it("a Job whose settings, secrets or CA files differ from the service's", () => {
    const objects = withJob('audit', (_job, pod, container) => {
      (container['env'] as Loose[]).pop();
      container['envFrom'] = [{ configMapRef: { name: 'consent' } }];
      (at(pod, 'volumes', 1, 'secret') as Loose)['secretName'] = 'another-ca';
    });
    expect(servicesArePrepared(objects, ILINKS_APPS)).toEqual([
      "Job/prepare-audit: needs the service's envFrom",
      "Job/prepare-audit: needs the service's env",
      "Job/prepare-audit: needs the service's volumes",
    ]);
  });

  it('a Job the next deploy could not create again, or that retries for ever', () => {
    const objects = withJob('correspondence', (job) => {
      const spec = job['spec'] as Loose;
      delete spec['ttlSecondsAfterFinished'];
      delete spec['backoffLimit'];
    });
    expect(servicesArePrepared(objects, ILINKS_APPS)).toEqual([
      'Job/prepare-correspondence: needs a backoffLimit',
      'Job/prepare-correspondence: needs ttlSecondsAfterFinished',
    ]);
  });

  it("a Job the backing services would not admit, or that the service's Service would select", () => {
    const objects = withJob('identity-matching', (_job, pod, _container, labels) => {
      delete labels['ilinks/kafka-client'];
      labels['app.kubernetes.io/name'] = 'identity-matching';
      pod['serviceAccountName'] = 'default';
    });
    expect(servicesArePrepared(objects, ILINKS_APPS)).toEqual([
      'Job/prepare-identity-matching: needs serviceAccountName identity-matching',
      'Job/prepare-identity-matching: needs the label ilinks/kafka-client',
      "Job/prepare-identity-matching: must not carry the service's app.kubernetes.io/name",
    ]);
  });
});
