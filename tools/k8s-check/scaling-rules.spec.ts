import { ILINKS_APPS } from './ilinks-apps';
import { at } from './manifest-rules';
import { type K8sObject, renderKustomization } from './render-manifests';
import { consumersFitTheirPartitions } from './scaling-rules';

const overlays = {
  prod: renderKustomization('k8s/overlays/prod'),
  dev: renderKustomization('k8s/overlays/dev'),
};

/** A copy of the prod render with one object changed. */
function changed(kind: string, name: string, change: (object: K8sObject) => void): K8sObject[] {
  const copy = structuredClone(overlays.prod) as K8sObject[];
  const object = copy.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} is not rendered`);
  change(object);
  return copy;
}

describe.each(Object.entries(overlays))('k8s/overlays/%s', (_, objects) => {
  it('scales no consumer past the partitions of a topic it consumes', () =>
    expect(consumersFitTheirPartitions(objects, ILINKS_APPS)).toEqual([]));
});

describe('consumersFitTheirPartitions fails on a broken copy', () => {
  it('an autoscaler raised past a consumed topic’s partitions', () => {
    const objects = changed('HorizontalPodAutoscaler', 'audit', (hpa) => {
      (at(hpa, 'spec') as Record<string, unknown>)['maxReplicas'] = 8;
    });
    expect(consumersFitTheirPartitions(objects, ILINKS_APPS)).toEqual([
      'HorizontalPodAutoscaler/audit: maxReplicas 8 exceeds the 6 partitions of ilinks.audit.records.v1, which it consumes',
      'HorizontalPodAutoscaler/audit: maxReplicas 8 exceeds the 6 partitions of ilinks.consent.v1, which it consumes',
    ]);
  });

  it('a consumed topic cut to fewer partitions', () => {
    const objects = changed('KafkaTopic', 'ilinks.identity.v1', (topic) => {
      (at(topic, 'spec') as Record<string, unknown>)['partitions'] = 3;
    });
    expect(consumersFitTheirPartitions(objects, ILINKS_APPS)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^HorizontalPodAutoscaler\/consent: maxReplicas 4 exceeds the 3/),
      ]),
    );
  });

  it('a consumed topic with no KafkaTopic counts as no partitions', () => {
    const objects = overlays.prod.filter(
      (o) => !(o.kind === 'KafkaTopic' && o.metadata.name === 'ilinks.record.v1'),
    );
    expect(consumersFitTheirPartitions(objects, ILINKS_APPS)).toEqual(
      expect.arrayContaining([expect.stringMatching(/exceeds the 0 partitions of ilinks\.record\.v1/)]),
    );
  });
});
