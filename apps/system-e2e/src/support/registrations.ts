/** A synthetic partner record: no real person, a made-up identifier system. */
export function syntheticRegistration(index: number, organisation = 'RBS') {
  return {
    organisation,
    identifier: { system: `https://fhir.e2e.example/${organisation}/Id/mrn`, value: `E2E-${index}` },
    demographics: {
      names: [{ family: `Family${index}`, given: [`Given${index}`] }],
      birthDate: `19${String(50 + (index % 50)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 9}`,
      gender: index % 2 === 0 ? 'female' : 'male',
      addresses: [],
      telecom: [],
    },
  };
}

/**
 * Registers one record through the identity service's internal API; resolves with its id once
 * acknowledged. A request cut off by the network is sent again with the same idempotency key, as a
 * partner would: the service records it once whichever attempt got through.
 */
export async function register(identityUrl: string, index: number, organisation = 'RBS'): Promise<string> {
  const send = () =>
    fetch(`${identityUrl}/local-records`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `e2e-registration-${organisation}-${index}`,
      },
      body: JSON.stringify(syntheticRegistration(index, organisation)),
    });
  const response = await send().catch(send);
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`registration ${index} answered ${response.status}`);
  }
  return ((await response.json()) as { localRecordId: string }).localRecordId;
}

export async function indexed(recordProjectionUrl: string, localRecordId: string): Promise<boolean> {
  const response = await fetch(`${recordProjectionUrl}/local-record-index/${localRecordId}`);
  return response.status === 200;
}

/** How many local records of `organisation` the record service has indexed. */
export async function countIndexed(recordProjectionUrl: string, organisation = 'RBS'): Promise<number> {
  const response = await fetch(`${recordProjectionUrl}/local-record-index?organisation=${organisation}`);
  return ((await response.json()) as { total: number }).total;
}

/** An ODS-style organisation code of its own for one test run, so runs on a shared broker never count each other's records. */
export function organisationForThisRun(): string {
  return `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
}
