/**
 * The Strimzi kinds we render, checked against the real `kafka.strimzi.io/v1` CRDs of the Strimzi
 * release we require: generated from its Java model by Strimzi's CRD generator
 * (crds/generate-strimzi-crds.sh, crds/strimzi-1.2.0/README.md). Strimzi 1.0 serves only `v1`,
 * so an object under an older apiVersion has no schema here and fails the check.
 */
import { join } from 'node:path';
import { crdModelOf, readCrdVersion } from './crd-schema';
import type { RuntimeModel } from './kind-schemas';

/** The only API version Strimzi >= 1.0 serves. */
export const STRIMZI_API_VERSION = 'kafka.strimzi.io/v1';
/** The Strimzi release whose CRDs the manifests are checked against. */
export const STRIMZI_RELEASE = '1.2.0';
/** Where that release's generated CRDs are. */
export const STRIMZI_CRD_DIRECTORY = join(__dirname, 'crds', `strimzi-${STRIMZI_RELEASE}`);

/** The Strimzi kinds we render, with their CRD file (named as in Strimzi's install folder). */
export const STRIMZI_CRD_FILES = {
  Kafka: '040-Crd-kafka.yaml',
  KafkaNodePool: '04A-Crd-kafkanodepool.yaml',
  KafkaTopic: '043-Crd-kafkatopic.yaml',
  KafkaUser: '044-Crd-kafkauser.yaml',
} as const;

/** The Strimzi kinds this schema covers, for the kind registry. */
export const STRIMZI_KINDS = Object.keys(STRIMZI_CRD_FILES) as (keyof typeof STRIMZI_CRD_FILES)[];

/** The runtime model of each Strimzi kind, from its CRD's v1 `openAPIV3Schema`. */
export function strimziModels(): RuntimeModel[] {
  return STRIMZI_KINDS.map((kind) => {
    const crd = readCrdVersion(join(STRIMZI_CRD_DIRECTORY, STRIMZI_CRD_FILES[kind]), 'v1');
    if (crd.apiVersion !== STRIMZI_API_VERSION || crd.kind !== kind)
      throw new Error(`${STRIMZI_CRD_FILES[kind]} defines ${crd.apiVersion} ${crd.kind}, not ${kind}`);
    return crdModelOf(crd);
  });
}
