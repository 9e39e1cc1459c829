import { type AccessPolicySettings, DEFAULT_ACCESS_POLICY_SETTINGS } from '@ilinks/consent/domain';
import { type Clock, NotFoundError, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import { ACCESS_POLICY_SETTINGS } from './access-policy.config';
import { IdentityClient } from '../patient/identity.client';
import { recordHoldersOf } from '../patient/person-visibility';
import {
  ACCESS_CLOCK,
  ConsentPersonAccess,
  RECORD_HOLDERS_LOOKUP,
  type RecordHoldersLookup,
} from './consent-person-access';
import { ConsentClient } from './consent.client';
import { PersonAccess } from './person-access';

export interface AccessModuleOptions {
  /** Base URLs by service name; needs `consent`. */
  readonly services: BackendServices;
  /** The region's choices (from `AccessPolicyConfig`); the defaults when unset. */
  readonly settings?: AccessPolicySettings;
  readonly clock?: Clock;
}

/**
 * The gateway's policy enforcement point (global): `PersonAccess` on the consent service's access
 * policy, the `ConsentClient`, and the region's `AccessPolicySettings` under
 * `ACCESS_POLICY_SETTINGS`. Register once, beside `GatewayModule`.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(options: AccessModuleOptions): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        { provide: BACKEND_SERVICES, useValue: options.services },
        { provide: ACCESS_POLICY_SETTINGS, useValue: options.settings ?? DEFAULT_ACCESS_POLICY_SETTINGS },
        { provide: ACCESS_CLOCK, useValue: options.clock ?? systemClock },
        ConsentClient,
        { provide: RECORD_HOLDERS_LOOKUP, useValue: recordHoldersFromIdentity(options.services) },
        { provide: PersonAccess, useClass: ConsentPersonAccess },
      ],
      exports: [PersonAccess, ConsentClient, ACCESS_POLICY_SETTINGS],
    };
  }
}

/** Record holders from the identity service's person view; none when it has no such person. */
export function recordHoldersFromIdentity(services: BackendServices): RecordHoldersLookup {
  if (!services['identity-matching']) return () => Promise.resolve([]);
  const identity = new IdentityClient(services);
  return async (personId, forwarded) => {
    try {
      return recordHoldersOf(await identity.getPerson(personId, forwarded));
    } catch (error: unknown) {
      if (error instanceof NotFoundError) return [];
      throw error;
    }
  };
}
