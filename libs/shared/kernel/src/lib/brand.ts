/** A nominal type: a string that the compiler will not confuse with another kind of id. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };

/** Enterprise person id (ours), never a partner's identifier. */
export type PersonId = Brand<string, 'PersonId'>;
/** An ODS-style organisation code, e.g. `RX1` or `A81001`. */
export type OrganisationCode = Brand<string, 'OrganisationCode'>;

export const PersonId = (value: string): PersonId => value as PersonId;
export const OrganisationCode = (value: string): OrganisationCode => value as OrganisationCode;
