import type { AccessRole, PurposeOfUse } from './access.types';

/** The purposes of use each role may claim; anything else is refused before any other rule. */
export const PURPOSES_ALLOWED_FOR_ROLE: Readonly<Record<AccessRole, readonly PurposeOfUse[]>> = {
  practitioner: ['direct-care', 'emergency'],
  system: ['direct-care'],
  individual: ['own-record'],
  carer: ['carer-access'],
  'ig-officer': ['governance'],
  admin: ['administration'],
};

/** Whether `role` may ask for `purpose` at all. */
export function isPurposeAllowedForRole(role: AccessRole, purpose: PurposeOfUse): boolean {
  return PURPOSES_ALLOWED_FOR_ROLE[role].includes(purpose);
}

/**
 * The purpose the gateway assumes when a request states none: `emergency` for a practitioner who
 * sent a break-glass reason, otherwise the one purpose each role exists for. A system never breaks
 * glass, so the flag does not change its purpose (the decision then refuses it without a relationship).
 */
export function defaultPurposeFor(role: AccessRole, breakGlassRequested: boolean): PurposeOfUse {
  switch (role) {
    case 'practitioner':
      return breakGlassRequested ? 'emergency' : 'direct-care';
    case 'system':
      return 'direct-care';
    case 'individual':
      return 'own-record';
    case 'carer':
      return 'carer-access';
    case 'ig-officer':
      return 'governance';
    case 'admin':
      return 'administration';
  }
}
