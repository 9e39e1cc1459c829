import type { K8sObject } from './render-manifests';
import { describeDiagnostic, literalLines, strictFieldErrors, typedModuleOf } from './strict-fields';

const configMap = (fields: Record<string, unknown>): K8sObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings' },
  ...fields,
});
const pathsOf = (value: unknown): string[] => literalLines(value).map((line) => line.path);

describe('literalLines', () => {
  it('puts each field on its own line, named by its path', () => {
    expect(pathsOf({ spec: { replicas: 2 } })).toEqual(['', 'spec', 'spec.replicas', 'spec', '']);
  });
  it('indexes list items', () => {
    expect(pathsOf({ ports: [{ port: 80 }] })).toContain('ports[0].port');
  });
  it('brackets keys that are not identifiers, as labels are', () => {
    expect(pathsOf({ labels: { 'app.kubernetes.io/name': 'x' } })).toContain(
      'labels["app.kubernetes.io/name"]',
    );
  });
  it('writes a valid literal, empty objects and lists included', () => {
    const text = literalLines({ a: [], b: {}, c: 'x', d: [1, true] })
      .map((line) => line.text)
      .join('\n');
    expect(new Function(`return ${text}`)()).toEqual({ a: [], b: {}, c: 'x', d: [1, true] });
  });
  it('turns null into undefined, as the API server unsets a null field', () => {
    expect(literalLines({ a: null }).map((line) => line.text.trim())).toContain('a: undefined,');
  });
});

describe('typedModuleOf', () => {
  const objects = [configMap({}), configMap({}), { ...configMap({}), kind: 'Widget' }];
  const module = typedModuleOf(objects);
  it('imports each interface once', () => {
    expect(module.filter((line) => line.text.startsWith('import'))).toEqual([
      { text: 'import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";', path: '' },
    ]);
  });
  it('declares each object with a schema as a constant of its interface', () => {
    expect(module.filter((line) => line.text.startsWith('export const')).map((line) => line.text)).toEqual([
      'export const object0: IConfigMap = {',
      'export const object1: IConfigMap = {',
    ]);
  });
  it('leaves a kind without a schema out', () => {
    expect(module.some((line) => line.object === 2)).toBe(false);
  });
});

describe('describeDiagnostic', () => {
  it('names an unknown field and its type', () => {
    expect(
      describeDiagnostic(
        `Object literal may only specify known properties, and '"securityContex"' does not exist in type 'IContainer'.`,
      ),
    ).toBe('unknown field "securityContex" (IContainer)');
  });
  it('keeps the compiler’s spelling suggestion', () => {
    expect(
      describeDiagnostic(
        `Object literal may only specify known properties, but 'imagePullPolcy' does not exist in type 'IContainer'. Did you mean to write 'imagePullPolicy'?`,
      ),
    ).toBe('unknown field "imagePullPolcy" (IContainer); did you mean "imagePullPolicy"?');
  });
  it('leaves an inline type out', () => {
    expect(describeDiagnostic(`… and '"intervall"' does not exist in type '{ interval?: string; }'.`)).toBe(
      'unknown field "intervall"',
    );
  });
  it('names a missing required field', () => {
    expect(
      describeDiagnostic(
        `Property '"containers"' is missing in type '{ a: 1; }' but required in type 'IPodSpec'.`,
      ),
    ).toBe('missing required field "containers" (IPodSpec)');
  });
  it('names several missing required fields', () => {
    expect(
      describeDiagnostic(
        `Type '{}' is missing the following properties from type 'IServicePort': "port", "name"`,
      ),
    ).toBe('missing required fields port, name (IServicePort)');
  });
  it('keeps the first line of any other message, cut when long', () => {
    expect(describeDiagnostic("Type 'string' is not assignable to type 'number'.\nmore")).toBe(
      "Type 'string' is not assignable to type 'number'.",
    );
    expect(describeDiagnostic('x'.repeat(500))).toHaveLength(241);
  });
});

describe('strictFieldErrors', () => {
  it('accepts a valid object', () =>
    expect(strictFieldErrors([configMap({ data: { a: 'b' } })])).toEqual([]));
  it('accepts a null optional field', () =>
    expect(strictFieldErrors([configMap({ data: null })])).toEqual([]));
  it('refuses a misspelt field, naming the object and the field', () => {
    expect(strictFieldErrors([configMap({ datta: { a: 'b' } })])).toEqual([
      'ConfigMap/settings at datta: unknown field "datta" (IConfigMap); did you mean "data"?',
    ]);
  });
  it('refuses a wrong type', () => {
    expect(strictFieldErrors([configMap({ data: { port: 8080 } })])).toEqual([
      "ConfigMap/settings at data.port: Type 'number' is not assignable to type 'string'.",
    ]);
  });
  it('reports each broken object, not only the first', () => {
    const errors = strictFieldErrors([
      configMap({ datta: {} }),
      configMap({}),
      configMap({ immutible: true }),
    ]);
    expect(errors).toHaveLength(2);
  });
  it('leaves a kind without a schema to the schema check', () => {
    expect(strictFieldErrors([{ ...configMap({ anything: 1 }), kind: 'Widget' }])).toEqual([]);
  });
});
