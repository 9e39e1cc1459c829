import {
  ConfigError,
  describeSettings,
  type Environment,
  loadConfigs,
  type KafkaConfig,
  type MongoConfig,
  type ConfigClass,
  type EventStoreDbConfig,
  type RuntimeMode,
} from '@ilinks/platform/config';
import { adapterSettingsProblems, type AdaptersConfig, chooseAdapters } from '@ilinks/platform/runtime';
import { type IlinksApp, kafkaUseOf } from './ilinks-apps';
import type { K8sObject } from './render-manifests';

/** One broken rule: what and where, for a test failure message. */
export type Violation = string;

/** A YAML object read loosely: rules check the fields they need. */
export type Loose = Record<string, unknown>;
interface Container extends Loose {
  readonly name: string;
  readonly image?: string;
}

/** The value as an object, `{}` when it is not one. */
export const asObject = (value: unknown): Loose =>
  value && typeof value === 'object' ? (value as Loose) : {};
/** The value as a list, `[]` when it is not one. */
export const asList = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
/** The value as text, `''` when it is not a string. */
export const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
/** Reads a nested field, `undefined` when any step is missing. */
export const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>(
    (current, key) => (current && typeof current === 'object' ? (current as Loose)[key] : undefined),
    value,
  );

/** Whether a YAML list holds the string. */
const has = (list: unknown, value: string): boolean => Array.isArray(list) && list.includes(value);

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const where = (object: K8sObject): string => `${object.kind}/${object.metadata.name}`;

/** The pod template of a workload (a CronJob's through its job template). */
export function podSpecOf(object: K8sObject): Loose | undefined {
  if (!WORKLOAD_KINDS.has(object.kind)) return undefined;
  const spec =
    object.kind === 'CronJob'
      ? at(object, 'spec', 'jobTemplate', 'spec', 'template', 'spec')
      : at(object, 'spec', 'template', 'spec');
  return spec === undefined ? undefined : asObject(spec);
}

function containersOf(pod: Loose): Container[] {
  return [...asList(pod['initContainers']), ...asList(pod['containers'])] as Container[];
}

const find = (objects: readonly K8sObject[], kind: string, name: string): K8sObject | undefined =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

/** Every workload's containers use an image pinned by tag or digest, never `latest`. */
export function imagesArePinned(objects: readonly K8sObject[]): Violation[] {
  return objects.flatMap((object) => {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return containersOf(pod).flatMap((container) => {
      const image = container.image ?? '';
      const digest = image.includes('@sha256:');
      const tag = /:([^/:@]+)$/.exec(image.split('@')[0])?.[1];
      if (digest || (tag && tag !== 'latest')) return [];
      return [
        `${where(object)} ${container.name}: image "${image}" is not pinned (tag or digest, never latest)`,
      ];
    });
  });
}

/** runAsNonRoot, no privilege escalation, no capabilities, read-only root, seccomp RuntimeDefault. */
export function containersAreHardened(objects: readonly K8sObject[]): Violation[] {
  return objects.flatMap((object) => {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const podContext = asObject(pod['securityContext']);
    return containersOf(pod).flatMap((container) => {
      const context = asObject(container['securityContext']);
      const problems: string[] = [];
      if (context['runAsNonRoot'] !== true && podContext['runAsNonRoot'] !== true)
        problems.push('runAsNonRoot');
      if (context['allowPrivilegeEscalation'] !== false) problems.push('allowPrivilegeEscalation: false');
      if (context['privileged'] === true) problems.push('not privileged');
      if (!has(at(context, 'capabilities', 'drop'), 'ALL')) problems.push('capabilities drop ALL');
      if (context['readOnlyRootFilesystem'] !== true) problems.push('readOnlyRootFilesystem');
      const seccomp = at(context, 'seccompProfile', 'type') ?? at(podContext, 'seccompProfile', 'type');
      if (seccomp !== 'RuntimeDefault') problems.push('seccompProfile RuntimeDefault');
      return problems.map((problem) => `${where(object)} ${container.name}: needs ${problem}`);
    });
  });
}

/** Every container requests and limits CPU and memory. */
export function containersHaveResources(objects: readonly K8sObject[]): Violation[] {
  return objects.flatMap((object) => {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return containersOf(pod).flatMap((container) =>
      ['requests', 'limits'].flatMap((bound) =>
        ['cpu', 'memory']
          .filter((resource) => at(container, 'resources', bound, resource) === undefined)
          .map((resource) => `${where(object)} ${container.name}: no ${bound}.${resource}`),
      ),
    );
  });
}

function appContainer(
  objects: readonly K8sObject[],
  app: string,
): { deployment?: K8sObject; pod?: Loose; container?: Container } {
  const deployment = find(objects, 'Deployment', app);
  const pod = deployment ? podSpecOf(deployment) : undefined;
  const container = pod
    ? (asList(pod['containers']).find((c) => c['name'] === app) as Container | undefined)
    : undefined;
  return { deployment, pod, container };
}

/** Each app: startup and liveness on /health/live, readiness on /health/ready, on its HTTP port; /tmp writable; spread. */
export function appsAreProbedAndSpread(
  objects: readonly K8sObject[],
  apps: readonly IlinksApp[],
): Violation[] {
  return apps.flatMap(({ name }) => {
    const { pod, container } = appContainer(objects, name);
    if (!pod || !container) return [`Deployment/${name}: missing, or its container is not named ${name}`];
    const problems: string[] = [];
    const httpPort = asList(container['ports']).find((port) => port['name'] === 'http')?.['containerPort'];
    if (httpPort === undefined) problems.push('a container port named http');
    const expected: [string, string][] = [
      ['startupProbe', '/health/live'],
      ['livenessProbe', '/health/live'],
      ['readinessProbe', '/health/ready'],
    ];
    for (const [probe, path] of expected) {
      const get = at(container, probe, 'httpGet');
      if (at(get, 'path') !== path || !['http', httpPort].includes(at(get, 'port') as string | number))
        problems.push(`${probe} on GET ${path} at the http port`);
    }
    const tmp = asList(container['volumeMounts']).find((mount) => mount['mountPath'] === '/tmp');
    const volume = asList(pod['volumes']).find((v) => v['name'] === tmp?.['name']);
    if (!volume || volume['emptyDir'] === undefined) problems.push('/tmp mounted from an emptyDir');
    if (asList(pod['topologySpreadConstraints']).length === 0) problems.push('topologySpreadConstraints');
    if (pod['serviceAccountName'] !== name) problems.push(`serviceAccountName ${name}`);
    if (pod['automountServiceAccountToken'] !== false) problems.push('automountServiceAccountToken: false');
    return problems.map((problem) => `Deployment/${name}: needs ${problem}`);
  });
}

const selects = (selector: unknown, labels: Loose): boolean => {
  const wanted = Object.entries(asObject(at(selector, 'matchLabels')));
  return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
};

/** Each app has its Service, ConfigMap, ServiceAccount, PodDisruptionBudget, HorizontalPodAutoscaler and NetworkPolicy. */
export function appsHaveTheirObjects(objects: readonly K8sObject[], apps: readonly IlinksApp[]): Violation[] {
  return apps.flatMap(({ name }) => {
    const { deployment } = appContainer(objects, name);
    const labels = asObject(at(deployment, 'spec', 'template', 'metadata', 'labels'));
    const problems: string[] = [];
    for (const kind of ['Service', 'ConfigMap', 'ServiceAccount'])
      if (!find(objects, kind, name)) problems.push(`a ${kind}`);
    const pdb = find(objects, 'PodDisruptionBudget', name);
    if (!pdb || !selects(at(pdb, 'spec', 'selector'), labels))
      problems.push('a PodDisruptionBudget selecting its pods');
    const hpa = find(objects, 'HorizontalPodAutoscaler', name);
    if (
      at(hpa, 'spec', 'scaleTargetRef', 'kind') !== 'Deployment' ||
      at(hpa, 'spec', 'scaleTargetRef', 'name') !== name
    )
      problems.push('a HorizontalPodAutoscaler on its Deployment');
    const policies = objects.filter(
      (o) =>
        o.kind === 'NetworkPolicy' &&
        o.metadata.name === name &&
        selects(at(o, 'spec', 'podSelector'), labels),
    );
    if (policies.length === 0) problems.push('a NetworkPolicy named after it selecting its pods');
    const service = find(objects, 'Service', name);
    if (service && !selects({ matchLabels: at(service, 'spec', 'selector') }, labels))
      problems.push('a Service selecting its pods');
    return problems.map((problem) => `${name}: needs ${problem}`);
  });
}

/** Deployments and their autoscalers keep at least `min` replicas. */
export function appsKeepReplicas(
  objects: readonly K8sObject[],
  apps: readonly IlinksApp[],
  min: number,
): Violation[] {
  return apps.flatMap(({ name }) => {
    const replicas = at(find(objects, 'Deployment', name), 'spec', 'replicas');
    const minReplicas = at(find(objects, 'HorizontalPodAutoscaler', name), 'spec', 'minReplicas');
    const problems: string[] = [];
    if (typeof replicas !== 'number' || replicas < min)
      problems.push(`Deployment/${name}: replicas ${String(replicas)} < ${min}`);
    if (typeof minReplicas !== 'number' || minReplicas < min)
      problems.push(`HorizontalPodAutoscaler/${name}: minReplicas ${String(minReplicas)} < ${min}`);
    return problems;
  });
}

const peersOf = (rules: unknown, direction: 'from' | 'to'): Loose[] =>
  asList(rules).flatMap((rule) => asList(rule[direction]));
const peerIsApp = (peer: Loose, app: string): boolean =>
  at(peer, 'podSelector', 'matchLabels', 'app.kubernetes.io/name') === app;

/**
 * ARCHITECTURE §2: app pods deny by default; only the gateway calls the services; no service
 * calls another; the gateway reaches every service.
 */
export function networkPoliciesFollowArchitecture(
  objects: readonly K8sObject[],
  apps: readonly IlinksApp[],
): Violation[] {
  const problems: string[] = [];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const denyAll = policies.some(
    (p) =>
      at(p, 'spec', 'podSelector', 'matchLabels', 'ilinks/role') === 'service' &&
      at(p, 'spec', 'ingress') === undefined &&
      at(p, 'spec', 'egress') === undefined &&
      ['Ingress', 'Egress'].every((type) => has(at(p, 'spec', 'policyTypes'), type)),
  );
  if (!denyAll)
    problems.push(
      'NetworkPolicy: no default deny (ingress and egress) for pods labelled ilinks/role=service',
    );
  const names = apps.map((app) => app.name);
  for (const name of names) {
    const policy = find(objects, 'NetworkPolicy', name);
    if (!policy) continue;
    const ingress = peersOf(at(policy, 'spec', 'ingress'), 'from');
    const egress = peersOf(at(policy, 'spec', 'egress'), 'to');
    if (name !== 'gateway' && !ingress.every((peer) => peerIsApp(peer, 'gateway')))
      problems.push(`NetworkPolicy/${name}: accepts traffic from something other than the gateway`);
    for (const other of names.filter((n) => n !== name)) {
      if (name !== 'gateway' && egress.some((peer) => peerIsApp(peer, other)))
        problems.push(
          `NetworkPolicy/${name}: may call ${other} (services talk through Kafka, not to each other)`,
        );
      if (name === 'gateway' && !egress.some((peer) => peerIsApp(peer, other)))
        problems.push(`NetworkPolicy/gateway: cannot reach ${other}`);
    }
  }
  return problems;
}

/** Secrets are referenced by name, never committed; secret settings come only from Secrets. */
export function secretsAreReferenced(objects: readonly K8sObject[], apps: readonly IlinksApp[]): Violation[] {
  const secretSettings = new Set(
    describeSettings(...apps.flatMap((app) => Object.values(app.settings)))
      .filter((setting) => setting.secret)
      .map((setting) => setting.env),
  );
  const problems = objects
    .filter((o) => o.kind === 'Secret')
    .map((o) => `${where(o)}: a Secret is committed`);
  for (const object of objects.filter((o) => o.kind === 'ConfigMap'))
    for (const key of Object.keys(asObject(object['data'])))
      if (secretSettings.has(key)) problems.push(`${where(object)}: holds the secret ${key}`);
  for (const object of objects) {
    const pod = podSpecOf(object);
    if (!pod) continue;
    for (const container of containersOf(pod))
      for (const variable of asList(container['env']))
        if (
          secretSettings.has(String(variable['name'])) &&
          at(variable, 'valueFrom', 'secretKeyRef', 'name') === undefined
        )
          problems.push(
            `${where(object)} ${container.name}: ${String(variable['name'])} must come from a secretKeyRef`,
          );
  }
  return problems;
}

/** Values that pass validation, standing in for what the referenced Secrets hold. */
const SECRET_STAND_INS: Readonly<Record<string, string>> = {
  KAFKA_SASL_PASSWORD: 'stand-in',
  MONGODB_URL: 'mongodb://user:stand-in@mongodb-0.mongodb-headless:27017/?replicaSet=rs0&authSource=admin',
  EVENTSTORE_CONNECTION_STRING: 'esdb+discover://user:stand-in@eventstoredb-headless:2113?tls=true',
};

/** The environment a container would see: its ConfigMaps, literal env, and stand-ins for Secrets. */
export function environmentOfContainer(objects: readonly K8sObject[], container: unknown): Environment {
  const env: Record<string, string> = {};
  for (const source of asList(at(container, 'envFrom'))) {
    const configMap = at(source, 'configMapRef', 'name');
    if (typeof configMap === 'string')
      Object.assign(env, asObject(find(objects, 'ConfigMap', configMap)?.['data']));
  }
  for (const variable of asList(at(container, 'env'))) {
    const name = String(variable['name']);
    if (typeof variable['value'] === 'string') env[name] = variable['value'];
    else if (at(variable, 'valueFrom', 'secretKeyRef') !== undefined)
      env[name] = SECRET_STAND_INS[name] ?? 'stand-in';
  }
  return env;
}

/** The environment an app's container would see. */
export function environmentOf(objects: readonly K8sObject[], app: string): Environment {
  return environmentOfContainer(objects, appContainer(objects, app).container);
}

/** What `loadConfigs` refuses in the environment, as violations; rethrows anything but a ConfigError. */
function configProblems(where: string, load: () => void): Violation[] {
  try {
    load();
    return [];
  } catch (error: unknown) {
    if (error instanceof ConfigError)
      return error.problems.map((problem) => `${where}: ${problem.env} ${problem.problem}`);
    throw error;
  }
}

/** Each app would start: every setting it requires is set and valid, in distributed mode, with its adapters' settings. */
export function configIsComplete(objects: readonly K8sObject[], apps: readonly IlinksApp[]): Violation[] {
  return apps.flatMap((app) => {
    const env = environmentOf(objects, app.name);
    if (env['ILINKS_MODE'] !== 'distributed') return [`${app.name}: ILINKS_MODE must be distributed`];
    try {
      const settings = loadConfigs(app.settings, env) as Record<string, unknown>;
      if (!app.definition) return [];
      const choice = chooseAdapters(
        env['ILINKS_MODE'] as RuntimeMode,
        settings['adapters'] as AdaptersConfig,
      );
      return adapterSettingsProblems(choice, {
        kafka: settings['kafka'] as KafkaConfig,
        mongo: settings['mongo'] as MongoConfig,
        eventStoreDb: settings['eventStoreDb'] as EventStoreDbConfig,
      }).map((problem) => `${app.name}: ${problem.env} ${problem.problem}`);
    } catch (error: unknown) {
      if (error instanceof ConfigError)
        return error.problems.map((problem) => `${app.name}: ${problem.env} ${problem.problem}`);
      throw error;
    }
  });
}

/** Every topic in code and its `.dlq` twin is a KafkaTopic with the replication, min ISR and retention given. */
export function topicsAreDeclared(
  objects: readonly K8sObject[],
  topics: readonly string[],
  expected: { readonly replicas: number; readonly minInSyncReplicas: number },
): Violation[] {
  const declared = objects.filter((o) => o.kind === 'KafkaTopic');
  return topics
    .flatMap((topic) => [topic, `${topic}.dlq`])
    .flatMap((topic) => {
      const object = declared.find((o) => (at(o, 'spec', 'topicName') ?? o.metadata.name) === topic);
      if (!object) return [`KafkaTopic ${topic}: missing`];
      const problems: string[] = [];
      const partitions = at(object, 'spec', 'partitions');
      if (typeof partitions !== 'number' || partitions < 1) problems.push('partitions');
      if (at(object, 'spec', 'replicas') !== expected.replicas)
        problems.push(`replicas ${expected.replicas}`);
      if (Number(at(object, 'spec', 'config', 'min.insync.replicas')) !== expected.minInSyncReplicas)
        problems.push(`min.insync.replicas ${expected.minInSyncReplicas}`);
      if (at(object, 'spec', 'config', 'retention.ms') === undefined) problems.push('retention.ms');
      if (at(object, 'metadata', 'labels', 'strimzi.io/cluster') === undefined)
        problems.push('a strimzi.io/cluster label');
      return problems.map((problem) => `KafkaTopic ${topic}: needs ${problem}`);
    });
}

interface Acl {
  readonly type: string;
  readonly name: string;
  readonly operations: readonly string[];
}

/** The ACLs an app needs: write its topics, read what it consumes, dead-letter it, use its group. */
export function requiredAcls(app: IlinksApp): Acl[] {
  const use = kafkaUseOf(app);
  if (!use) return [];
  const consumed = use.consumes?.topics ?? [];
  return [
    // Describe on a `.dlq` twin too: at start `ensureTopics` lists each topic with its twin and
    // waits for their leaders; a twin it cannot see it would try to create (and no user may Create).
    ...use.publishes.flatMap((topic) => [
      { type: 'topic', name: topic, operations: ['Write', 'Describe'] },
      { type: 'topic', name: `${topic}.dlq`, operations: ['Describe'] },
    ]),
    ...consumed.flatMap((topic) => [
      { type: 'topic', name: topic, operations: ['Read', 'Describe'] },
      { type: 'topic', name: `${topic}.dlq`, operations: ['Write', 'Describe'] },
    ]),
    ...(consumed.length > 0 ? [{ type: 'group', name: use.name, operations: ['Read', 'Describe'] }] : []),
  ];
}

/** Each app that uses Kafka (the services, and the gateway for audit records) has a SCRAM KafkaUser granting what it needs and nothing else. */
export function kafkaUsersAreLeastPrivilege(
  objects: readonly K8sObject[],
  apps: readonly IlinksApp[],
): Violation[] {
  return apps
    .filter((app) => kafkaUseOf(app))
    .flatMap((app) => {
      const user = find(objects, 'KafkaUser', app.name);
      if (!user) return [`KafkaUser ${app.name}: missing`];
      const problems: string[] = [];
      if (at(user, 'spec', 'authentication', 'type') !== 'scram-sha-512')
        problems.push(`KafkaUser ${app.name}: needs scram-sha-512`);
      const granted: Acl[] = asList(at(user, 'spec', 'authorization', 'acls')).map((acl) => ({
        type: String(at(acl, 'resource', 'type')),
        name: String(at(acl, 'resource', 'name')),
        operations: Array.isArray(acl['operations']) ? acl['operations'].map(String) : [],
      }));
      const wanted = requiredAcls(app);
      for (const need of wanted)
        for (const operation of need.operations)
          if (
            !granted.some(
              (acl) => acl.type === need.type && acl.name === need.name && acl.operations.includes(operation),
            )
          )
            problems.push(`KafkaUser ${app.name}: lacks ${operation} on ${need.type} ${need.name}`);
      for (const acl of granted)
        for (const operation of acl.operations)
          if (
            !wanted.some(
              (need) =>
                need.type === acl.type && need.name === acl.name && need.operations.includes(operation),
            )
          )
            problems.push(
              `KafkaUser ${app.name}: grants more than it needs: ${operation} on ${acl.type} ${acl.name}`,
            );
      const usernameSetting = environmentOf(objects, app.name)['KAFKA_SASL_USERNAME'];
      if (usernameSetting !== app.name)
        problems.push(`Deployment/${app.name}: KAFKA_SASL_USERNAME must be its KafkaUser ${app.name}`);
      return problems;
    });
}

const KAFKA_LISTENER_PORT = 9093;

/**
 * Each app that uses Kafka can reach the brokers: its pods carry the label the brokers' listener
 * admits (`ilinks/kafka-client`, Kafka's `networkPolicyPeers`) and its NetworkPolicy lets it out to
 * the broker pods on the TLS listener's port.
 */
export function kafkaClientsReachTheBrokers(
  objects: readonly K8sObject[],
  apps: readonly IlinksApp[],
): Violation[] {
  const admitted = asList(
    at(
      objects.find((o) => o.kind === 'Kafka'),
      'spec',
      'kafka',
      'listeners',
    ),
  ).flatMap((listener) => peersOf([{ from: listener['networkPolicyPeers'] }], 'from'));
  return apps
    .filter((app) => kafkaUseOf(app))
    .flatMap((app) => {
      const problems: string[] = [];
      const labels = asObject(
        at(find(objects, 'Deployment', app.name), 'spec', 'template', 'metadata', 'labels'),
      );
      if (!admitted.some((peer) => selects(at(peer, 'podSelector'), labels)))
        problems.push(
          `Deployment/${app.name}: its pods are not admitted by the Kafka listener (ilinks/kafka-client)`,
        );
      const egress = asList(at(find(objects, 'NetworkPolicy', app.name), 'spec', 'egress'));
      const toBrokers = egress.some(
        (rule) =>
          asList(rule['to']).some(
            (peer) => at(peer, 'podSelector', 'matchLabels', 'strimzi.io/kind') === 'Kafka',
          ) && asList(rule['ports']).some((port) => port['port'] === KAFKA_LISTENER_PORT),
      );
      if (!toBrokers)
        problems.push(
          `NetworkPolicy/${app.name}: no egress to the Kafka brokers on port ${KAFKA_LISTENER_PORT}`,
        );
      return problems;
    });
}

/** The audit chain's nightly verification (`k8s/jobs/audit-verify`). */
export const AUDIT_VERIFY_CRONJOB = 'audit-verify-chain';

/**
 * The audit trail's hash chain is verified on a schedule: the CronJob runs, never two at once, keeps
 * its failed runs to read, runs the audit service's image with `verify-chain`, and its environment
 * satisfies the settings that command loads (`settings`, the audit service's host settings).
 */
export function auditChainIsVerified(
  objects: readonly K8sObject[],
  settings: Record<string, ConfigClass>,
): Violation[] {
  const cronJob = find(objects, 'CronJob', AUDIT_VERIFY_CRONJOB);
  const here = `CronJob/${AUDIT_VERIFY_CRONJOB}`;
  if (!cronJob) return [`${here}: missing`];
  const problems: string[] = [];
  if (at(cronJob, 'spec', 'suspend') === true) problems.push(`${here}: is suspended`);
  if (typeof at(cronJob, 'spec', 'schedule') !== 'string') problems.push(`${here}: needs a schedule`);
  if (at(cronJob, 'spec', 'concurrencyPolicy') !== 'Forbid')
    problems.push(`${here}: needs concurrencyPolicy Forbid`);
  for (const limit of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])
    if (typeof at(cronJob, 'spec', limit) !== 'number') problems.push(`${here}: needs ${limit}`);
  const container = asList(at(podSpecOf(cronJob), 'containers'))[0];
  const auditImage = appContainer(objects, 'audit').container?.image;
  if (!container || container['image'] !== auditImage)
    problems.push(`${here}: must run the audit service's image (${String(auditImage)})`);
  if (JSON.stringify(at(container, 'args')) !== JSON.stringify(['verify-chain']))
    problems.push(`${here}: must run verify-chain`);
  const env = environmentOfContainer(objects, container);
  return [...problems, ...configProblems(here, () => loadConfigs(settings, env))];
}

/** Kafka in KRaft node pools, EventStoreDB with persistent volumes and TLS, a MongoDB replica set, a collector. */
export function backingServicesAreDeclared(objects: readonly K8sObject[], members: number): Violation[] {
  const problems: string[] = [];
  const kafka = objects.find((o) => o.kind === 'Kafka');
  // Strimzi >= 0.48 ignores the old `strimzi.io/kraft` and `strimzi.io/node-pools` annotations: a
  // node pool of the cluster with the controller role is what makes it KRaft.
  const pools = objects.filter(
    (o) =>
      o.kind === 'KafkaNodePool' &&
      kafka !== undefined &&
      at(o, 'metadata', 'labels', 'strimzi.io/cluster') === kafka.metadata.name,
  );
  if (!pools.some((pool) => has(at(pool, 'spec', 'roles'), 'controller')))
    problems.push('Kafka: needs KRaft, a KafkaNodePool of the cluster with the controller role');
  const pool = pools[0];
  const roles = at(pool, 'spec', 'roles');
  if (!pool || at(pool, 'spec', 'replicas') !== members || !has(roles, 'broker') || !has(roles, 'controller'))
    problems.push(`KafkaNodePool: needs ${members} controller+broker nodes`);
  for (const name of ['eventstoredb', 'mongodb']) {
    const set = find(objects, 'StatefulSet', name);
    if (at(set, 'spec', 'replicas') !== members)
      problems.push(`StatefulSet/${name}: needs ${members} replicas`);
    if (asList(at(set, 'spec', 'volumeClaimTemplates')).length === 0)
      problems.push(`StatefulSet/${name}: needs persistent volumes`);
  }
  const esdb = find(objects, 'StatefulSet', 'eventstoredb');
  const esdbEnv = esdb ? asList(at(podSpecOf(esdb), 'containers', 0, 'env')) : [];
  if (
    !esdbEnv.some((v) => v['name'] === 'EVENTSTORE_CERTIFICATE_FILE') ||
    esdbEnv.some((v) => v['name'] === 'EVENTSTORE_INSECURE')
  )
    problems.push('StatefulSet/eventstoredb: needs TLS (a certificate, never EVENTSTORE_INSECURE)');
  if (!objects.some((o) => o.kind === 'Certificate' && at(o, 'spec', 'secretName') === 'eventstoredb-tls'))
    problems.push('Certificate eventstoredb-tls: missing');
  if (!find(objects, 'Deployment', 'otel-collector')) problems.push('Deployment/otel-collector: missing');
  return problems;
}
