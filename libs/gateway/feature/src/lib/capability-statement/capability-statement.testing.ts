import { SEARCH_PARAM_TYPES, TYPE_INTERACTIONS } from './fhir-capability.registry';

const PUBLICATION_STATUS = ['draft', 'active', 'retired', 'unknown'];
const KINDS = ['instance', 'capability', 'requirements'];
const FHIR_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Structural check of a FHIR R4 CapabilityStatement against the parts of the specification the
 * gateway uses: required elements and cardinalities, value sets, no empty arrays or nulls, and
 * the invariants cpb-1, cpb-2, cpb-9, cpb-12, cpb-14/15/16. Returns the problems found.
 */
export function capabilityStatementProblems(statement: unknown): string[] {
  const problems: string[] = [];
  const fail = (message: string): void => void problems.push(message);
  findEmptyArraysAndNulls(statement, '', fail);
  if (!isObject(statement)) return ['not an object'];
  if (statement['resourceType'] !== 'CapabilityStatement') fail('resourceType must be CapabilityStatement');
  if (!PUBLICATION_STATUS.includes(String(statement['status'])))
    fail('status is required and must be a PublicationStatus');
  if (typeof statement['date'] !== 'string' || !FHIR_DATE_TIME.test(statement['date']))
    fail('date is required and must be a dateTime');
  if (!KINDS.includes(String(statement['kind'])))
    fail('kind is required and must be a CapabilityStatementKind');
  if (statement['fhirVersion'] !== '4.0.1') fail('fhirVersion must be 4.0.1');
  const format = statement['format'];
  if (!Array.isArray(format) || format.length === 0 || !format.every((item) => typeof item === 'string'))
    fail('format is required (1..*)');
  const software = statement['software'];
  if (software !== undefined && (!isObject(software) || typeof software['name'] !== 'string'))
    fail('software.name is required when software is present');
  const implementation = statement['implementation'];
  if (
    implementation !== undefined &&
    (!isObject(implementation) || typeof implementation['description'] !== 'string')
  ) {
    fail('implementation.description is required when implementation is present');
  }
  if (statement['description'] === undefined && software === undefined && implementation === undefined)
    fail('cpb-2');
  if (statement['kind'] === 'instance' && implementation === undefined)
    fail('cpb-14: an instance needs implementation');
  const rest = statement['rest'];
  if (!Array.isArray(rest) || rest.length === 0) {
    fail('cpb-1: rest, messaging or document is required');
    return problems;
  }
  rest.forEach((entry: unknown, index) => restProblems(entry, `rest[${index}]`, fail));
  return problems;
}

function restProblems(rest: unknown, path: string, fail: (message: string) => void): void {
  if (!isObject(rest)) return fail(`${path} must be an object`);
  if (rest['mode'] !== 'server' && rest['mode'] !== 'client') fail(`${path}.mode is required`);
  const security = rest['security'];
  if (security !== undefined) {
    if (!isObject(security)) return fail(`${path}.security must be an object`);
    if (security['cors'] !== undefined && typeof security['cors'] !== 'boolean')
      fail(`${path}.security.cors must be a boolean`);
    const services = security['service'];
    if (
      services !== undefined &&
      (!Array.isArray(services) ||
        !services.every(
          (service) =>
            isObject(service) && (Array.isArray(service['coding']) || typeof service['text'] === 'string'),
        ))
    ) {
      fail(`${path}.security.service must be CodeableConcepts`);
    }
  }
  const resources = rest['resource'];
  if (resources === undefined) return;
  if (!Array.isArray(resources)) return fail(`${path}.resource must be an array`);
  const types = new Set<string>();
  resources.forEach((resource: unknown, index) => {
    const where = `${path}.resource[${index}]`;
    if (!isObject(resource) || typeof resource['type'] !== 'string') return fail(`${where}.type is required`);
    if (types.has(resource['type'])) fail(`cpb-9: ${resource['type']} described twice`);
    types.add(resource['type']);
    const interactions = resource['interaction'];
    if (
      interactions !== undefined &&
      (!Array.isArray(interactions) ||
        !interactions.every(
          (item) => isObject(item) && (TYPE_INTERACTIONS as readonly unknown[]).includes(item['code']),
        ))
    ) {
      fail(`${where}.interaction codes must be TypeRestfulInteraction`);
    }
    const searchParams = resource['searchParam'];
    if (Array.isArray(searchParams)) {
      const names = searchParams.map((parameter: unknown) =>
        isObject(parameter) ? parameter['name'] : undefined,
      );
      if (new Set(names).size !== names.length)
        fail(`cpb-12: ${where} search parameter names must be unique`);
      searchParams.forEach((parameter: unknown) => {
        if (
          !isObject(parameter) ||
          typeof parameter['name'] !== 'string' ||
          !(SEARCH_PARAM_TYPES as readonly unknown[]).includes(parameter['type'])
        ) {
          fail(`${where}.searchParam needs a name and a SearchParamType`);
        }
      });
    }
    const operations = resource['operation'];
    if (
      Array.isArray(operations) &&
      !operations.every(
        (operation) =>
          isObject(operation) &&
          typeof operation['name'] === 'string' &&
          typeof operation['definition'] === 'string',
      )
    ) {
      fail(`${where}.operation needs name and definition`);
    }
  });
}

function findEmptyArraysAndNulls(value: unknown, path: string, fail: (message: string) => void): void {
  if (value === null) return fail(`${path || '(root)'} is null`);
  if (Array.isArray(value)) {
    if (value.length === 0) fail(`${path} is an empty array`);
    value.forEach((item, index) => findEmptyArraysAndNulls(item, `${path}[${index}]`, fail));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value))
      findEmptyArraysAndNulls(item, path ? `${path}.${key}` : key, fail);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
