import { KIND_SCHEMAS, SKIPPED_KINDS } from './kind-schemas';
import { at, podSpecOf } from './manifest-rules';
import { type K8sObject, renderKustomization } from './render-manifests';
import { fieldPathOf, kindsWithoutSchema, schemaErrors } from './schema-validation';
import { strictFieldErrors } from './strict-fields';

// The same renders as manifest-rules.spec.ts: both overlays and the on-demand job.
const renders = {
  'k8s/overlays/prod': renderKustomization('k8s/overlays/prod'),
  'k8s/overlays/dev': renderKustomization('k8s/overlays/dev'),
  'k8s/jobs/rebuild-projections': renderKustomization('k8s/jobs/rebuild-projections'),
};
const prod = renders['k8s/overlays/prod'];
// One compiler program for every rendered object keeps the spec fast.
const strictErrorsOfAllRenders = strictFieldErrors(Object.values(renders).flat());

/** A deep copy of one rendered prod object, changed in memory. */
function broken(kind: string, name: string, change: (object: Record<string, unknown>) => void): K8sObject[] {
  const object = prod.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} is not rendered`);
  const copy = structuredClone(object) as unknown as Record<string, unknown>;
  change(copy);
  return [copy as unknown as K8sObject];
}
const record = (value: unknown): Record<string, unknown> => value as Record<string, unknown>;
const firstContainer = (object: Record<string, unknown>): Record<string, unknown> =>
  record(at(podSpecOf(object as unknown as K8sObject), 'containers', 0));

describe.each(Object.entries(renders))('%s against the Kubernetes API schemas', (_, objects) => {
  it('renders only kinds with a schema', () => expect(kindsWithoutSchema(objects)).toEqual([]));
  it('passes the models’ validators (types, formats, required fields)', () =>
    expect(schemaErrors(objects)).toEqual([]));
});

describe('strict fields of every render', () => {
  it('has no unknown field, wrong type or missing required field', () =>
    expect(strictErrorsOfAllRenders).toEqual([]));
});

describe('the schema checks fail on a broken copy', () => {
  it('a wrong type', () => {
    const objects = broken('Deployment', 'gateway', (o) => (record(o['spec'])['replicas'] = '2'));
    expect(schemaErrors(objects)).toEqual(['Deployment/gateway at spec.replicas: must be integer']);
    expect(strictFieldErrors(objects)).toEqual([
      "Deployment/gateway at spec.replicas: Type 'string' is not assignable to type 'number'.",
    ]);
  });
  it('a missing required field', () => {
    const objects = broken(
      'StatefulSet',
      'eventstoredb',
      (o) => delete podSpecOf(o as unknown as K8sObject)?.['containers'],
    );
    expect(schemaErrors(objects)).toEqual([
      'StatefulSet/eventstoredb at spec.template.spec: must have required property containers',
    ]);
    expect(strictFieldErrors(objects)).toEqual([
      'StatefulSet/eventstoredb at spec.template.spec: missing required field "containers" (IPodSpec)',
    ]);
  });
  it('a misspelt field in a pod spec’s container, which only the strict check sees', () => {
    const objects = broken('Deployment', 'consent', (o) => {
      const container = firstContainer(o);
      container['securityContex'] = container['securityContext'];
      delete container['securityContext'];
    });
    expect(schemaErrors(objects)).toEqual([]);
    expect(strictFieldErrors(objects)).toEqual([
      'Deployment/consent at spec.template.spec.containers[0].securityContex: unknown field "securityContex" (IContainer); did you mean "securityContext"?',
    ]);
  });
  it('a misspelt field in a CronJob’s pod template', () => {
    const objects = broken(
      'CronJob',
      'audit-verify-chain',
      (o) => (firstContainer(o)['imagePullPolcy'] = 'Always'),
    );
    expect(strictFieldErrors(objects)).toEqual([
      expect.stringMatching(
        /^CronJob\/audit-verify-chain at .*containers\[0\]\.imagePullPolcy: unknown field/,
      ),
    ]);
  });
  it('a kind with no schema', () => {
    const objects = broken('ConfigMap', 'gateway', (o) => {
      o['apiVersion'] = 'example.com/v1';
      o['kind'] = 'Widget';
    });
    expect(schemaErrors(objects)).toEqual([
      'Widget/gateway: no schema for example.com/v1 Widget (add one to kind-schemas.ts)',
    ]);
  });
  it('a built-in kind under a wrong apiVersion', () => {
    const objects = broken('Deployment', 'gateway', (o) => (o['apiVersion'] = 'apps/v1beta1'));
    expect(kindsWithoutSchema(objects)).toHaveLength(1);
  });
});

describe('the Strimzi v1 CRDs fail on a broken copy', () => {
  const acl = (o: Record<string, unknown>): Record<string, unknown> =>
    record(at(o, 'spec', 'authorization', 'acls', 0));
  it('an unknown field in a KafkaUser ACL', () => {
    const objects = broken('KafkaUser', 'audit', (o) => (acl(o)['patternType'] = 'literal'));
    expect(schemaErrors(objects)).toEqual([
      'KafkaUser/audit at spec.authorization.acls[0].patternType: unknown field "patternType"',
    ]);
  });
  it('the single `operation` that v1 removed, and its required `operations` missing', () => {
    const objects = broken('KafkaUser', 'audit', (o) => {
      acl(o)['operation'] = 'Write';
      delete acl(o)['operations'];
    });
    expect(schemaErrors(objects)).toEqual([
      'KafkaUser/audit at spec.authorization.acls[0]: missing required field "operations"',
      'KafkaUser/audit at spec.authorization.acls[0].operation: unknown field "operation"',
    ]);
  });
  it('an ACL operation out of its enum', () => {
    const objects = broken('KafkaUser', 'audit', (o) => (acl(o)['operations'] = ['Writ']));
    expect(schemaErrors(objects)).toEqual([
      expect.stringMatching(
        /^KafkaUser\/audit at spec\.authorization\.acls\[0\]\.operations\[0\]: must be one of: .*\bWrite\b/,
      ),
    ]);
  });
  it('a wrong type for partitions', () => {
    const objects = broken(
      'KafkaTopic',
      'ilinks.audit.records.v1',
      (o) => (record(o['spec'])['partitions'] = '6'),
    );
    expect(schemaErrors(objects)).toEqual([
      'KafkaTopic/ilinks.audit.records.v1 at spec.partitions: must be integer',
    ]);
  });
  it('a KafkaTopic without the spec that v1 requires', () => {
    const objects = broken('KafkaTopic', 'ilinks.audit.records.v1', (o) => delete o['spec']);
    expect(schemaErrors(objects)).toEqual([
      'KafkaTopic/ilinks.audit.records.v1 at (root): missing required field "spec"',
    ]);
  });
  it('a missing required listener field', () => {
    const objects = broken(
      'Kafka',
      'ilinks',
      (o) => delete record(at(o, 'spec', 'kafka', 'listeners', 0))['tls'],
    );
    expect(schemaErrors(objects)).toEqual([
      'Kafka/ilinks at spec.kafka.listeners[0]: missing required field "tls"',
    ]);
  });
  it('broker resources on the Kafka, which v1 moved to the KafkaNodePool', () => {
    const objects = broken(
      'Kafka',
      'ilinks',
      (o) => (record(at(o, 'spec', 'kafka'))['resources'] = { requests: { cpu: '1' } }),
    );
    expect(schemaErrors(objects)).toEqual([
      'Kafka/ilinks at spec.kafka.resources: unknown field "resources"',
    ]);
  });
  it('a misspelt storage field', () => {
    const objects = broken('KafkaNodePool', 'combined', (o) => {
      const volume = record(at(o, 'spec', 'storage', 'volumes', 0));
      volume['deleteClam'] = volume['deleteClaim'];
      delete volume['deleteClaim'];
    });
    expect(schemaErrors(objects)).toEqual([
      'KafkaNodePool/combined at spec.storage.volumes[0].deleteClam: unknown field "deleteClam"',
    ]);
  });
  it('the v1beta2 apiVersion that Strimzi 1.0 stopped serving', () => {
    const objects = broken('KafkaUser', 'audit', (o) => (o['apiVersion'] = 'kafka.strimzi.io/v1beta2'));
    expect(schemaErrors(objects)).toEqual([
      'KafkaUser/audit: no schema for kafka.strimzi.io/v1beta2 KafkaUser (add one to kind-schemas.ts)',
    ]);
  });
  it('but not on any topic setting: Kafka reads those, the CRD preserves them', () => {
    const objects = broken(
      'KafkaTopic',
      'ilinks.audit.records.v1',
      (o) => (record(at(o, 'spec', 'config'))['segment.ms'] = 3600000),
    );
    expect(schemaErrors(objects)).toEqual([]);
  });
  it('and leave the strict-field check (TypeScript interfaces) to the other kinds', () => {
    const objects = broken('KafkaUser', 'audit', (o) => (acl(o)['patternType'] = 'literal'));
    expect(strictFieldErrors(objects)).toEqual([]);
  });
});

describe('the kind registry', () => {
  const keys = KIND_SCHEMAS.map((schema) => `${schema.apiVersion}/${schema.kind}`);
  it('names each apiVersion/kind once', () => expect(new Set(keys).size).toBe(keys.length));
  it('skips no kind it has a schema for, and says why it skips one', () => {
    for (const skipped of SKIPPED_KINDS) {
      expect(keys).not.toContain(`${skipped.apiVersion}/${skipped.kind}`);
      expect(skipped.why).not.toBe('');
    }
  });
  it('points every kind, rendered today or not, at an interface that exists', () => {
    const bare = KIND_SCHEMAS.map(({ apiVersion, kind }) => ({ apiVersion, kind, metadata: { name: 'x' } }));
    expect(strictFieldErrors(bare).filter((error) => /module|exported member/.test(error))).toEqual([]);
  });
  it('writes field paths as in the manifests', () => {
    expect(fieldPathOf('/spec/template/spec/containers/0/name')).toBe(
      'spec.template.spec.containers[0].name',
    );
    expect(fieldPathOf('')).toBe('(root)');
  });
});
