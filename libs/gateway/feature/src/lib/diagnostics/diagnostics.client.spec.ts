import { UnavailableError } from '@ilinks/shared/kernel';
import { DiagnosticsClient } from './diagnostics.client';

/** A port nothing listens on. */
const UNREACHABLE = 'http://127.0.0.1:9';

describe('DiagnosticsClient', () => {
  it('refuses to start without the diagnostics service URL', () => {
    expect(() => new DiagnosticsClient({})).toThrow(
      'DiagnosticsClient: no base URL for the diagnostics service',
    );
  });

  it('answers UnavailableError (503) when the service cannot be reached', async () => {
    const client = new DiagnosticsClient({ diagnostics: UNREACHABLE });
    await expect(client.report('r-1', {})).rejects.toBeInstanceOf(UnavailableError);
    await expect(
      client.cumulativeSvg(
        { localRecordIds: [], personIds: ['p-1'], analyte: 'hba1c', releasedOnly: false },
        {},
      ),
    ).rejects.toBeInstanceOf(UnavailableError);
  });
});
