import { parseCliArguments } from './cli-arguments';

describe('parseCliArguments', () => {
  it('reads persons, seed and output file', () => {
    const parsed = parseCliArguments(['--persons', '10000', '--seed', '42', '--out', '/tmp/population.json']);
    expect(parsed.seed).toBe(42);
    expect(parsed.out).toBe('/tmp/population.json');
    expect(parsed.options.persons).toBe(10000);
  });

  it('reads the optional rates', () => {
    const parsed = parseCliArguments([
      '--out',
      'p.json',
      '--twin-rate',
      '0.01',
      '--namesake-rate',
      '0',
      '--rate',
      'familyTypo=0.1',
      '--reference-date',
      '2025-06-30',
    ]);
    expect(parsed.options).toMatchObject({
      twinRate: 0.01,
      namesakeRate: 0,
      referenceDate: '2025-06-30',
      errorRates: { familyTypo: 0.1 },
    });
  });

  it('requires --out', () => {
    expect(() => parseCliArguments(['--persons', '10'])).toThrow(/--out is required/);
  });

  it.each([
    [['--persons', 'many']],
    [['--persons', '0']],
    [['--rate', 'spelling=0.1']],
    [['--rate', 'familyTypo=2']],
    [['--reference-date', '1/1/2025']],
    [['--colour', 'blue']],
  ])('refuses %j', (argv) => {
    expect(() => parseCliArguments([...argv, '--out', 'p.json'])).toThrow(/usage/);
  });
});
