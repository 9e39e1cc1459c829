import { hostSettings } from '@ilinks/platform/runtime';
import { gatewayAppSettings } from '@ilinks/gateway/feature';
import { ILINKS_APPS, topicsInCode } from './ilinks-apps';
import {
  auditChainIsVerified,
  appsAreProbedAndSpread,
  appsHaveTheirObjects,
  appsKeepReplicas,
  at,
  backingServicesAreDeclared,
  configIsComplete,
  containersAreHardened,
  containersHaveResources,
  imagesArePinned,
  kafkaClientsReachTheBrokers,
  kafkaUsersAreLeastPrivilege,
  networkPoliciesFollowArchitecture,
  podSpecOf,
  secretsAreReferenced,
  topicsAreDeclared,
} from './manifest-rules';
import { type K8sObject, renderKustomization } from './render-manifests';

const overlays = {
  prod: { objects: renderKustomization('k8s/overlays/prod'), replicas: 2, brokers: 3, minIsr: 2 },
  dev: { objects: renderKustomization('k8s/overlays/dev'), replicas: 1, brokers: 1, minIsr: 1 },
};
const onDemandJobs = renderKustomization('k8s/jobs/rebuild-projections');
const prod = overlays.prod.objects;

/** A deep copy of the prod render with one object changed in memory. */
function broken(kind: string, name: string, change: (object: Record<string, unknown>) => void): K8sObject[] {
  const copy = structuredClone(prod) as K8sObject[];
  const object = copy.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} is not rendered`);
  change(object as unknown as Record<string, unknown>);
  return copy;
}
const container = (object: Record<string, unknown>, index = 0): Record<string, unknown> =>
  at(podSpecOf(object as unknown as K8sObject), 'containers', index) as Record<string, unknown>;
const without = (name: string) => (objects: K8sObject[]) =>
  objects.filter((o) => o.metadata.name !== name || o.kind !== 'NetworkPolicy');

describe.each(Object.entries(overlays))('k8s/overlays/%s', (_, overlay) => {
  const { objects } = overlay;
  it('renders the services, backing services, bootstrap job and audit verification', () => {
    const workloads = objects.filter((o) => podSpecOf(o)).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(workloads).toEqual(
      expect.arrayContaining([
        ...ILINKS_APPS.map((app) => `Deployment/${app.name}`),
        'StatefulSet/eventstoredb',
        'StatefulSet/mongodb',
        'Deployment/otel-collector',
        'Job/ilinks-bootstrap',
        'Job/ilinks-bootstrap-eventstoredb',
        'CronJob/audit-verify-chain',
      ]),
    );
  });
  it('pins every image', () => expect(imagesArePinned(objects)).toEqual([]));
  it('hardens every container', () => expect(containersAreHardened(objects)).toEqual([]));
  it('bounds every container', () => expect(containersHaveResources(objects)).toEqual([]));
  it('probes every app on its health endpoints and spreads it', () =>
    expect(appsAreProbedAndSpread(objects, ILINKS_APPS)).toEqual([]));
  it('gives every app its Service, ConfigMap, ServiceAccount, PDB, HPA and NetworkPolicy', () =>
    expect(appsHaveTheirObjects(objects, ILINKS_APPS)).toEqual([]));
  it(`keeps at least ${overlay.replicas} replica(s) of every app`, () =>
    expect(appsKeepReplicas(objects, ILINKS_APPS, overlay.replicas)).toEqual([]));
  it('allows only the flows of ARCHITECTURE §2', () =>
    expect(networkPoliciesFollowArchitecture(objects, ILINKS_APPS)).toEqual([]));
  it('references secrets and commits none', () =>
    expect(secretsAreReferenced(objects, ILINKS_APPS)).toEqual([]));
  it('sets every setting each app requires', () =>
    expect(configIsComplete(objects, ILINKS_APPS)).toEqual([]));
  it('declares every topic in code and its dead-letter twin', () =>
    expect(
      topicsAreDeclared(objects, topicsInCode(), {
        replicas: overlay.brokers,
        minInSyncReplicas: overlay.minIsr,
      }),
    ).toEqual([]));
  it('gives each service and the gateway a least-privilege KafkaUser', () =>
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual([]));
  it('lets every Kafka client reach the brokers', () =>
    expect(kafkaClientsReachTheBrokers(objects, ILINKS_APPS)).toEqual([]));
  it('verifies the audit chain nightly with the audit service and its settings', () =>
    expect(auditChainIsVerified(objects, hostSettings)).toEqual([]));
  it('declares Kafka (KRaft), EventStoreDB (TLS, volumes), MongoDB and the collector', () =>
    expect(backingServicesAreDeclared(objects, overlay.brokers)).toEqual([]));
});

describe('on-demand jobs (k8s/jobs)', () => {
  it('pin, harden and bound their containers too', () => {
    expect([
      ...imagesArePinned(onDemandJobs),
      ...containersAreHardened(onDemandJobs),
      ...containersHaveResources(onDemandJobs),
    ]).toEqual([]);
  });
});

describe('the topics in code', () => {
  it('are found through the contracts libs', () => {
    expect(topicsInCode()).toEqual(
      expect.arrayContaining([
        'ilinks.identity.v1',
        'ilinks.consent.v1',
        'ilinks.record.v1',
        'ilinks.audit.records.v1',
      ]),
    );
  });
});

describe("the gateway's settings", () => {
  it('are exactly what apps/gateway/src/main.ts loads: no event store or MongoDB settings', () => {
    const [gateway] = ILINKS_APPS;
    expect(gateway.settings).toBe(gatewayAppSettings);
    expect(Object.keys(gateway.settings)).not.toEqual(expect.arrayContaining(['mongo']));
    expect(Object.keys(gateway.settings)).not.toEqual(expect.arrayContaining(['eventStoreDb']));
  });
});

describe('each rule fails on a broken manifest', () => {
  it('an image tagged latest', () => {
    const objects = broken(
      'Deployment',
      'consent',
      (o) => (container(o)['image'] = 'ghcr.io/ilinks/consent:latest'),
    );
    expect(imagesArePinned(objects)).toEqual([expect.stringContaining('Deployment/consent consent: image')]);
  });
  it('an image without a tag', () => {
    const objects = broken('StatefulSet', 'mongodb', (o) => (container(o)['image'] = 'mongo'));
    expect(imagesArePinned(objects)).toEqual([expect.stringContaining('StatefulSet/mongodb mongodb')]);
  });
  it('a container that may escalate privileges', () => {
    const objects = broken(
      'Deployment',
      'gateway',
      (o) =>
        ((container(o)['securityContext'] as Record<string, unknown>)['allowPrivilegeEscalation'] = true),
    );
    expect(containersAreHardened(objects)).toEqual([
      'Deployment/gateway gateway: needs allowPrivilegeEscalation: false',
    ]);
  });
  it('a writable root filesystem', () => {
    const objects = broken(
      'StatefulSet',
      'eventstoredb',
      (o) => ((container(o)['securityContext'] as Record<string, unknown>)['readOnlyRootFilesystem'] = false),
    );
    expect(containersAreHardened(objects)).toEqual([
      'StatefulSet/eventstoredb eventstoredb: needs readOnlyRootFilesystem',
    ]);
  });
  it('capabilities kept', () => {
    const objects = broken(
      'Deployment',
      'audit',
      (o) =>
        ((container(o)['securityContext'] as Record<string, unknown>)['capabilities'] = {
          drop: ['NET_RAW'],
        }),
    );
    expect(containersAreHardened(objects)).toEqual(['Deployment/audit audit: needs capabilities drop ALL']);
  });
  it('root allowed and no seccomp profile', () => {
    const objects = broken('Job', 'ilinks-bootstrap', (o) => {
      const pod = podSpecOf(o as unknown as K8sObject) as Record<string, unknown>;
      pod['securityContext'] = {};
      container(o)['securityContext'] = {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      };
    });
    expect(containersAreHardened(objects)).toEqual([
      'Job/ilinks-bootstrap mongodb: needs runAsNonRoot',
      'Job/ilinks-bootstrap mongodb: needs seccompProfile RuntimeDefault',
    ]);
  });
  it('a container without a memory limit', () => {
    const objects = broken(
      'Deployment',
      'diagnostics',
      (o) => delete (at(container(o), 'resources', 'limits') as Record<string, unknown>)['memory'],
    );
    expect(containersHaveResources(objects)).toEqual([
      'Deployment/diagnostics diagnostics: no limits.memory',
    ]);
  });
  it('a readiness probe on the wrong endpoint', () => {
    const objects = broken(
      'Deployment',
      'identity-matching',
      (o) => ((at(container(o), 'readinessProbe', 'httpGet') as Record<string, unknown>)['path'] = '/'),
    );
    expect(appsAreProbedAndSpread(objects, ILINKS_APPS)).toEqual([
      'Deployment/identity-matching: needs readinessProbe on GET /health/ready at the http port',
    ]);
  });
  it('no startup probe', () => {
    const objects = broken('Deployment', 'consent', (o) => delete container(o)['startupProbe']);
    expect(appsAreProbedAndSpread(objects, ILINKS_APPS)).toEqual([
      'Deployment/consent: needs startupProbe on GET /health/live at the http port',
    ]);
  });
  it('no topology spread', () => {
    const objects = broken(
      'Deployment',
      'correspondence',
      (o) =>
        delete (podSpecOf(o as unknown as K8sObject) as Record<string, unknown>)['topologySpreadConstraints'],
    );
    expect(appsAreProbedAndSpread(objects, ILINKS_APPS)).toEqual([
      'Deployment/correspondence: needs topologySpreadConstraints',
    ]);
  });
  it('a missing PodDisruptionBudget', () => {
    const objects = prod.filter(
      (o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'record-projection'),
    );
    expect(appsHaveTheirObjects(objects, ILINKS_APPS)).toEqual([
      'record-projection: needs a PodDisruptionBudget selecting its pods',
    ]);
  });
  it('a missing NetworkPolicy', () => {
    expect(appsHaveTheirObjects(without('audit')(prod), ILINKS_APPS)).toEqual([
      'audit: needs a NetworkPolicy named after it selecting its pods',
    ]);
  });
  it('a single replica in production', () => {
    const objects = broken(
      'HorizontalPodAutoscaler',
      'gateway',
      (o) => ((o['spec'] as Record<string, unknown>)['minReplicas'] = 1),
    );
    expect(appsKeepReplicas(objects, ILINKS_APPS, 2)).toEqual([
      'HorizontalPodAutoscaler/gateway: minReplicas 1 < 2',
    ]);
  });
  it('a service that may call another service', () => {
    const objects = broken('NetworkPolicy', 'consent', (o) =>
      (at(o, 'spec', 'egress') as unknown[]).push({
        to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'identity-matching' } } }],
      }),
    );
    expect(networkPoliciesFollowArchitecture(objects, ILINKS_APPS)).toEqual([
      'NetworkPolicy/consent: may call identity-matching (services talk through Kafka, not to each other)',
    ]);
  });
  it('a service open to more than the gateway', () => {
    const objects = broken('NetworkPolicy', 'diagnostics', (o) =>
      (at(o, 'spec', 'ingress') as unknown[]).push({ from: [{ namespaceSelector: {} }] }),
    );
    expect(networkPoliciesFollowArchitecture(objects, ILINKS_APPS)).toEqual([
      'NetworkPolicy/diagnostics: accepts traffic from something other than the gateway',
    ]);
  });
  it('no default deny', () => {
    const objects = prod.filter((o) => o.metadata.name !== 'default-deny-services');
    expect(networkPoliciesFollowArchitecture(objects, ILINKS_APPS)).toEqual([
      'NetworkPolicy: no default deny (ingress and egress) for pods labelled ilinks/role=service',
    ]);
  });
  it('a committed Secret and a password in a ConfigMap', () => {
    const objects = broken(
      'ConfigMap',
      'consent',
      (o) => ((o['data'] as Record<string, unknown>)['KAFKA_SASL_PASSWORD'] = 'hunter2'),
    );
    objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leaked' } });
    expect(secretsAreReferenced(objects, ILINKS_APPS)).toEqual([
      'Secret/leaked: a Secret is committed',
      'ConfigMap/consent: holds the secret KAFKA_SASL_PASSWORD',
    ]);
  });
  it('a secret setting given as a literal', () => {
    const objects = broken('Deployment', 'audit', (o) => {
      const env = container(o)['env'] as Record<string, unknown>[];
      env[env.findIndex((v) => v['name'] === 'MONGODB_URL')] = {
        name: 'MONGODB_URL',
        value: 'mongodb://x/y',
      };
    });
    expect(secretsAreReferenced(objects, ILINKS_APPS)).toEqual([
      'Deployment/audit audit: MONGODB_URL must come from a secretKeyRef',
    ]);
  });
  it('a required setting missing', () => {
    const objects = broken(
      'ConfigMap',
      'record-projection',
      (o) => delete (o['data'] as Record<string, unknown>)['MONGODB_DB'],
    );
    expect(configIsComplete(objects, ILINKS_APPS)).toEqual([
      'record-projection: MONGODB_DB is required but not set',
    ]);
  });
  it('the gateway without its token issuer', () => {
    const base = renderKustomization('k8s/base');
    expect(
      configIsComplete(
        base,
        ILINKS_APPS.filter((app) => app.name === 'gateway'),
      ),
    ).toEqual([
      'gateway: ILINKS_AUTH_JWKS_URL is required but not set',
      'gateway: ILINKS_AUTH_ISSUER is required but not set',
      'gateway: ILINKS_AUTH_AUDIENCE is required but not set',
    ]);
  });
  it('an invalid setting', () => {
    const objects = broken(
      'ConfigMap',
      'identity-matching',
      (o) => ((o['data'] as Record<string, unknown>)['ILINKS_IDENTITY_LINK_THRESHOLD'] = '2'),
    );
    expect(configIsComplete(objects, ILINKS_APPS)).toEqual([
      expect.stringContaining('identity-matching: ILINKS_IDENTITY_LINK_THRESHOLD'),
    ]);
  });
  it('a topic in code without its KafkaTopic', () => {
    const objects = prod.filter(
      (o) => !(o.kind === 'KafkaTopic' && o.metadata.name === 'ilinks.consent.v1.dlq'),
    );
    expect(topicsAreDeclared(objects, topicsInCode(), { replicas: 3, minInSyncReplicas: 2 })).toEqual([
      'KafkaTopic ilinks.consent.v1.dlq: missing',
    ]);
  });
  it('a topic with too few replicas and no min ISR', () => {
    const objects = broken('KafkaTopic', 'ilinks.record.v1', (o) => {
      const spec = o['spec'] as Record<string, unknown>;
      spec['replicas'] = 1;
      delete (spec['config'] as Record<string, unknown>)['min.insync.replicas'];
    });
    expect(topicsAreDeclared(objects, topicsInCode(), { replicas: 3, minInSyncReplicas: 2 })).toEqual([
      'KafkaTopic ilinks.record.v1: needs replicas 3',
      'KafkaTopic ilinks.record.v1: needs min.insync.replicas 2',
    ]);
  });
  it('a KafkaUser that may read a topic it does not consume', () => {
    const objects = broken('KafkaUser', 'consent', (o) =>
      (at(o, 'spec', 'authorization', 'acls') as unknown[]).push({
        resource: { type: 'topic', name: 'ilinks.diagnostics.v1' },
        operations: ['Read'],
      }),
    );
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual([
      'KafkaUser consent: grants more than it needs: Read on topic ilinks.diagnostics.v1',
    ]);
  });
  it('a gateway that may read the audit records and create topics', () => {
    const objects = broken('KafkaUser', 'gateway', (o) => {
      const acls = at(o, 'spec', 'authorization', 'acls') as Record<string, unknown>[];
      (acls[0]['operations'] as string[]).push('Read');
      acls.push({ resource: { type: 'cluster' }, operations: ['Create'] });
    });
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual([
      'KafkaUser gateway: grants more than it needs: Read on topic ilinks.audit.records.v1',
      'KafkaUser gateway: grants more than it needs: Create on cluster undefined',
    ]);
  });
  it('a gateway that cannot see the audit dead-letter topic', () => {
    const objects = broken('KafkaUser', 'gateway', (o) => {
      const authorization = at(o, 'spec', 'authorization') as Record<string, unknown>;
      authorization['acls'] = (authorization['acls'] as Record<string, unknown>[]).filter(
        (acl) => at(acl, 'resource', 'name') !== 'ilinks.audit.records.v1.dlq',
      );
    });
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual([
      'KafkaUser gateway: lacks Describe on topic ilinks.audit.records.v1.dlq',
    ]);
  });
  it('a gateway without its KafkaUser name as KAFKA_SASL_USERNAME', () => {
    const objects = broken(
      'ConfigMap',
      'gateway',
      (o) => ((o['data'] as Record<string, unknown>)['KAFKA_SASL_USERNAME'] = 'audit'),
    );
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual([
      'Deployment/gateway: KAFKA_SASL_USERNAME must be its KafkaUser gateway',
    ]);
  });
  it('a missing gateway KafkaUser', () => {
    const objects = prod.filter((o) => !(o.kind === 'KafkaUser' && o.metadata.name === 'gateway'));
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual(['KafkaUser gateway: missing']);
  });
  it('a gateway the brokers do not admit and that may not reach them', () => {
    const objects = broken(
      'Deployment',
      'gateway',
      (o) =>
        delete (at(o, 'spec', 'template', 'metadata', 'labels') as Record<string, unknown>)[
          'ilinks/kafka-client'
        ],
    );
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'gateway');
    const spec = policy?.['spec'] as Record<string, unknown>;
    spec['egress'] = (spec['egress'] as Record<string, unknown>[]).filter(
      (rule) => at(rule, 'to', 0, 'podSelector', 'matchLabels', 'strimzi.io/kind') !== 'Kafka',
    );
    expect(kafkaClientsReachTheBrokers(objects, ILINKS_APPS)).toEqual([
      'Deployment/gateway: its pods are not admitted by the Kafka listener (ilinks/kafka-client)',
      'NetworkPolicy/gateway: no egress to the Kafka brokers on port 9093',
    ]);
  });
  it('a gateway that cannot reach the audit service', () => {
    const objects = broken('NetworkPolicy', 'gateway', (o) => {
      const spec = o['spec'] as Record<string, unknown>;
      spec['egress'] = (spec['egress'] as Record<string, unknown>[]).filter(
        (rule) => at(rule, 'to', 0, 'podSelector', 'matchLabels', 'app.kubernetes.io/name') !== 'audit',
      );
    });
    expect(networkPoliciesFollowArchitecture(objects, ILINKS_APPS)).toEqual([
      'NetworkPolicy/gateway: cannot reach audit',
    ]);
  });
  it('an audit verification left suspended, on the wrong image, without its secrets', () => {
    const objects = broken('CronJob', 'audit-verify-chain', (o) => {
      (o['spec'] as Record<string, unknown>)['suspend'] = true;
      container(o)['image'] = 'ghcr.io/ilinks/platform:0.1.0';
      container(o)['env'] = [];
    });
    expect(auditChainIsVerified(objects, hostSettings)).toEqual([
      'CronJob/audit-verify-chain: is suspended',
      "CronJob/audit-verify-chain: must run the audit service's image (ghcr.io/ilinks/audit:0.1.0)",
      'CronJob/audit-verify-chain: KAFKA_SASL_PASSWORD is required but not set',
      'CronJob/audit-verify-chain: MONGODB_URL is required but not set',
      'CronJob/audit-verify-chain: EVENTSTORE_CONNECTION_STRING is required but not set',
    ]);
  });
  it('an audit verification that may run twice at once', () => {
    const objects = broken(
      'CronJob',
      'audit-verify-chain',
      (o) => ((o['spec'] as Record<string, unknown>)['concurrencyPolicy'] = 'Allow'),
    );
    expect(auditChainIsVerified(objects, hostSettings)).toEqual([
      'CronJob/audit-verify-chain: needs concurrencyPolicy Forbid',
    ]);
  });
  it('a KafkaUser that cannot use its consumer group', () => {
    const objects = broken('KafkaUser', 'record-projection', (o) => {
      const authorization = at(o, 'spec', 'authorization') as Record<string, unknown>;
      authorization['acls'] = (authorization['acls'] as Record<string, unknown>[]).filter(
        (acl) => at(acl, 'resource', 'type') !== 'group',
      );
    });
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual([
      'KafkaUser record-projection: lacks Read on group record-projection',
      'KafkaUser record-projection: lacks Describe on group record-projection',
    ]);
  });
  it('a missing KafkaUser', () => {
    const objects = prod.filter((o) => !(o.kind === 'KafkaUser' && o.metadata.name === 'diagnostics'));
    expect(kafkaUsersAreLeastPrivilege(objects, ILINKS_APPS)).toEqual(['KafkaUser diagnostics: missing']);
  });
  it('Kafka whose node pool has no controller role (not KRaft)', () => {
    const objects = broken(
      'KafkaNodePool',
      'combined',
      (o) => ((o['spec'] as Record<string, unknown>)['roles'] = ['broker']),
    );
    expect(backingServicesAreDeclared(objects, 3)).toEqual([
      'Kafka: needs KRaft, a KafkaNodePool of the cluster with the controller role',
      'KafkaNodePool: needs 3 controller+broker nodes',
    ]);
  });
  it('Kafka whose controller pool belongs to another cluster', () => {
    const objects = broken(
      'KafkaNodePool',
      'combined',
      (o) => ((at(o, 'metadata', 'labels') as Record<string, unknown>)['strimzi.io/cluster'] = 'other'),
    );
    expect(backingServicesAreDeclared(objects, 3)).toEqual([
      'Kafka: needs KRaft, a KafkaNodePool of the cluster with the controller role',
      'KafkaNodePool: needs 3 controller+broker nodes',
    ]);
  });
  it('EventStoreDB without TLS and a single MongoDB member', () => {
    const objects = broken('StatefulSet', 'eventstoredb', (o) =>
      (container(o)['env'] as unknown[]).push({ name: 'EVENTSTORE_INSECURE', value: 'true' }),
    );
    const mongodb = objects.find(
      (o) => o.kind === 'StatefulSet' && o.metadata.name === 'mongodb',
    ) as unknown as Record<string, Record<string, unknown>>;
    mongodb['spec']['replicas'] = 1;
    expect(backingServicesAreDeclared(objects, 3)).toEqual([
      'StatefulSet/mongodb: needs 3 replicas',
      'StatefulSet/eventstoredb: needs TLS (a certificate, never EVENTSTORE_INSECURE)',
    ]);
  });
});
