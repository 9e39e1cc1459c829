/** Injection token of the service's `IdentityMatchingConfig`. */
export const IDENTITY_MATCHING_CONFIG = 'ilinks:identity-matching-config';
