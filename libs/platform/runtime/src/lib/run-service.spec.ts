import { serviceCommandOf } from './run-service';

describe('serviceCommandOf', () => {
  it('serves by default, and rebuilds the views when asked', () => {
    expect(serviceCommandOf([])).toBe('serve');
    expect(serviceCommandOf(['serve'])).toBe('serve');
    expect(serviceCommandOf(['rebuild-projections'])).toBe('rebuild-projections');
  });

  it('refuses an unknown command rather than starting', () => {
    expect(() => serviceCommandOf(['rebuild'])).toThrow(/unknown command "rebuild"/);
  });
});
