import { UCUM_SYSTEM } from './analytes';
import type { CumulativePoint, CumulativeSeries } from './cumulative-series';
import type { Quantity } from './result.types';
import { trendSvg } from './trend-svg';

const ucum = (value: number, code: string): Quantity => ({ value, system: UCUM_SYSTEM, code, unit: code });
const potassium = { id: 'potassium', display: 'Serum potassium', unit: 'mmol/L' };
const range = { low: ucum(3.5, 'mmol/L'), high: ucum(5.3, 'mmol/L') };

function point(
  reportId: string,
  effectiveAt: string,
  value: number,
  overrides: Partial<CumulativePoint> = {},
): CumulativePoint {
  return {
    reportId,
    organisation: 'LAB01',
    effectiveAt,
    value: ucum(value, 'mmol/L'),
    normalised: value,
    flag: 'normal',
    referenceRange: range,
    status: 'final',
    ...overrides,
  };
}

const series = (points: CumulativePoint[], analyte = potassium): CumulativeSeries => ({ analyte, points });

const threePoints = series([
  point('r1', '2026-01-05T09:00:00Z', 4.2),
  point('r2', '2026-02-05T09:00:00Z', 5.9, { flag: 'abnormal' }),
  point('r3', '2026-03-05T09:00:00Z', 6.8, { flag: 'critical' }),
]);

/** A minimal well-formedness check: one root, balanced and properly nested tags, escaped text. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const open: string[] = [];
  let roots = 0;
  let rest = body;
  while (rest.length > 0) {
    const tag =
      /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>/.exec(
        rest,
      );
    if (tag) {
      const [whole, closing, name, , selfClosing] = tag;
      if (closing) {
        if (open.pop() !== name) throw new Error(`unbalanced </${name}>`);
      } else if (!selfClosing) {
        if (open.length === 0) roots += 1;
        open.push(name);
      } else if (open.length === 0) roots += 1;
      rest = rest.slice(whole.length);
      continue;
    }
    const text = /^[^<]+/.exec(rest);
    if (!text) throw new Error(`malformed tag at: ${rest.slice(0, 40)}`);
    if (open.length === 0 && text[0].trim() !== '') throw new Error('text outside the root');
    if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(text[0]) || text[0].includes('>'))
      throw new Error(`unescaped text: ${text[0]}`);
    rest = rest.slice(text[0].length);
  }
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

describe('assertWellFormedXml (the spec’s own check)', () => {
  it.each(['<svg><g></svg></g>', '<svg><g></svg>', '<svg>a & b</svg>', '<svg/><svg/>', '<svg x="<"/>'])(
    'rejects %s',
    (xml) => {
      expect(() => assertWellFormedXml(xml)).toThrow();
    },
  );
});

describe('trendSvg', () => {
  it('is a well-formed SVG 1.1 document', () => {
    const svg = trendSvg(threePoints);
    assertWellFormedXml(svg);
    expect(svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" /,
    );
    expect(svg).toContain('viewBox="0 0 640 320"');
  });

  it('is titled with the analyte and its unit', () => {
    expect(trendSvg(threePoints)).toContain('<title id="trend-title">Serum potassium (mmol/L)</title>');
  });

  it('escapes <, & and > in the title', () => {
    const svg = trendSvg(
      series([point('r1', '2026-01-05T09:00:00Z', 4.2)], { id: 'x', display: 'A<B & C>D', unit: 'mmol/L' }),
    );
    assertWellFormedXml(svg);
    expect(svg).toContain('A&lt;B &amp; C&gt;D (mmol/L)');
    expect(svg).not.toContain('A<B');
  });

  it('escapes a date that is not a date', () => {
    const svg = trendSvg(series([point('r1', '<soon> & "later"', 4.2)]));
    assertWellFormedXml(svg);
  });

  it('draws 3 to 6 y ticks in the series unit', () => {
    const svg = trendSvg(threePoints);
    const ticks = count(svg, /class="y-tick"/g);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(ticks).toBeLessThanOrEqual(6);
    expect(svg).toContain('class="y-unit"');
    expect(svg).toMatch(/class="y-unit"[^>]*>mmol\/L</);
  });

  it('labels the first and last dates on x', () => {
    const svg = trendSvg(threePoints);
    expect(svg).toMatch(/class="x-tick"[^>]*>2026-01-05</);
    expect(svg).toMatch(/class="x-tick"[^>]*>2026-03-05</);
    expect(count(svg, /class="x-tick"/g)).toBe(2);
  });

  it('joins the points in date order with a polyline', () => {
    const shuffled = series([threePoints.points[2], threePoints.points[0], threePoints.points[1]]);
    const svg = trendSvg(shuffled);
    const points = /<polyline[^>]*points="([^"]+)"/
      .exec(svg)?.[1]
      .split(' ')
      .map((pair) => Number(pair.split(',')[0]));
    expect(points).toHaveLength(3);
    expect(points).toEqual([...(points ?? [])].sort((a, b) => a - b));
  });

  it('draws no polyline for a single point, but its marker', () => {
    const svg = trendSvg(series([point('r1', '2026-01-05T09:00:00Z', 4.2)]));
    expect(svg).not.toContain('<polyline');
    expect(count(svg, /<circle class="point normal"/g)).toBe(1);
  });

  it('shades the reference range', () => {
    const svg = trendSvg(threePoints);
    expect(svg).toContain('class="reference-range"');
    expect(svg).toContain('Reference range 3.5–5.3 mmol/L');
  });

  it('takes the band from the latest point that has a range, converted to the series unit', () => {
    const meq = (value: number): Quantity => ({ value, system: UCUM_SYSTEM, code: 'meq/L' });
    const svg = trendSvg(
      series([
        point('r1', '2026-01-05T09:00:00Z', 4.2),
        point('r2', '2026-02-05T09:00:00Z', 4.4, { referenceRange: { low: meq(3.6), high: meq(5.0) } }),
        point('r3', '2026-03-05T09:00:00Z', 4.6, { referenceRange: undefined }),
      ]),
    );
    expect(svg).toContain('Reference range 3.6–5 mmol/L');
  });

  it('draws no band when the range cannot be converted', () => {
    const svg = trendSvg(
      series([
        point('r1', '2026-01-05T09:00:00Z', 4.2, {
          referenceRange: { low: { value: 3.5, code: 'mg/dL' }, high: { value: 5.3, code: 'mg/dL' } },
        }),
      ]),
    );
    expect(svg).not.toContain('reference-range');
  });

  it('reads a bound sent without a unit in the unit of its value', () => {
    const svg = trendSvg(
      series([point('r1', '2026-01-05T09:00:00Z', 4.2, { referenceRange: { high: { value: 5.3 } } })]),
    );
    expect(svg).toContain('Reference range ≤ 5.3 mmol/L');
  });

  it('shades a band for an analyte it has no definition of when the range is in the series unit', () => {
    const svg = trendSvg(
      series([point('r1', '2026-01-05T09:00:00Z', 4.2)], {
        id: 'http://loinc.org|9999-9',
        display: 'Other',
        unit: 'mmol/L',
      }),
    );
    expect(svg).toContain('Reference range 3.5–5.3 mmol/L');
  });

  it('marks abnormal points as red diamonds and critical ones larger', () => {
    const svg = trendSvg(threePoints);
    const abnormal = /<polygon class="point abnormal" points="([^"]+)"/.exec(svg)?.[1];
    const critical = /<polygon class="point critical" points="([^"]+)"/.exec(svg)?.[1];
    const size = (corners: string | undefined) => {
      const ys = (corners ?? '').split(' ').map((pair) => Number(pair.split(',')[1]));
      return Math.max(...ys) - Math.min(...ys);
    };
    expect(size(critical)).toBeGreaterThan(size(abnormal));
    expect(svg).toMatch(/<polygon class="point abnormal"[^>]*fill="#c62828"/);
    expect(count(svg, /<circle class="point normal"/g)).toBe(1);
  });

  it('does not plot cancelled or unconvertible points, and counts them in a footnote', () => {
    const svg = trendSvg(
      series([
        ...threePoints.points,
        point('r4', '2026-04-05T09:00:00Z', 4.0, { status: 'cancelled', flag: 'unknown' }),
        point('r5', '2026-05-05T09:00:00Z', 70, { value: ucum(70, 'mg/dL'), normalised: undefined }),
      ]),
    );
    expect(count(svg, /class="point /g)).toBe(3);
    expect(svg).toContain('>2 results not plotted</text>');
    expect(svg).toMatch(/class="x-tick"[^>]*>2026-03-05</);
  });

  it('says "1 result not plotted" for one', () => {
    const svg = trendSvg(
      series([
        ...threePoints.points,
        point('r4', '2026-04-05T09:00:00Z', 4.0, { status: 'entered-in-error' }),
      ]),
    );
    expect(svg).toContain('>1 result not plotted</text>');
  });

  it('has no footnote when everything is plotted', () => {
    expect(trendSvg(threePoints)).not.toContain('footnote');
  });

  it('gives a valid SVG saying "No results" for an empty series', () => {
    const svg = trendSvg(series([]));
    assertWellFormedXml(svg);
    expect(svg).toContain('>No results</text>');
    expect(svg).toContain('<title id="trend-title">Serum potassium (mmol/L)</title>');
    expect(svg).not.toContain('<polyline');
  });

  it('says none were plotted when no point could be', () => {
    const svg = trendSvg(series([point('r1', '2026-01-05T09:00:00Z', 4.2, { status: 'cancelled' })]));
    assertWellFormedXml(svg);
    expect(svg).toContain('>No results plotted</text>');
    expect(svg).toContain('>1 result not plotted</text>');
  });

  it('takes a size, within limits', () => {
    expect(trendSvg(threePoints, { width: 800, height: 400 })).toContain('viewBox="0 0 800 400"');
    expect(trendSvg(threePoints, { width: 10, height: Number.NaN })).toContain('viewBox="0 0 240 320"');
  });

  it('draws the same bytes for the same series', () => {
    expect(trendSvg(threePoints)).toBe(trendSvg(series([...threePoints.points])));
  });

  it('keeps every coordinate inside the drawing', () => {
    const svg = trendSvg(threePoints);
    const numbers = [...svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy)="(-?[\d.]+)"/g)].map((match) =>
      Number(match[1]),
    );
    for (const value of numbers) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(640);
    }
  });
});
