import { join } from 'node:path';
import * as ts from 'typescript';
import { schemaOf } from './kind-schemas';
import type { Violation } from './manifest-rules';
import type { K8sObject } from './render-manifests';

/** One line of the generated module and where in which object it came from. */
export interface SourceLine {
  readonly text: string;
  /** Index of the object in the checked list; `undefined` for the import lines. */
  readonly object?: number;
  /** Field path inside the object, `''` for the object itself. */
  readonly path: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const childPath = (path: string, key: string): string =>
  IDENTIFIER.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

// Unquoted where possible: the compiler then suggests the spelling of a misspelt field.
const propertyName = (key: string): string => (IDENTIFIER.test(key) ? key : JSON.stringify(key));

/**
 * A value as a TypeScript literal, one field per line so a diagnostic's line names the field.
 * `null` becomes `undefined`: the API server treats a null field as unset.
 */
export function literalLines(value: unknown, path = '', prefix = '', suffix = '', indent = ''): SourceLine[] {
  const line = (text: string): SourceLine => ({ text: `${indent}${prefix}${text}`, path });
  const close = (text: string): SourceLine => ({ text: `${indent}${text}${suffix}`, path });
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return [line(`[]${suffix}`)];
    const items = value.flatMap((item, index) => literalLines(item, `${path}[${index}]`, '', ',', inner));
    return [line('['), ...items, close(']')];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [line(`{}${suffix}`)];
    const fields = entries.flatMap(([key, item]) =>
      literalLines(item, childPath(path, key), `${propertyName(key)}: `, ',', inner),
    );
    return [line('{'), ...fields, close('}')];
  }
  return [line(`${value === null || value === undefined ? 'undefined' : JSON.stringify(value)}${suffix}`)];
}

/**
 * A module declaring each object as a constant of its kind's interface; unknown kinds, and kinds
 * checked by a CRD's validator instead (no interface), are left out.
 */
export function typedModuleOf(objects: readonly K8sObject[]): SourceLine[] {
  const typed = objects.flatMap((object, index) => {
    const schema = schemaOf(object);
    const { typeModule, typeName } = schema ?? {};
    return typeModule && typeName ? [{ object, index, schema: { typeModule, typeName } }] : [];
  });
  const modules = new Map(typed.map(({ schema }) => [`${schema.typeModule}#${schema.typeName}`, schema]));
  const imports = [...modules.values()].map((schema) => ({
    text: `import type { ${schema.typeName} } from ${JSON.stringify(schema.typeModule)};`,
    path: '',
  }));
  const declarations = typed.flatMap(({ object, index, schema }) =>
    literalLines(object, '', `export const object${index}: ${schema.typeName} = `, ';').map((line) => ({
      ...line,
      object: index,
    })),
  );
  return [...imports, ...declarations];
}

// Never written: served to the compiler from memory, from this folder so that module resolution
// finds node_modules.
const VIRTUAL_FILE = join(__dirname, '__rendered-objects.ts');
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
};
// The models' declaration files do not change during a run: parse them once for every program.
const parsedLibraries = new Map<string, ts.SourceFile | undefined>();

function compilerHostFor(text: string): ts.CompilerHost {
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === VIRTUAL_FILE || fileExists.call(host, file);
  host.readFile = (file) => (file === VIRTUAL_FILE ? text : readFile.call(host, file));
  host.getSourceFile = (file, languageVersion, ...rest) => {
    if (file === VIRTUAL_FILE) return ts.createSourceFile(file, text, languageVersion);
    if (!parsedLibraries.has(file))
      parsedLibraries.set(file, getSourceFile.call(host, file, languageVersion, ...rest));
    return parsedLibraries.get(file);
  };
  return host;
}

const quoted = (name: string): string => name.replace(/^"(.*)"$/, '$1');
// An inline type (a CRD model's nested object) is printed in full by the compiler: leave it out.
const inType = (type: string): string => (IDENTIFIER.test(type) ? ` (${type})` : '');

/** A compiler message in manifest words; long inferred types are cut. */
export function describeDiagnostic(message: string): string {
  const first = message.split('\n')[0];
  const unknown = /'([^']+)' does not exist in type '([^']+)'/.exec(first);
  const suggestion = /Did you mean to write '([^']+)'\?/.exec(first);
  const hint = suggestion ? `; did you mean "${quoted(suggestion[1])}"?` : '';
  if (unknown) return `unknown field "${quoted(unknown[1])}"${inType(unknown[2])}${hint}`;
  const missing = /Property '([^']+)' is missing in type .* but required in type '([^']+)'/.exec(first);
  if (missing) return `missing required field "${quoted(missing[1])}"${inType(missing[2])}`;
  const missingMany = /is missing the following properties from type '([^']+)': (.+)$/.exec(first);
  if (missingMany)
    return `missing required fields ${missingMany[2].replace(/"/g, '')}${inType(missingMany[1])}`;
  return first.length > 240 ? `${first.slice(0, 240)}…` : first;
}

function violationOf(
  diagnostic: ts.Diagnostic,
  lines: readonly SourceLine[],
  objects: readonly K8sObject[],
): Violation {
  const message = describeDiagnostic(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  if (diagnostic.file?.fileName !== VIRTUAL_FILE || diagnostic.start === undefined) return message;
  const origin = lines[diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line];
  const object = origin?.object === undefined ? undefined : objects[origin.object];
  if (!object) return `${origin?.text.trim() ?? 'generated module'}: ${message}`;
  return `${object.kind}/${object.metadata.name} at ${origin.path || '(root)'}: ${message}`;
}

/**
 * Types every object with its kind's interface, as the API server's strict field validation
 * would: refuses unknown (misspelt) fields, which the models' runtime validators let through,
 * and wrong types or missing required fields. The compiler reports the first unknown field of
 * each object literal only, so a second one in the same literal shows once the first is fixed.
 */
export function strictFieldErrors(objects: readonly K8sObject[]): Violation[] {
  const lines = typedModuleOf(objects);
  const text = lines.map((line) => line.text).join('\n');
  const program = ts.createProgram([VIRTUAL_FILE], COMPILER_OPTIONS, compilerHostFor(text));
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => violationOf(diagnostic, lines, objects));
}
