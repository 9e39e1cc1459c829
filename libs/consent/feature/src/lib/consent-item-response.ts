import type { ConsentItemV1 } from '@ilinks/consent/contracts';
import { IllegalStateError } from '@ilinks/shared/kernel';
import type { ConsentStreams } from './consent-streams';
import { consentItemV1 } from './consent-responses';

/** The item as it stands in the person's stream after the command. */
export async function consentItemFrom(
  streams: ConsentStreams,
  personId: string,
  consentId: string,
  now: Date,
): Promise<ConsentItemV1> {
  const item = (await streams.stateOf(personId)).items[consentId];
  if (item === undefined) throw new IllegalStateError('The consent item was not recorded');
  return consentItemV1(personId, item, now);
}
