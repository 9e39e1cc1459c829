import { type DynamicModule, Module } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import { SafeguardingAlertsClient } from './safeguarding-alerts.client';
import { SafeguardingAlertsController } from './safeguarding-alerts.controller';

export interface GatewaySafeguardingModuleOptions {
  /** Base URLs by service name; needs `record-projection`. */
  readonly services: BackendServices;
}

/**
 * Child protection early warning at the edge: `GET /record/safeguarding-alerts` and
 * `POST /record/safeguarding-alerts/{id}/acknowledge`. Needs the global `GatewayModule` (auth,
 * roles, OperationOutcome filter, audit of every request).
 */
@Module({})
export class GatewaySafeguardingModule {
  static forRoot(options: GatewaySafeguardingModuleOptions): DynamicModule {
    return {
      module: GatewaySafeguardingModule,
      controllers: [SafeguardingAlertsController],
      providers: [{ provide: BACKEND_SERVICES, useValue: options.services }, SafeguardingAlertsClient],
    };
  }
}
