/**
 * A hand schema of the Strimzi `kafka.strimzi.io/v1beta2` fields we use: there is no CommonJS
 * model for Strimzi. Written from the Strimzi API reference (strimzi.io/docs/operators/latest,
 * "Schema reference"), closed on purpose: a field we start using fails the strict-field check
 * until it is added here from that reference, so a misspelt one cannot slip through as "new".
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';

const API_VERSION = 'kafka.strimzi.io/v1beta2';
type ApiVersion = typeof API_VERSION;
// The metadata type of every Kubernetes object (its package is not a direct dependency).
type ObjectMeta = NonNullable<IConfigMap['metadata']>;
/** Kafka broker or topic configuration: Strimzi passes the values through to Kafka. */
type KafkaConfig = Record<string, string | number | boolean>;

/** `PodTemplate`: the pod fields Strimzi lets us set. */
interface PodTemplate {
  securityContext?: IPodSecurityContext;
  affinity?: IAffinity;
  tolerations?: IToleration[];
  topologySpreadConstraints?: ITopologySpreadConstraint[];
  priorityClassName?: string;
  terminationGracePeriodSeconds?: number;
}
/** `ContainerTemplate`. */
interface ContainerTemplate {
  securityContext?: ISecurityContext;
}
/** `JvmOptions`. */
interface JvmOptions {
  '-Xms'?: string;
  '-Xmx'?: string;
  '-XX'?: Record<string, string>;
  gcLoggingEnabled?: boolean;
}

/** `GenericKafkaListener`. */
interface KafkaListener {
  name: string;
  port: number;
  type: 'internal' | 'route' | 'loadbalancer' | 'nodeport' | 'ingress' | 'cluster-ip';
  tls: boolean;
  authentication?: { type: 'tls' | 'scram-sha-512' | 'oauth' | 'custom' };
  networkPolicyPeers?: INetworkPolicyPeer[];
}

/** `KafkaClusterSpec`; with node pools, replicas and storage live in the `KafkaNodePool`. */
interface KafkaClusterSpec {
  version?: string;
  metadataVersion?: string;
  listeners: KafkaListener[];
  config?: KafkaConfig;
  authorization?: { type: 'simple'; superUsers?: string[] };
  rack?: { topologyKey: string };
  template?: { pod?: PodTemplate; kafkaContainer?: ContainerTemplate };
}

/** `EntityTopicOperatorSpec` / `EntityUserOperatorSpec`. */
interface EntityOperatorSpec {
  watchedNamespace?: string;
  reconciliationIntervalMs?: number;
  resources?: IResourceRequirements;
  jvmOptions?: JvmOptions;
}

/** `Kafka`: the cluster. */
export interface IKafka {
  apiVersion: ApiVersion;
  kind: 'Kafka';
  metadata?: ObjectMeta;
  spec: {
    kafka: KafkaClusterSpec;
    entityOperator?: {
      topicOperator?: EntityOperatorSpec;
      userOperator?: EntityOperatorSpec;
      template?: { pod?: PodTemplate };
    };
  };
}

/** `PersistentClaimStorage` / `EphemeralStorage`, as a JBOD volume or on their own. */
type SingleVolumeStorage =
  | {
      id?: number;
      type: 'persistent-claim';
      size: string;
      class?: string;
      deleteClaim?: boolean;
      kraftMetadata?: 'shared';
    }
  | { id?: number; type: 'ephemeral'; sizeLimit?: string; kraftMetadata?: 'shared' };

/** `KafkaNodePool`: brokers and controllers with their storage. */
export interface IKafkaNodePool {
  apiVersion: ApiVersion;
  kind: 'KafkaNodePool';
  metadata?: ObjectMeta;
  spec: {
    replicas?: number;
    roles: ('controller' | 'broker')[];
    storage: SingleVolumeStorage | { type: 'jbod'; volumes: SingleVolumeStorage[] };
    resources?: IResourceRequirements;
    jvmOptions?: JvmOptions;
    template?: { pod?: PodTemplate; kafkaContainer?: ContainerTemplate };
  };
}

/** `KafkaTopic`. */
export interface IKafkaTopic {
  apiVersion: ApiVersion;
  kind: 'KafkaTopic';
  metadata?: ObjectMeta;
  spec?: { topicName?: string; partitions?: number; replicas?: number; config?: KafkaConfig };
}

type AclOperation =
  | 'All'
  | 'Read'
  | 'Write'
  | 'Create'
  | 'Delete'
  | 'Alter'
  | 'Describe'
  | 'ClusterAction'
  | 'AlterConfigs'
  | 'DescribeConfigs'
  | 'IdempotentWrite';
/** `AclRule` (the deprecated single `operation` is left out on purpose). */
interface AclRule {
  type?: 'allow' | 'deny';
  resource: {
    type: 'topic' | 'group' | 'cluster' | 'transactionalId';
    name?: string;
    patternType?: 'literal' | 'prefix';
  };
  host?: string;
  operations: AclOperation[];
}

/** `KafkaUser`: a client's credentials and ACLs. */
export interface IKafkaUser {
  apiVersion: ApiVersion;
  kind: 'KafkaUser';
  metadata?: ObjectMeta;
  spec?: {
    authentication?: { type: 'tls' | 'tls-external' | 'scram-sha-512' };
    authorization?: { type: 'simple'; acls: AclRule[] };
  };
}

/** The Strimzi kinds this schema covers, for the kind registry. */
export const STRIMZI_KINDS = ['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser'] as const;
/** Their API version. */
export const STRIMZI_API_VERSION: ApiVersion = API_VERSION;
