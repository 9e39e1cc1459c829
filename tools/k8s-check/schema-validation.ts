import { isSkipped, schemaOf } from './kind-schemas';
import type { Violation } from './manifest-rules';
import type { K8sObject } from './render-manifests';

/** One error of a model's (ajv) validator, as `ValidationError.errors` holds it. */
interface ModelError {
  readonly instancePath: string;
  readonly message?: string;
}

const where = (object: K8sObject): string => `${object.kind}/${object.metadata?.name ?? '(unnamed)'}`;

/** `/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
export function fieldPathOf(instancePath: string): string {
  const path = instancePath
    .split('/')
    .slice(1)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (joined, step) => (/^\d+$/.test(step) ? `${joined}[${step}]` : joined ? `${joined}.${step}` : step),
      '',
    );
  return path || '(root)';
}

function modelErrorsOf(thrown: unknown): readonly ModelError[] {
  const errors = (thrown as { errors?: unknown }).errors;
  if (Array.isArray(errors)) return errors as ModelError[];
  return [{ instancePath: '', message: thrown instanceof Error ? thrown.message : String(thrown) }];
}

/** Runs an object through its kind's model validator; no model, no errors (see {@link kindsWithoutSchema}). */
function modelViolationsOf(object: K8sObject): Violation[] {
  const model = schemaOf(object)?.model;
  if (!model) return [];
  try {
    new model(object as never).validate();
    return [];
  } catch (thrown) {
    return modelErrorsOf(thrown).map(
      (error) => `${where(object)} at ${fieldPathOf(error.instancePath)}: ${error.message ?? 'is invalid'}`,
    );
  }
}

/** Objects whose apiVersion/kind has neither a schema nor a place on the skip list. */
export function kindsWithoutSchema(objects: readonly K8sObject[]): Violation[] {
  return objects
    .filter((object) => !schemaOf(object) && !isSkipped(object))
    .map(
      (object) =>
        `${where(object)}: no schema for ${object.apiVersion} ${object.kind} (add one to kind-schemas.ts)`,
    );
}

/**
 * Validates objects against the Kubernetes API schemas of the models (types, formats, enums,
 * required fields), and refuses a kind we have no schema for. The kubernetes-models validators
 * let unknown fields pass (see `strictFieldErrors` for those); a CRD's validator (the Strimzi
 * kinds) refuses them here, as the API server's strict field validation would.
 */
export function schemaErrors(objects: readonly K8sObject[]): Violation[] {
  return [...kindsWithoutSchema(objects), ...objects.flatMap(modelViolationsOf)];
}
