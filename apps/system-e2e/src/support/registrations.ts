/** A synthetic partner record: no real person, a made-up identifier system. */
export function syntheticRegistration(index: number, organisation = 'RBS') {
  return {
    organisation,
    identifier: { system: 'https://fhir.e2e.example/Id/mrn', value: `E2E-${index}` },
    demographics: {
      names: [{ family: `Family${index}`, given: [`Given${index}`] }],
      birthDate: `19${String(50 + (index % 50)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 9}`,
      gender: index % 2 === 0 ? 'female' : 'male',
      addresses: [],
      telecom: [],
    },
  };
}

/** Registers one record through the identity service's internal API; resolves with its id once acknowledged. */
export async function register(identityUrl: string, index: number): Promise<string> {
  const response = await fetch(`${identityUrl}/local-records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-registration-${index}` },
    body: JSON.stringify(syntheticRegistration(index)),
  });
  if (response.status !== 200) throw new Error(`registration ${index} answered ${response.status}`);
  return ((await response.json()) as { localRecordId: string }).localRecordId;
}

export async function indexed(recordProjectionUrl: string, localRecordId: string): Promise<boolean> {
  const response = await fetch(`${recordProjectionUrl}/local-record-index/${localRecordId}`);
  return response.status === 200;
}
