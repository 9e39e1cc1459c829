import { IDENTITY_STREAM_PREFIX } from '../local-record.stream';

/** The stream of one enterprise person: its id only, never anything a person could be found by. */
export const personStream = (personId: string): string => `${IDENTITY_STREAM_PREFIX}person-${personId}`;
