import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  STRIMZI_API_VERSION,
  STRIMZI_CRD_DIRECTORY,
  STRIMZI_CRD_FILES,
  STRIMZI_KINDS,
  strimziModels,
} from './strimzi-schema';

interface CrdVersionEntry {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
}
const versionsOf = (file: string): readonly CrdVersionEntry[] =>
  (
    parse(readFileSync(join(STRIMZI_CRD_DIRECTORY, file), 'utf8')) as {
      spec: { versions: CrdVersionEntry[] };
    }
  ).spec.versions;

describe('the Strimzi CRDs we check against', () => {
  it.each(Object.entries(STRIMZI_CRD_FILES))('%s: only v1, served and stored', (_, file) =>
    expect(versionsOf(file).map(({ name, served, storage }) => ({ name, served, storage }))).toEqual([
      { name: 'v1', served: true, storage: true },
    ]),
  );
  it('give a model for each kind, under kafka.strimzi.io/v1', () =>
    expect(strimziModels().map((model) => `${model.apiVersion} ${model.kind}`)).toEqual(
      STRIMZI_KINDS.map((kind) => `${STRIMZI_API_VERSION} ${kind}`),
    ));
  it('cover the four kinds we render', () =>
    expect([...STRIMZI_KINDS].sort()).toEqual(['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser']));
});
