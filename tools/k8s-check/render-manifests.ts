import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
// `yaml` 1.x, a devDependency (pinned), parses the rendered manifests.
import { parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object, read loosely: rules check the fields they need. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** The repository root, from this folder. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** Renders a kustomization (a path from the repo root) with the pinned kustomize of `kustomize.sh`. */
export function renderKustomization(path: string): K8sObject[] {
  const output = execFileSync(join(__dirname, 'kustomize.sh'), ['build', join(REPO_ROOT, path)], {
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseManifests(output);
}

/** Parses multi-document YAML into objects; throws on a YAML error. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(document.errors[0].message);
    const value: unknown = document.toJSON();
    return value === null || value === undefined ? [] : [value as K8sObject];
  });
}
