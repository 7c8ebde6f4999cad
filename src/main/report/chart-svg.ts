/**
 * Inline SVG charts, drawn here so the report needs no script and no
 * library: axes with round ticks and units, lines broken where a value is
 * missing, pause stems, and each finding's time range as a shaded band
 * labelled with the finding's number. Sizes are in SVG user units; the
 * page scales the chart to its width.
 */
import type { Severity } from '../../shared/analysis';
import type { FindingBand } from './chart-series';
import { html, type SafeHtml } from './html';

const WIDTH = 960;
const PLOT_H = 212;
const LEGEND_H = 30;
/** One lane per finding with a time range, above the plot: a bar over the range, labelled F1, F2… */
const LANE_H = 15;
const MARGIN = { left: 72, right: 24, bottom: 48 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;

export interface ChartLine {
  label: string;
  values: Array<number | null>;
  color: string;
  dashed?: boolean;
}

export interface ChartSpec {
  id: string;
  title: string;
  x: number[];
  xLabel: string;
  /** What the y axis counts, with its unit, after the values were divided by `yDivisor`. */
  yLabel: string;
  yDivisor: number;
  lines: ChartLine[];
  /** Drawn as stems from zero (pauses) instead of a line. */
  stems?: boolean;
  bands: FindingBand[];
}

const BAND_FILL: Record<Severity, string> = { critical: '#c1121f', warning: '#e76f00', info: '#2a6fdb' };

/** A round step (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`. */
function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

function ticks(min: number, max: number, count: number): number[] {
  const step = niceStep(max - min, count);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function tickLabel(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${(v / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(v / 1e3).toPrecision(3)}k`;
  return String(Number(v.toPrecision(4)));
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export function renderChart(spec: ChartSpec): SafeHtml {
  const xs = spec.x;
  const values = spec.lines.flatMap((l) => l.values.filter((v): v is number => v !== null).map((v) => v / spec.yDivisor));
  const bandXs = spec.bands.flatMap((b) => [b.fromX, b.toX]);
  let xMin = Math.min(...xs, ...bandXs);
  let xMax = Math.max(...xs, ...bandXs);
  if (!(xMax > xMin)) [xMin, xMax] = [xMin - 1, xMin + 1];
  const yMax = Math.max(...values, 0) * 1.08 || 1;
  const lanes = [...new Set(spec.bands.map((b) => b.finding))];
  const top = LEGEND_H + lanes.length * LANE_H + (lanes.length > 0 ? 6 : 0);
  const height = top + PLOT_H + MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - xMin) / (xMax - xMin)) * PLOT_W;
  const sy = (y: number) => top + PLOT_H - (y / yMax) * PLOT_H;

  const xTicks = ticks(xMin, xMax, 8);
  const yTicks = ticks(0, yMax, 5);
  const grid = html`${yTicks.map(
    (v) => html`<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${fmt(sy(v))}" y2="${fmt(sy(v))}"/><text class="tick" x="${MARGIN.left - 6}" y="${fmt(sy(v) + 4)}" text-anchor="end">${tickLabel(v)}</text>`,
  )}${xTicks.map(
    (v) => html`<line class="tickmark" x1="${fmt(sx(v))}" x2="${fmt(sx(v))}" y1="${top + PLOT_H}" y2="${top + PLOT_H + 5}"/><text class="tick" x="${fmt(sx(v))}" y="${top + PLOT_H + 18}" text-anchor="middle">${tickLabel(v)}</text>`,
  )}`;

  const bands = spec.bands.map((b) => {
    const x0 = sx(Math.max(b.fromX, xMin));
    const x1 = Math.max(sx(Math.min(b.toX, xMax)), x0 + 3);
    const color = BAND_FILL[b.severity];
    const laneY = LEGEND_H + lanes.indexOf(b.finding) * LANE_H;
    // The rule's name when the bar has room for it (about 6 units a character at this size); a bar too
    // narrow for even "F1" gets its label beside it, in the band's colour.
    const long = `F${b.finding} ${b.rule}`;
    const inside = x1 - x0 > (long.length + 2) * 6 ? long : x1 - x0 > 24 ? `F${b.finding}` : null;
    const outside = inside === null ? (x1 + 40 < WIDTH ? { x: x1 + 3, anchor: 'start' } : { x: x0 - 3, anchor: 'end' }) : null;
    const label = inside
      ? html`<text class="band-label" x="${fmt(x0 + 4)}" y="${laneY + LANE_H - 6}">${inside}</text>`
      : html`<text class="band-label" x="${fmt(outside!.x)}" y="${laneY + LANE_H - 6}" text-anchor="${outside!.anchor}" style="fill: ${color}">F${b.finding}</text>`;
    return html`<g class="band" data-finding="F${b.finding}"><rect x="${fmt(x0)}" y="${top}" width="${fmt(x1 - x0)}" height="${PLOT_H}" fill="${color}" fill-opacity="0.06"/><line x1="${fmt(x0)}" x2="${fmt(x0)}" y1="${laneY}" y2="${top + PLOT_H}" stroke="${color}" stroke-opacity="0.5" stroke-dasharray="3 3"/><line x1="${fmt(x1)}" x2="${fmt(x1)}" y1="${laneY}" y2="${top + PLOT_H}" stroke="${color}" stroke-opacity="0.5" stroke-dasharray="3 3"/><rect x="${fmt(x0)}" y="${laneY}" width="${fmt(x1 - x0)}" height="${LANE_H - 3}" rx="2" fill="${color}" fill-opacity="0.85"/>${label}</g>`;
  });

  const marks = spec.lines.map((line) => {
    let d = '';
    let pen = false;
    line.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      const x = fmt(sx(xs[i]!));
      d += spec.stems ? `M${x} ${fmt(sy(0))}V${fmt(sy(v / spec.yDivisor))}` : `${pen ? 'L' : 'M'}${x} ${fmt(sy(v / spec.yDivisor))}`;
      pen = true;
    });
    return html`<path d="${d}" fill="none" stroke="${line.color}" stroke-width="${spec.stems ? 1 : 1.6}"${line.dashed ? html` stroke-dasharray="5 4"` : ''}/>`;
  });

  const legend = spec.lines.map(
    (line, i) =>
      html`<g transform="translate(${MARGIN.left + i * 170} 18)"><line x1="0" x2="18" y1="-4" y2="-4" stroke="${line.color}" stroke-width="3"${line.dashed ? html` stroke-dasharray="5 3"` : ''}/><text class="legend" x="24" y="0">${line.label}</text></g>`,
  );

  return html`<svg class="chart" id="${spec.id}" data-testid="${spec.id}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${spec.title}" xmlns="http://www.w3.org/2000/svg">
<title>${spec.title}</title>
${legend}
${bands}
${grid}
<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${top + PLOT_H}" y2="${top + PLOT_H}"/>
<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${top}" y2="${top + PLOT_H}"/>
${marks}
<text class="axis-label" x="${MARGIN.left + PLOT_W / 2}" y="${height - 8}" text-anchor="middle">${spec.xLabel}</text>
<text class="axis-label" transform="translate(16 ${top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">${spec.yLabel}</text>
</svg>`;
}

/** The binary unit that keeps heap figures readable: B, KiB, MiB or GiB. */
export function byteUnit(maxBytes: number): { label: string; divisor: number } {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (u < units.length - 1 && maxBytes >= 1024 ** (u + 1) * 2) u++;
  return { label: units[u]!, divisor: 1024 ** u };
}
