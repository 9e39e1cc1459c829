import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { K8sObject } from './render-manifests';
import { strimziModels } from './strimzi-schema';

/** A kubernetes-models class: its runtime validator throws on a wrong type or a missing field. */
export interface RuntimeModel {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: never): { validate(): void };
}

/** How one apiVersion/kind is checked. */
export interface KindSchema {
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * The module and interface the strict-field check types the object with; none for a CRD model,
   * whose validator refuses unknown fields itself.
   */
  readonly typeModule?: string;
  readonly typeName?: string;
  /** The runtime model: a kubernetes-models class, or one built from a CRD (crd-schema.ts). */
  readonly model: RuntimeModel;
}

/** The models' modules follow `<package>/<apiVersion>/<Kind>` and name the interface `I<Kind>`. */
const fromModel = (modelPackage: string, model: RuntimeModel): KindSchema => ({
  apiVersion: model.apiVersion,
  kind: model.kind,
  typeModule: `${modelPackage}/${model.apiVersion}/${model.kind}`,
  typeName: `I${model.kind}`,
  model,
});

/**
 * Every kind we render or expect to render soon, with its schema. A kind missing here (and from
 * {@link SKIPPED_KINDS}) fails the schema spec, so a new kind is noticed and given a schema.
 */
export const KIND_SCHEMAS: readonly KindSchema[] = [
  ...[
    ConfigMap,
    Namespace,
    PersistentVolumeClaim,
    Secret,
    Service,
    ServiceAccount,
    DaemonSet,
    Deployment,
    StatefulSet,
    HorizontalPodAutoscaler,
    CronJob,
    Job,
    Ingress,
    NetworkPolicy,
    PodDisruptionBudget,
    Role,
    RoleBinding,
  ].map((model) => fromModel('kubernetes-models', model)),
  fromModel('@kubernetes-models/cert-manager', Certificate),
  ...[PodMonitor, PrometheusRule, ServiceMonitor].map((model) =>
    fromModel('@kubernetes-models/prometheus-operator', model),
  ),
  // No model ships for Strimzi: the real CRDs of the release we require (strimzi-schema.ts).
  ...strimziModels().map((model) => ({ apiVersion: model.apiVersion, kind: model.kind, model })),
];

/**
 * Kinds rendered on purpose without a schema check, each with the reason. Empty today: every
 * rendered kind has a model or a CRD. Add `{ apiVersion, kind, why }` only when neither
 * is possible.
 */
export const SKIPPED_KINDS: readonly { apiVersion: string; kind: string; why: string }[] = [];

const keyOf = (apiVersion: string, kind: string): string => `${apiVersion}/${kind}`;
const schemasByKey = new Map(KIND_SCHEMAS.map((schema) => [keyOf(schema.apiVersion, schema.kind), schema]));
const skippedKeys = new Set(SKIPPED_KINDS.map((skipped) => keyOf(skipped.apiVersion, skipped.kind)));

/** The schema of an object's apiVersion/kind, `undefined` when there is none. */
export function schemaOf(object: Pick<K8sObject, 'apiVersion' | 'kind'>): KindSchema | undefined {
  return schemasByKey.get(keyOf(object.apiVersion, object.kind));
}

/** Whether an object's kind is on the explicit skip list. */
export function isSkipped(object: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return skippedKeys.has(keyOf(object.apiVersion, object.kind));
}
