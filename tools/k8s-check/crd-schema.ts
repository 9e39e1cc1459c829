import { readFileSync } from 'node:fs';
// `ajv` 8, a devDependency (pinned), validates against the CRDs' openAPIV3Schema.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
// `yaml` 1.x, a devDependency (pinned), as in render-manifests.ts.
import { parse } from 'yaml';
import type { RuntimeModel } from './kind-schemas';

/** A node of a CRD's `openAPIV3Schema`, read loosely: only the keywords we walk are typed. */
export type SchemaNode = { readonly [keyword: string]: unknown };

/** One served version of a CustomResourceDefinition, with what validates its objects. */
export interface CrdVersion {
  /** `<group>/<version>`, as objects of the kind write it. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: SchemaNode;
}

/** One validation error, as the schema check reads a model's `ValidationError.errors`. */
export interface CrdError {
  readonly instancePath: string;
  readonly message: string;
}

interface CustomResourceDefinition {
  readonly kind: string;
  readonly spec: {
    readonly group: string;
    readonly names: { readonly kind: string };
    readonly versions: readonly {
      readonly name: string;
      readonly served: boolean;
      readonly schema?: { readonly openAPIV3Schema?: SchemaNode };
    }[];
  };
}

/** The schema of one served version of a CRD (its YAML text); throws when it has none. */
export function crdVersionOf(crdText: string, version: string): CrdVersion {
  const crd = parse(crdText) as CustomResourceDefinition;
  if (crd.kind !== 'CustomResourceDefinition') throw new Error(`not a CRD: ${crd.kind}`);
  const served = crd.spec.versions.find((entry) => entry.name === version && entry.served);
  const schema = served?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`${crd.spec.names.kind}: no served ${version} with a schema`);
  return { apiVersion: `${crd.spec.group}/${version}`, kind: crd.spec.names.kind, schema };
}

/** {@link crdVersionOf} of a CRD file. */
export function readCrdVersion(path: string, version: string): CrdVersion {
  return crdVersionOf(readFileSync(path, 'utf8'), version);
}

const isNode = (value: unknown): value is SchemaNode =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const mapValues = (record: SchemaNode, change: (value: unknown) => unknown): SchemaNode =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, change(value)]));

/**
 * The schema as the API server applies it to a structural schema: an object with `properties`
 * refuses any other field unless it preserves unknown fields or has `additionalProperties`.
 * Only the structural positions (properties, items, additionalProperties) are closed: the
 * `oneOf`/`anyOf` branches of a CRD name existing fields to require, never new ones.
 */
export function closedSchema(node: SchemaNode): SchemaNode {
  const walked: Record<string, unknown> = { ...node };
  if (isNode(node['properties'])) walked['properties'] = mapValues(node['properties'], closedChild);
  if (isNode(node['items'])) walked['items'] = closedSchema(node['items']);
  if (isNode(node['additionalProperties']))
    walked['additionalProperties'] = closedSchema(node['additionalProperties']);
  const open = node['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in node;
  if (isNode(node['properties']) && !open) walked['additionalProperties'] = false;
  return walked;
}
const closedChild = (value: unknown): unknown => (isNode(value) ? closedSchema(value) : value);

/**
 * The value without its null fields: the API server drops a null field that is not `nullable`
 * before validating, as if it were unset.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isNode(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** An ajv error in the words of the API server's field validation. */
export function crdErrorOf(error: ErrorObject): CrdError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      return {
        instancePath: `${error.instancePath}/${escapePointer(field)}`,
        message: `unknown field "${field}"`,
      };
    }
    case 'required':
      return {
        instancePath: error.instancePath,
        message: `missing required field "${String(params['missingProperty'])}"`,
      };
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'].join(', ') : '';
      return { instancePath: error.instancePath, message: `must be one of: ${allowed}` };
    }
    default:
      return { instancePath: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** Thrown by a CRD model's `validate()`, with every error, like the kubernetes-models validators. */
export class CrdValidationError extends Error {
  constructor(readonly errors: readonly CrdError[]) {
    super(errors.map((error) => `${error.instancePath || '(root)'}: ${error.message}`).join('; '));
    this.name = 'CrdValidationError';
  }
}

function validatorOf(schema: SchemaNode): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  // Kubernetes' own keywords: the structure is checked; CEL rules (`x-kubernetes-validations`)
  // are the API server's alone and are not evaluated here.
  ajv.addVocabulary([
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-int-or-string',
    'x-kubernetes-validations',
    'example',
  ]);
  return ajv.compile(closedSchema(schema));
}

/**
 * A runtime model for one CRD version, so that the schema check treats it like a
 * kubernetes-models class: `validate()` throws a {@link CrdValidationError} on a wrong type, a
 * value out of its enum, a missing required field or an unknown field. The schema is compiled
 * on first use (the Kafka CRD is large).
 */
export function crdModelOf(crd: CrdVersion): RuntimeModel {
  let validator: ValidateFunction | undefined;
  return class CrdModel {
    static readonly apiVersion = crd.apiVersion;
    static readonly kind = crd.kind;
    constructor(private readonly data: unknown) {}
    validate(): void {
      validator ??= validatorOf(crd.schema);
      if (!validator(withoutNulls(this.data)))
        throw new CrdValidationError((validator.errors ?? []).map(crdErrorOf));
    }
  };
}
