import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { Public } from '@ilinks/platform/security';
import type { IncomingMessage } from 'node:http';
import { buildCapabilityStatement, type CapabilityStatement } from './capability-statement';
import { FhirCapabilityRegistry } from './fhir-capability.registry';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway.settings';

/** `GET /fhir/metadata`: the CapabilityStatement, public as FHIR requires. */
@Public()
@Controller('fhir')
export class MetadataController {
  constructor(
    private readonly registry: FhirCapabilityRegistry,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  @Get('metadata')
  @Header('Content-Type', 'application/fhir+json; charset=utf-8')
  metadata(@Req() request: IncomingMessage): CapabilityStatement {
    return buildCapabilityStatement({
      software: this.settings.software,
      baseUrl: this.settings.baseUrl ?? baseUrlOf(request),
      date: this.settings.startedAt,
      resources: this.registry.resources(),
      operations: this.registry.operations(),
      devTokensAvailable: this.settings.mode === 'embedded',
    });
  }
}

/** Without a configured public URL, the one the client used (Host header) is the best guess. */
function baseUrlOf(request: IncomingMessage): string {
  const host = request.headers.host ?? 'localhost';
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  return `${encrypted ? 'https' : 'http'}://${host}/fhir`;
}
