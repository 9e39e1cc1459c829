#!/usr/bin/env bash
# Regenerates the Strimzi CRDs in strimzi-<version>/ from the released Java model, with the CRD
# generator Strimzi's own build uses. Run by hand when we move to a new Strimzi release (never in
# CI): it fetches two jars from Maven Central and needs a Java 21 runtime (the jars are class
# version 65).
#
#   JAVA=/path/to/java21/bin/java tools/k8s-check/crds/generate-strimzi-crds.sh [version]
#
# Then point STRIMZI_CRD_DIRECTORY in tools/k8s-check/strimzi-schema.ts at the new folder, update
# its README and run the manifest checks.
set -euo pipefail

version="${1:-1.2.0}"
java="${JAVA:-java}"
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/strimzi-$version"
jars="$(mktemp -d)"
trap 'rm -rf "$jars"' EXIT

if ! "$java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
  echo "needs Java 21 or later as \$JAVA (got: $("$java" -version 2>&1 | head -1))" >&2
  exit 1
fi

# One artifact per call: the plugin's `copy` goal takes a single -Dartifact.
for artifact in api crd-generator; do
  mvn -q -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="io.strimzi:$artifact:$version" -DoutputDirectory="$jars"
done

mkdir -p "$out"
model=io.strimzi.api.kafka.model
# The file names are those of Strimzi's install/cluster-operator folder. Only the v1 API, served
# and stored, for Kubernetes 1.30 and later.
"$java" -cp "$jars/crd-generator-$version.jar:$jars/api-$version.jar" io.strimzi.crdgenerator.CrdGenerator \
  --yaml \
  --label strimzi.io/crd-install:true \
  --target-kube 1.30+ \
  --crd-api-version v1 \
  --api-versions v1 \
  --storage-version v1 \
  "$model.kafka.Kafka=$out/040-Crd-kafka.yaml" \
  "$model.topic.KafkaTopic=$out/043-Crd-kafkatopic.yaml" \
  "$model.user.KafkaUser=$out/044-Crd-kafkauser.yaml" \
  "$model.nodepool.KafkaNodePool=$out/04A-Crd-kafkanodepool.yaml"
echo "wrote $(ls "$out"/*.yaml | wc -l) CRDs to $out"
