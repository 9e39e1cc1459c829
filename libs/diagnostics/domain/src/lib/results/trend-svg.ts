import { type AnalyteDefinition, UCUM_SYSTEM, analyteById, normalisedValue } from './analytes';
import type { CumulativePoint, CumulativeSeries } from './cumulative-series';
import { type Ticks, niceTicks } from './chart-ticks';
import { isVoidStatus } from './result-flag';
import type { Quantity, ReferenceRange } from './result.types';

/** The drawing's size in pixels (defaults 640 × 320; at least 240 × 160). */
export interface TrendSvgOptions {
  readonly width?: number;
  readonly height?: number;
}

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 320;
const MIN_WIDTH = 240;
const MIN_HEIGHT = 160;
const MARGIN = { left: 64, right: 20, top: 40, bottom: 60 } as const;

const COLOURS = {
  line: '#1f4e79',
  axis: '#444444',
  grid: '#dddddd',
  band: '#2e7d32',
  abnormal: '#c62828',
  text: '#222222',
} as const;

interface Plotted {
  readonly point: CumulativePoint;
  readonly value: number;
  readonly time: number;
}

interface Band {
  readonly low?: number;
  readonly high?: number;
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * The series plotted as a self-contained SVG 1.1 document: its normalised points joined in date
 * order, the latest reference range shaded, abnormal points as red diamonds (critical ones larger),
 * 3–6 y ticks in the series unit and the first and last dates on x. Cancelled and unconvertible
 * points are not plotted but counted in a footnote. Deterministic: the same series draws the same
 * bytes. Every text is XML-escaped.
 */
export function trendSvg(series: CumulativeSeries, options: TrendSvgOptions = {}): string {
  const frame = frameOf(options);
  const title = `${series.analyte.display} (${series.analyte.unit})`;
  const plotted = plottedPoints(series.points);
  const notPlotted = series.points.length - plotted.length;
  const body =
    plotted.length === 0
      ? [centredText(frame, series.points.length === 0 ? 'No results' : 'No results plotted')]
      : chart(series, plotted, frame);
  return document(frame, title, [...body, ...footnote(frame, notPlotted)]);
}

function frameOf(options: TrendSvgOptions): Frame {
  const width = sizeOf(options.width, DEFAULT_WIDTH, MIN_WIDTH);
  const height = sizeOf(options.height, DEFAULT_HEIGHT, MIN_HEIGHT);
  return {
    width,
    height,
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
}

function sizeOf(requested: number | undefined, fallback: number, minimum: number): number {
  return requested !== undefined && Number.isFinite(requested)
    ? Math.max(minimum, Math.round(requested))
    : fallback;
}

function plottedPoints(points: readonly CumulativePoint[]): Plotted[] {
  return points
    .flatMap((point) => {
      const time = Date.parse(point.effectiveAt);
      return point.normalised === undefined || isVoidStatus(point.status) || Number.isNaN(time)
        ? []
        : [{ point, value: point.normalised, time }];
    })
    .sort((a, b) => a.time - b.time);
}

function chart(series: CumulativeSeries, plotted: readonly Plotted[], frame: Frame): string[] {
  const band = referenceBand(series);
  const values = [...plotted.map((entry) => entry.value), band.low, band.high].filter(
    (value): value is number => value !== undefined,
  );
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const yMin = ticks.values[0];
  const yMax = ticks.values[ticks.values.length - 1];
  const y = (value: number) => frame.bottom - ((value - yMin) / (yMax - yMin)) * (frame.bottom - frame.top);
  const tMin = plotted[0].time;
  const tMax = plotted[plotted.length - 1].time;
  const x = (time: number) =>
    tMax === tMin
      ? (frame.left + frame.right) / 2
      : frame.left + ((time - tMin) / (tMax - tMin)) * (frame.right - frame.left);
  const positions = plotted.map((entry) => ({ entry, x: x(entry.time), y: y(entry.value) }));
  return [
    ...bandRect(band, frame, y, yMin, yMax, series.analyte.unit),
    ...yAxis(ticks, frame, y, series.analyte.unit),
    ...xAxis(plotted, frame),
    ...(positions.length > 1
      ? [
          `<polyline class="trend" fill="none" stroke="${COLOURS.line}" stroke-width="2" points="${positions
            .map((position) => `${num(position.x)},${num(position.y)}`)
            .join(' ')}"/>`,
        ]
      : []),
    ...positions.map((position) => marker(position.entry, position.x, position.y, series.analyte.unit)),
  ];
}

/** The reference range of the latest point that has one, in the series unit where it converts. */
function referenceBand(series: CumulativeSeries): Band {
  const latest = [...series.points].reverse().find((point) => point.referenceRange !== undefined);
  if (latest?.referenceRange === undefined) return {};
  const definition = analyteById(series.analyte.id);
  const range: ReferenceRange = latest.referenceRange;
  const low = range.low && boundInUnit(range.low, latest.value, series.analyte.unit, definition);
  const high = range.high && boundInUnit(range.high, latest.value, series.analyte.unit, definition);
  return { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
}

function boundInUnit(
  bound: Quantity,
  value: Quantity,
  unit: string,
  definition: AnalyteDefinition | undefined,
): number | undefined {
  // A bound sent without a unit is in the unit of the value it qualifies.
  const withUnit: Quantity =
    bound.code === undefined && bound.unit === undefined
      ? { value: bound.value, system: value.system, code: value.code, unit: value.unit }
      : bound;
  if (definition !== undefined) return normalisedValue(withUnit, definition)?.value;
  const isSeriesUnit =
    withUnit.code === unit && (withUnit.system === undefined || withUnit.system === UCUM_SYSTEM);
  return isSeriesUnit && withUnit.comparator === undefined && Number.isFinite(withUnit.value)
    ? withUnit.value
    : undefined;
}

function bandRect(
  band: Band,
  frame: Frame,
  y: (value: number) => number,
  yMin: number,
  yMax: number,
  unit: string,
): string[] {
  if (band.low === undefined && band.high === undefined) return [];
  if (band.low !== undefined && band.high !== undefined && band.low > band.high) return [];
  const top = y(band.high ?? yMax);
  const bottom = y(band.low ?? yMin);
  const bounds =
    band.low === undefined
      ? `≤ ${band.high}`
      : band.high === undefined
        ? `≥ ${band.low}`
        : `${band.low}–${band.high}`;
  const label = `Reference range ${bounds} ${unit}`;
  return [
    `<rect class="reference-range" x="${num(frame.left)}" y="${num(top)}" width="${num(frame.right - frame.left)}" height="${num(bottom - top)}" fill="${COLOURS.band}" fill-opacity="0.12"><title>${escapeXml(label)}</title></rect>`,
  ];
}

function yAxis(ticks: Ticks, frame: Frame, y: (value: number) => number, unit: string): string[] {
  return [
    `<line class="axis" x1="${num(frame.left)}" y1="${num(frame.top)}" x2="${num(frame.left)}" y2="${num(frame.bottom)}" stroke="${COLOURS.axis}"/>`,
    ...ticks.values.flatMap((value) => [
      `<line class="grid" x1="${num(frame.left)}" y1="${num(y(value))}" x2="${num(frame.right)}" y2="${num(y(value))}" stroke="${COLOURS.grid}"/>`,
      `<text class="y-tick" x="${num(frame.left - 6)}" y="${num(y(value) + 4)}" text-anchor="end" font-size="11" fill="${COLOURS.text}">${value.toFixed(ticks.decimals)}</text>`,
    ]),
    `<text class="y-unit" x="${num(frame.left)}" y="${num(frame.top - 12)}" text-anchor="middle" font-size="11" fill="${COLOURS.text}">${escapeXml(unit)}</text>`,
  ];
}

function xAxis(plotted: readonly Plotted[], frame: Frame): string[] {
  const first = dateOf(plotted[0].point.effectiveAt);
  const last = dateOf(plotted[plotted.length - 1].point.effectiveAt);
  const labelY = num(frame.bottom + 18);
  const label = (x: number, anchor: string, text: string) =>
    `<text class="x-tick" x="${num(x)}" y="${labelY}" text-anchor="${anchor}" font-size="11" fill="${COLOURS.text}">${escapeXml(text)}</text>`;
  return [
    `<line class="axis" x1="${num(frame.left)}" y1="${num(frame.bottom)}" x2="${num(frame.right)}" y2="${num(frame.bottom)}" stroke="${COLOURS.axis}"/>`,
    ...(first === last
      ? [label((frame.left + frame.right) / 2, 'middle', first)]
      : [label(frame.left, 'start', first), label(frame.right, 'end', last)]),
  ];
}

function marker(entry: Plotted, x: number, y: number, unit: string): string {
  const { point } = entry;
  const title = `<title>${escapeXml(`${dateOf(point.effectiveAt)}: ${entry.value} ${unit} (${point.flag})`)}</title>`;
  if (point.flag === 'abnormal' || point.flag === 'critical') {
    const size = point.flag === 'critical' ? 8 : 5;
    const corners = [
      [x, y - size],
      [x + size, y],
      [x, y + size],
      [x - size, y],
    ];
    return `<polygon class="point ${point.flag}" points="${corners.map(([cx, cy]) => `${num(cx)},${num(cy)}`).join(' ')}" fill="${COLOURS.abnormal}" stroke="${COLOURS.abnormal}">${title}</polygon>`;
  }
  // Unknown: drawn hollow, it was not read against a range.
  const fill = point.flag === 'normal' ? COLOURS.line : '#ffffff';
  return `<circle class="point ${point.flag}" cx="${num(x)}" cy="${num(y)}" r="3.5" fill="${fill}" stroke="${COLOURS.line}">${title}</circle>`;
}

function footnote(frame: Frame, notPlotted: number): string[] {
  if (notPlotted === 0) return [];
  const text = `${notPlotted} ${notPlotted === 1 ? 'result' : 'results'} not plotted`;
  return [
    `<text class="footnote" x="${num(frame.left)}" y="${num(frame.height - 12)}" font-size="11" fill="${COLOURS.text}">${escapeXml(text)}</text>`,
  ];
}

function centredText(frame: Frame, text: string): string {
  return `<text class="message" x="${num(frame.width / 2)}" y="${num(frame.height / 2)}" text-anchor="middle" font-size="14" fill="${COLOURS.text}">${escapeXml(text)}</text>`;
}

function document(frame: Frame, title: string, elements: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${frame.width}" height="${frame.height}" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-labelledby="trend-title" font-family="sans-serif">`,
    `<title id="trend-title">${escapeXml(title)}</title>`,
    `<rect width="${frame.width}" height="${frame.height}" fill="#ffffff"/>`,
    `<text class="heading" x="${num(frame.width / 2)}" y="20" text-anchor="middle" font-size="14" fill="${COLOURS.text}">${escapeXml(title)}</text>`,
    ...elements,
    '</svg>',
    '',
  ].join('\n');
}

function dateOf(effectiveAt: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(effectiveAt) ? effectiveAt.slice(0, 10) : effectiveAt;
}

function num(value: number): string {
  const rounded = Number(value.toFixed(2));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// Text made safe for XML content and attribute values.
function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
