import { Injectable } from '@nestjs/common';

/** FHIR R4 type-level and instance-level interactions (`TypeRestfulInteraction`). */
export const TYPE_INTERACTIONS = [
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'history-instance',
  'history-type',
  'create',
  'search-type',
] as const;
export type TypeInteraction = (typeof TYPE_INTERACTIONS)[number];

/** FHIR R4 `SearchParamType`. */
export const SEARCH_PARAM_TYPES = [
  'number',
  'date',
  'string',
  'token',
  'reference',
  'composite',
  'quantity',
  'uri',
  'special',
] as const;
export type SearchParamType = (typeof SEARCH_PARAM_TYPES)[number];

export interface SearchParamCapability {
  readonly name: string;
  readonly type: SearchParamType;
  /** Canonical URL of the SearchParameter, when it is a standard one. */
  readonly definition?: string;
  readonly documentation?: string;
}

export interface OperationCapability {
  /** Without the `$`: `match`, `everything`. */
  readonly name: string;
  /** Canonical URL of the OperationDefinition (required by FHIR). */
  readonly definition: string;
  readonly documentation?: string;
}

/** What the gateway supports for one resource type. */
export interface ResourceCapability {
  readonly type: string;
  readonly profile?: string;
  readonly documentation?: string;
  readonly interactions: readonly TypeInteraction[];
  readonly searchParams?: readonly SearchParamCapability[];
  readonly operations?: readonly OperationCapability[];
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;
const OPERATION_NAME = /^[a-z][A-Za-z0-9-]*$/;
const SEARCH_PARAM_NAME = /^[_a-z][A-Za-z0-9_:.-]*$/;

/**
 * What the FHIR API offers, assembled from the modules that implement it: each resource module
 * registers its resource type, interactions, search parameters and operations (typically in
 * `onModuleInit`). `GET /fhir/metadata` is generated from here, so it never claims more than exists.
 * Registering the same type twice merges the two (e.g. `$match` and `$everything` from two modules).
 */
@Injectable()
export class FhirCapabilityRegistry {
  private readonly byType = new Map<string, ResourceCapability>();
  private readonly systemOperations = new Map<string, OperationCapability>();

  registerResource(capability: ResourceCapability): void {
    assertResourceCapability(capability);
    const known = this.byType.get(capability.type);
    this.byType.set(capability.type, known ? mergeCapabilities(known, capability) : normalise(capability));
  }

  /** An operation on the whole server (`[base]/$name`). */
  registerSystemOperation(operation: OperationCapability): void {
    assertOperation(operation, 'system');
    this.systemOperations.set(operation.name, operation);
  }

  resources(): readonly ResourceCapability[] {
    return [...this.byType.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  operations(): readonly OperationCapability[] {
    return [...this.systemOperations.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

function assertResourceCapability(capability: ResourceCapability): void {
  if (!RESOURCE_TYPE.test(capability.type))
    throw new Error(`"${capability.type}" is not a FHIR resource type name`);
  for (const interaction of capability.interactions) {
    if (!(TYPE_INTERACTIONS as readonly string[]).includes(interaction))
      throw new Error(`${capability.type}: unknown interaction "${interaction}"`);
  }
  for (const parameter of capability.searchParams ?? []) {
    if (!SEARCH_PARAM_NAME.test(parameter.name))
      throw new Error(`${capability.type}: "${parameter.name}" is not a search parameter name`);
    if (!(SEARCH_PARAM_TYPES as readonly string[]).includes(parameter.type))
      throw new Error(`${capability.type}.${parameter.name}: unknown type "${parameter.type}"`);
  }
  for (const operation of capability.operations ?? []) assertOperation(operation, capability.type);
}

function assertOperation(operation: OperationCapability, owner: string): void {
  if (!OPERATION_NAME.test(operation.name))
    throw new Error(`${owner}: "${operation.name}" is not an operation name (no "$")`);
  if (!/^https?:\/\/\S+$/.test(operation.definition))
    throw new Error(`${owner}.$${operation.name}: definition must be a canonical URL`);
}

function normalise(capability: ResourceCapability): ResourceCapability {
  return mergeCapabilities({ type: capability.type, interactions: [] }, capability);
}

function mergeCapabilities(known: ResourceCapability, added: ResourceCapability): ResourceCapability {
  const searchParams = new Map((known.searchParams ?? []).map((parameter) => [parameter.name, parameter]));
  for (const parameter of added.searchParams ?? []) {
    const existing = searchParams.get(parameter.name);
    if (existing && existing.type !== parameter.type) {
      throw new Error(
        `${added.type}.${parameter.name} registered as both ${existing.type} and ${parameter.type}`,
      );
    }
    searchParams.set(parameter.name, existing ?? parameter);
  }
  const operations = new Map((known.operations ?? []).map((operation) => [operation.name, operation]));
  for (const operation of added.operations ?? [])
    operations.set(operation.name, operations.get(operation.name) ?? operation);
  const interactions = new Set([...known.interactions, ...added.interactions]);
  const profile = known.profile ?? added.profile;
  const documentation = known.documentation ?? added.documentation;
  return {
    type: known.type,
    ...(profile ? { profile } : {}),
    ...(documentation ? { documentation } : {}),
    interactions: TYPE_INTERACTIONS.filter((interaction) => interactions.has(interaction)),
    searchParams: [...searchParams.values()].sort((a, b) => a.name.localeCompare(b.name)),
    operations: [...operations.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
