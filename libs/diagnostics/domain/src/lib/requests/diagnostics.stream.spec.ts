import {
  contentHashOf,
  DIAGNOSTICS_STREAM_PREFIX,
  reportIdFor,
  reportStream,
  requestIdFor,
  requestStream,
} from './diagnostics.stream';

describe('diagnostics ids and streams', () => {
  it('names a request by its organisation and partner id, stably', () => {
    expect(requestIdFor('Y12345', 'ORD-1')).toBe(requestIdFor('Y12345', 'ORD-1'));
    expect(requestIdFor('Y12345', 'ORD-1')).not.toBe(requestIdFor('Y99999', 'ORD-1'));
    expect(requestIdFor('Y12345', 'ORD-1')).not.toBe(requestIdFor('Y12345', 'ORD-2'));
  });

  it('names a report by its lab and partner id, apart from requests', () => {
    expect(reportIdFor('RLAB1', 'REP-1')).toBe(reportIdFor('RLAB1', 'REP-1'));
    expect(reportIdFor('RLAB1', 'REP-1')).not.toBe(requestIdFor('RLAB1', 'REP-1'));
  });

  it('keeps the partner id out of stream names', () => {
    const stream = reportStream(reportIdFor('RLAB1', 'REP-1'));
    expect(stream.startsWith(`${DIAGNOSTICS_STREAM_PREFIX}report-`)).toBe(true);
    expect(stream).not.toContain('REP-1');
    expect(requestStream('r1')).toBe('diagnostics.request-r1');
  });

  it('hashes content whatever its key order', () => {
    expect(contentHashOf({ a: 1, b: [2, { c: 3, d: 4 }] })).toBe(
      contentHashOf({ b: [2, { d: 4, c: 3 }], a: 1 }),
    );
    expect(contentHashOf({ a: 1 })).not.toBe(contentHashOf({ a: 2 }));
  });
});
