import 'reflect-metadata';

/** A default as it would be written in the environment, or the typed value it converts to. */
export type SettingDefault = string | number | boolean | readonly string[];

/** How one environment variable feeds one property of a settings class. */
export interface SettingOptions {
  /** Used when the variable is unset or blank. Secrets must not have one. */
  readonly default?: SettingDefault;
  /** Never echoed in errors or docs (passwords, connection strings with credentials). */
  readonly secret?: boolean;
  /** One line for the operations guide. */
  readonly description: string;
  /**
   * Custom conversion of the raw string. Without it, the property's declared type decides:
   * `number` (strict decimal), `boolean` (true/false/1/0/yes/no/on/off), `string[]` (comma list).
   */
  readonly parse?: (raw: string) => unknown;
}

/** A setting as registered on a class, with the property it lands in. */
export interface SettingDefinition extends SettingOptions {
  readonly env: string;
  readonly property: string;
  /** The property's design type, as emitted by the compiler (`Number`, `Boolean`, `Array`, `String`...). */
  readonly designType: unknown;
}

const SETTINGS = Symbol('ilinks:settings');
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Binds a property to an environment variable. Combine with class-validator decorators for the
 * rules (`@IsInt() @Min(1)`); `loadConfig` converts, validates and reports by variable name.
 */
export function Setting(env: string, options: SettingOptions): PropertyDecorator {
  if (!ENV_NAME.test(env)) throw new Error(`@Setting: "${env}" is not an UPPER_SNAKE_CASE variable name`);
  if (options.secret && options.default !== undefined) {
    throw new Error(`@Setting: ${env} is secret and must not have a default`);
  }
  return (target, propertyKey) => {
    if (typeof propertyKey !== 'string') throw new Error(`@Setting: ${env} must decorate a named property`);
    const designType: unknown = Reflect.getMetadata('design:type', target, propertyKey);
    const own: Map<string, SettingDefinition> = Reflect.getOwnMetadata(SETTINGS, target) ?? new Map();
    own.set(propertyKey, { ...options, env, property: propertyKey, designType });
    Reflect.defineMetadata(SETTINGS, own, target);
  };
}

/** The settings of a class, inherited ones first; a subclass may redeclare a property. */
export function settingsOf(configClass: abstract new () => object): SettingDefinition[] {
  const chain: object[] = [];
  for (
    let proto: object | null = configClass.prototype;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    chain.unshift(proto);
  }
  const byProperty = new Map<string, SettingDefinition>();
  for (const proto of chain) {
    const own: Map<string, SettingDefinition> | undefined = Reflect.getOwnMetadata(SETTINGS, proto);
    own?.forEach((definition, property) => byProperty.set(property, definition));
  }
  return [...byProperty.values()];
}
