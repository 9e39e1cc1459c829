import type {
  OperationCapability,
  ResourceCapability,
  SearchParamCapability,
  TypeInteraction,
} from './fhir-capability.registry';

export interface SoftwareInfo {
  readonly name: string;
  readonly version: string;
}

/** The inputs of the statement; everything else is fixed by what the gateway is. */
export interface CapabilityStatementInput {
  readonly software: SoftwareInfo;
  /** Base URL of this FHIR server (`https://exchange.example/fhir`). */
  readonly baseUrl: string;
  /** When this statement's content took effect (the gateway's start). */
  readonly date: Date;
  readonly resources: readonly ResourceCapability[];
  readonly operations: readonly OperationCapability[];
  /** Whether `POST /auth/dev-token` exists (embedded mode). */
  readonly devTokensAvailable: boolean;
}

/** A FHIR R4 `CapabilityStatement` (only the elements the gateway fills). */
export interface CapabilityStatement {
  readonly resourceType: 'CapabilityStatement';
  readonly name: string;
  readonly title: string;
  readonly status: 'active';
  readonly date: string;
  readonly publisher: string;
  readonly description: string;
  readonly kind: 'instance';
  readonly software: SoftwareInfo;
  readonly implementation: { readonly description: string; readonly url: string };
  readonly fhirVersion: '4.0.1';
  readonly format: readonly string[];
  readonly rest: readonly RestCapability[];
}

interface RestCapability {
  readonly mode: 'server';
  readonly documentation: string;
  readonly security: {
    readonly cors: boolean;
    readonly service: readonly {
      readonly coding: readonly { system: string; code: string; display: string }[];
      readonly text: string;
    }[];
    readonly description: string;
  };
  readonly resource?: readonly RestResource[];
  readonly operation?: readonly RestOperation[];
}

interface RestResource {
  readonly type: string;
  readonly profile?: string;
  readonly documentation?: string;
  readonly interaction: readonly { readonly code: TypeInteraction }[];
  readonly searchParam?: readonly SearchParamCapability[];
  readonly operation?: readonly RestOperation[];
}

interface RestOperation {
  readonly name: string;
  readonly definition: string;
  readonly documentation?: string;
}

export const FHIR_VERSION = '4.0.1';
const RESTFUL_SECURITY_SERVICE = 'http://terminology.hl7.org/CodeSystem/restful-security-service';

/**
 * Builds the statement from what is registered. Empty lists are left out, as FHIR JSON requires.
 */
export function buildCapabilityStatement(input: CapabilityStatementInput): CapabilityStatement {
  const resources = input.resources.map(restResource);
  const operations = input.operations.map(restOperation);
  const tokenHelp = input.devTokensAvailable
    ? ' In embedded mode, POST /auth/dev-token issues development tokens.'
    : " Tokens come from the organisation's OAuth2/OpenID Connect issuer.";
  return {
    resourceType: 'CapabilityStatement',
    name: 'ILinksGateway',
    title: 'iLINKS information exchange gateway',
    status: 'active',
    date: input.date.toISOString(),
    publisher: 'iLINKS',
    description:
      'The FHIR R4 API of the iLINKS shared care record: one joined-up record per person, shared under consent and audited.',
    kind: 'instance',
    software: { name: input.software.name, version: input.software.version },
    implementation: { description: 'iLINKS gateway', url: input.baseUrl },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Partners refer to a person by their own identifier (subject.identifier). Every access to personal data is audited.',
        security: {
          cors: false,
          service: [
            {
              coding: [{ system: RESTFUL_SECURITY_SERVICE, code: 'OAuth', display: 'OAuth' }],
              text: 'OAuth2 bearer token (JWT)',
            },
          ],
          description: `Send "Authorization: Bearer <JWT>" with claims sub, org, role (and patient for individuals).${tokenHelp}`,
        },
        ...(resources.length > 0 ? { resource: resources } : {}),
        ...(operations.length > 0 ? { operation: operations } : {}),
      },
    ],
  };
}

function restResource(capability: ResourceCapability): RestResource {
  const operations = (capability.operations ?? []).map(restOperation);
  const searchParams = (capability.searchParams ?? []).map((parameter) => ({ ...parameter }));
  return {
    type: capability.type,
    ...(capability.profile ? { profile: capability.profile } : {}),
    ...(capability.documentation ? { documentation: capability.documentation } : {}),
    interaction: capability.interactions.map((code) => ({ code })),
    ...(searchParams.length > 0 ? { searchParam: searchParams } : {}),
    ...(operations.length > 0 ? { operation: operations } : {}),
  };
}

function restOperation(operation: OperationCapability): RestOperation {
  return {
    name: operation.name,
    definition: operation.definition,
    ...(operation.documentation ? { documentation: operation.documentation } : {}),
  };
}
