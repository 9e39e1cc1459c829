import { streamCategory } from './runtime-metrics';

describe('streamCategory', () => {
  it('drops a UUID id, dashes and all', () => {
    expect(streamCategory('identity.local-record-6d9a6d01-285f-5b3a-a7af-2c615b7788f5')).toBe(
      'identity.local-record',
    );
  });

  it('drops any other id after the last dash', () => {
    expect(streamCategory('consent.objection-12345')).toBe('consent.objection');
  });
});
