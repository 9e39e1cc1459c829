import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first satisfying value once the condition holds', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `ready after ${calls}` : undefined), {
      description: 'the third poll',
      intervalMs: 1,
    });
    expect(value).toBe('ready after 3');
  });

  it('awaits asynchronous conditions and keeps polling while they throw', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 0; // a falsy value other than false/null/undefined counts as satisfied
      },
      { description: 'an async value', intervalMs: 1 },
    );
    expect(value).toBe(0);
  });

  it('rejects with the description and the last error when time runs out', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('still empty');
        },
        { description: 'the read model to have 3 rows', timeoutMs: 50, intervalMs: 5 },
      ),
    ).rejects.toThrow(
      'Timed out after 50 ms waiting for the read model to have 3 rows; last error: still empty',
    );
  });

  it('rejects when the condition stays false', async () => {
    await expect(
      waitFor(() => false, { description: 'never', timeoutMs: 30, intervalMs: 5 }),
    ).rejects.toThrow('Timed out after 30 ms waiting for never');
  });
});
