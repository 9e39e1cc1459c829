import {
  closedSchema,
  crdErrorOf,
  crdModelOf,
  crdVersionOf,
  CrdValidationError,
  type SchemaNode,
  withoutNulls,
} from './crd-schema';

// A small CRD shaped like Strimzi's: a closed spec, a map, preserved config, an int-or-string,
// a `oneOf` that only requires fields, and a CEL rule.
const widgetCrd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  versions:
    - name: v1beta1
      served: false
      storage: false
      schema: { openAPIV3Schema: { type: object } }
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: { type: string }
            kind: { type: string }
            metadata: { type: object }
            spec:
              type: object
              properties:
                size: { type: integer, minimum: 1 }
                mode: { type: string, enum: [fast, slow] }
                labels: { type: object, additionalProperties: { type: string } }
                config: { type: object, x-kubernetes-preserve-unknown-fields: true }
                quantity: { anyOf: [{ type: integer }, { type: string }], x-kubernetes-int-or-string: true }
                source:
                  type: object
                  properties:
                    secret: { type: object, properties: { name: { type: string } } }
                    configMap: { type: object, properties: { name: { type: string } } }
                  oneOf:
                    - properties: { secret: {} }
                      required: [secret]
                    - properties: { configMap: {} }
                      required: [configMap]
                parts:
                  type: array
                  items: { type: object, properties: { id: { type: integer } }, required: [id] }
              required: [size]
              x-kubernetes-validations:
                - rule: self.size < 10
          required: [spec]
`;
const widgetV1 = crdVersionOf(widgetCrd, 'v1');
const Widget = crdModelOf(widgetV1);
const widget = (spec: unknown): Record<string, unknown> => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w' },
  spec,
});
/** The errors `validate()` throws for an object, `[]` when it passes. */
function errorsOf(object: unknown): readonly { instancePath: string; message: string }[] {
  try {
    new Widget(object as never).validate();
    return [];
  } catch (thrown) {
    if (thrown instanceof CrdValidationError) return thrown.errors;
    throw thrown;
  }
}
const firstError = (object: unknown): string => {
  const [error] = errorsOf(object);
  return error ? `${error.instancePath}: ${error.message}` : '';
};

describe('crdVersionOf', () => {
  it('reads the served version’s apiVersion, kind and schema', () => {
    expect(widgetV1.apiVersion).toBe('example.com/v1');
    expect(widgetV1.kind).toBe('Widget');
    expect(widgetV1.schema['required']).toEqual(['spec']);
  });
  it('refuses a version that is not served', () =>
    expect(() => crdVersionOf(widgetCrd, 'v1beta1')).toThrow('Widget: no served v1beta1 with a schema'));
  it('refuses a version the CRD does not have', () =>
    expect(() => crdVersionOf(widgetCrd, 'v2')).toThrow('no served v2'));
  it('refuses a document that is not a CRD', () =>
    expect(() => crdVersionOf('kind: ConfigMap\nspec: {}', 'v1')).toThrow('not a CRD: ConfigMap'));
});

describe('closedSchema', () => {
  const properties = (node: SchemaNode, ...path: string[]): SchemaNode =>
    path.reduce((at, key) => (at['properties'] as Record<string, SchemaNode>)[key], node);
  const closed = closedSchema(widgetV1.schema);
  it('closes the root and each object with properties', () => {
    expect(closed['additionalProperties']).toBe(false);
    expect(properties(closed, 'spec')['additionalProperties']).toBe(false);
    expect(properties(closed, 'spec', 'source', 'secret')['additionalProperties']).toBe(false);
  });
  it('closes the objects of an array’s items', () =>
    expect((properties(closed, 'spec', 'parts')['items'] as SchemaNode)['additionalProperties']).toBe(false));
  it('leaves a map (additionalProperties) and preserved unknown fields open', () => {
    expect(properties(closed, 'spec', 'labels')['additionalProperties']).toEqual({ type: 'string' });
    expect(properties(closed, 'spec', 'config')).not.toHaveProperty('additionalProperties');
  });
  it('leaves an object without properties (metadata) alone', () =>
    expect(properties(closed, 'metadata')).not.toHaveProperty('additionalProperties'));
  it('does not close a oneOf branch, which only names fields to require', () => {
    const [branch] = properties(closed, 'spec', 'source')['oneOf'] as SchemaNode[];
    expect(branch).not.toHaveProperty('additionalProperties');
  });
  it('does not change the schema it is given', () =>
    expect(widgetV1.schema).not.toHaveProperty('additionalProperties'));
});

describe('a CRD model', () => {
  it('carries the apiVersion and kind, like a kubernetes-models class', () => {
    expect(Widget.apiVersion).toBe('example.com/v1');
    expect(Widget.kind).toBe('Widget');
  });
  it('passes a valid object', () =>
    expect(
      errorsOf(
        widget({
          size: 3,
          mode: 'fast',
          labels: { a: 'b' },
          config: { 'any.key': 1 },
          quantity: '2Gi',
          source: { secret: { name: 's' } },
          parts: [{ id: 1 }],
        }),
      ),
    ).toEqual([]));
  it('refuses an unknown field, with its own path', () =>
    expect(firstError(widget({ size: 1, sise: 1 }))).toBe('/spec/sise: unknown field "sise"'));
  it('refuses an unknown field at the root', () =>
    expect(firstError({ ...widget({ size: 1 }), status2: {} })).toBe('/status2: unknown field "status2"'));
  it('refuses an unknown field inside an array item', () =>
    expect(firstError(widget({ size: 1, parts: [{ id: 1, name: 'x' }] }))).toBe(
      '/spec/parts/0/name: unknown field "name"',
    ));
  it('refuses a wrong type', () =>
    expect(firstError(widget({ size: '3' }))).toBe('/spec/size: must be integer'));
  it('refuses a value below its minimum', () =>
    expect(firstError(widget({ size: 0 }))).toBe('/spec/size: must be >= 1'));
  it('refuses a value out of its enum, naming the allowed ones', () =>
    expect(firstError(widget({ size: 1, mode: 'medium' }))).toBe('/spec/mode: must be one of: fast, slow'));
  it('refuses a missing required field', () =>
    expect(firstError(widget({}))).toBe('/spec: missing required field "size"'));
  it('refuses a missing spec', () =>
    expect(firstError({ apiVersion: 'example.com/v1', kind: 'Widget' })).toBe(
      ': missing required field "spec"',
    ));
  it('refuses a wrong type in a map', () =>
    expect(firstError(widget({ size: 1, labels: { a: 1 } }))).toBe('/spec/labels/a: must be string'));
  it('refuses neither or both of a oneOf', () => {
    expect(firstError(widget({ size: 1, source: {} }))).toMatch(/^\/spec\/source: /);
    expect(
      errorsOf(widget({ size: 1, source: { secret: { name: 'a' }, configMap: { name: 'b' } } })),
    ).not.toEqual([]);
  });
  it('takes an int or a string where the CRD says so', () => {
    expect(errorsOf(widget({ size: 1, quantity: 2 }))).toEqual([]);
    expect(errorsOf(widget({ size: 1, quantity: true }))).not.toEqual([]);
  });
  it('treats a null field as unset, as the API server does', () =>
    expect(errorsOf(widget({ size: 1, mode: null }))).toEqual([]));
  it('does not evaluate CEL rules: those are the API server’s', () =>
    expect(errorsOf(widget({ size: 20 }))).toEqual([]));
  it('throws an error whose message lists every problem', () =>
    expect(() => new Widget(widget({ size: '1', sise: 1 }) as never).validate()).toThrow(
      '/spec/sise: unknown field "sise"; /spec/size: must be integer',
    ));
});

describe('withoutNulls', () => {
  it('drops null fields at any depth and keeps the rest', () =>
    expect(withoutNulls({ a: null, b: [{ c: null, d: 0 }], e: '' })).toEqual({ b: [{ d: 0 }], e: '' }));
});

describe('crdErrorOf', () => {
  const base = { instancePath: '/spec', schemaPath: '#', data: {} };
  it('escapes a field name that holds a slash in the path', () =>
    expect(
      crdErrorOf({ ...base, keyword: 'additionalProperties', params: { additionalProperty: 'a/b' } }),
    ).toEqual({ instancePath: '/spec/a~1b', message: 'unknown field "a/b"' }));
  it('keeps ajv’s message for other keywords', () =>
    expect(crdErrorOf({ ...base, keyword: 'maxLength', params: {}, message: 'must be short' })).toEqual({
      instancePath: '/spec',
      message: 'must be short',
    }));
});
