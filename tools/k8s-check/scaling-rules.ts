import type { IlinksApp } from './ilinks-apps';
import { at, type Violation } from './manifest-rules';
import type { K8sObject } from './render-manifests';

const find = (objects: readonly K8sObject[], kind: string, name: string): K8sObject | undefined =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

/** The partitions of each declared topic, by topic name (`spec.topicName`, else the object's name). */
function partitionsByTopic(objects: readonly K8sObject[]): Map<string, number> {
  return new Map(
    objects
      .filter((object) => object.kind === 'KafkaTopic')
      .map((topic) => [
        String(at(topic, 'spec', 'topicName') ?? topic.metadata.name),
        Number(at(topic, 'spec', 'partitions')),
      ]),
  );
}

/**
 * A consumer group shares a topic's partitions among its members: replicas beyond the partitions
 * of a topic a service consumes sit idle on it (docs/operations.md §6). So each consuming service's
 * HorizontalPodAutoscaler may not scale past the partitions of any topic it consumes.
 */
export function consumersFitTheirPartitions(
  objects: readonly K8sObject[],
  apps: readonly IlinksApp[],
): Violation[] {
  const partitions = partitionsByTopic(objects);
  return apps.flatMap(({ name, definition }) => {
    const topics = definition?.consumes?.topics ?? [];
    const autoscaler = find(objects, 'HorizontalPodAutoscaler', name);
    if (topics.length === 0 || !autoscaler) return [];
    const maxReplicas = Number(at(autoscaler, 'spec', 'maxReplicas'));
    return topics
      .filter((topic) => !(maxReplicas <= (partitions.get(topic) ?? 0)))
      .map(
        (topic) =>
          `HorizontalPodAutoscaler/${name}: maxReplicas ${maxReplicas} exceeds the ${partitions.get(topic) ?? 0} partitions of ${topic}, which it consumes`,
      );
  });
}
