// The chart of the outcome page, drawn as SVG by hand like the other ad charts (attributes and
// classes only, for the CSP), at the measured width of its box: the observed active ads per period
// as points joined by a thin line (a suppressed period is a gap, marked below the axis), the
// model's fitted line, the counterfactual (what the model expects without the operations) as a
// dashed line from the intervention on, and the intervention as a labelled vertical line with the
// periods after it shaded. One image with a <title> and <desc>; the page puts the numbers in a
// table. `svgForDownload` and `pngForDownload` turn the drawn chart into files that carry their
// own colours (the page's stylesheet does not travel with them).
import type { Ref } from 'preact';
import { useWidth } from './ads';
import { ChartAxes, valueAxis } from './chart_axes';
import { ChartFigure, LegendItem } from './chart_frame';

export interface OutcomeChartPoint {
  /** The period in words, for the axis ("jan. 2025"). */
  label: string;
  observed: number | null;
  fitted: number;
  counterfactual: number;
  after: boolean;
}

function path(coords: readonly (readonly [number, number] | null)[]): string {
  let d = '';
  let pen = false;
  for (const c of coords) {
    if (!c) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${c[0].toFixed(1)} ${c[1].toFixed(1)} `;
    pen = true;
  }
  return d.trim();
}

export function OutcomeChart(props: {
  id: string;
  title: string;
  description: string;
  points: readonly OutcomeChartPoint[];
  interventionLabel: string;
  legend: { observed: string; fitted: string; counterfactual: string; intervention: string; suppressed: string };
  unit: string;
  svgRef: Ref<SVGSVGElement>;
}) {
  const { ref, width } = useWidth<HTMLDivElement>(640);
  const { points } = props;
  if (points.length === 0) return null;

  const values = points.flatMap((p) => [p.observed ?? 0, p.fitted, p.after ? p.counterfactual : 0]);
  const { top, ticks: yTicks, left } = valueAxis(Math.max(1, ...values));
  const right = 14;
  const upper = 34;
  const lower = 30;
  const height = 320;
  const plotHeight = height - upper - lower;
  const plot = width - left - right;
  const n = points.length;
  const x = (i: number) => left + (n === 1 ? plot / 2 : (i / (n - 1)) * plot);
  const y = (v: number) => upper + plotHeight - (v / top) * plotHeight;
  const firstAfter = points.findIndex((p) => p.after);
  // The intervention line sits half a period before the first period after it.
  const xi = firstAfter <= 0 ? x(Math.max(0, firstAfter)) : (x(firstAfter - 1) + x(firstAfter)) / 2;
  const tickCount = Math.max(2, Math.min(7, Math.floor(plot / 95), n));
  const tickAt = Array.from(new Set(Array.from({ length: tickCount }, (_, k) => Math.round(((n - 1) * k) / (tickCount - 1)))));

  const observed = points.map((p, i) => (p.observed === null ? null : ([x(i), y(p.observed)] as const)));
  const fitted = points.map((p, i) => [x(i), y(p.fitted)] as const);
  // From the last period before the intervention, where the two agree, so the lines part visibly.
  const counterfactual = points.map((p, i) =>
    p.after || i === firstAfter - 1 ? ([x(i), y(p.counterfactual)] as const) : null,
  );

  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      description={props.description}
      boxRef={ref}
      width={width}
      height={height}
      svgClass="outcome-chart"
      svgRef={props.svgRef}
      footer={points.some((p) => p.observed === null) && <p class="chart__note">{props.legend.suppressed}</p>}
      legend={
        <ul class="chart__key">
          <LegendItem label={props.legend.observed}>
            <line class="outcome-observed-line" x1="0" y1="5" x2="24" y2="5" />
            <circle class="outcome-observed-point" cx="12" cy="5" r="3" />
          </LegendItem>
          <LegendItem label={props.legend.fitted}>
            <line class="outcome-fitted" x1="0" y1="5" x2="24" y2="5" />
          </LegendItem>
          <LegendItem label={props.legend.counterfactual}>
            <line class="outcome-counterfactual" x1="0" y1="5" x2="24" y2="5" />
          </LegendItem>
          <LegendItem label={props.legend.intervention}>
            <line class="chart__marker" x1="12" y1="0" x2="12" y2="10" />
          </LegendItem>
        </ul>
      }
    >
      <rect class="outcome-background" x={0} y={0} width={width} height={height} />
      {firstAfter >= 0 && (
        <rect class="outcome-after" x={xi} y={upper} width={Math.max(0, width - right - xi)} height={plotHeight} />
      )}
      <ChartAxes
        width={width}
        height={height}
        left={left}
        right={right}
        upper={upper}
        unit={props.unit}
        y={y}
        valueTicks={yTicks}
        xTicks={tickAt.map((i) => ({ x: x(i), label: points[i]?.label ?? '' }))}
      />
      {firstAfter >= 0 && (
        <g class="chart__operation">
          <line class="chart__marker" x1={xi} x2={xi} y1={upper - 6} y2={y(0)} />
          <text
            class="chart__marker-label"
            x={xi}
            y={upper - 10}
            text-anchor={xi < left + 60 ? 'start' : xi > width - right - 60 ? 'end' : 'middle'}
          >
            {props.interventionLabel}
          </text>
        </g>
      )}
      <path class="outcome-observed-line" d={path(observed)} />
      {observed.map((c, i) =>
        c ? (
          <circle key={`o${i}`} class="outcome-observed-point" cx={c[0]} cy={c[1]} r={n > 60 ? 2 : 3} />
        ) : (
          <text key={`s${i}`} class="outcome-suppressed" x={x(i)} y={y(0) - 4} text-anchor="middle">
            ×
          </text>
        ),
      )}
      <path class="outcome-fitted" d={path(fitted)} />
      <path class="outcome-counterfactual" d={path(counterfactual)} />
    </ChartFigure>
  );
}

const exported = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-size',
  'font-family',
  'font-weight',
  'opacity',
] as const;

/**
 * The drawn chart as a standalone SVG file: each element gets the colours and lines the
 * stylesheet gave it as presentation attributes, since the file travels without the stylesheet.
 */
export function svgForDownload(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const to = [copy, ...Array.from(copy.querySelectorAll('*'))];
  from.forEach((element, i) => {
    const target = to[i];
    if (!target) return;
    const style = getComputedStyle(element);
    for (const name of exported) {
      const value = style.getPropertyValue(name);
      if (value && value !== 'none' && value !== 'normal') target.setAttribute(name, value);
      else if (value === 'none' && (name === 'fill' || name === 'stroke')) target.setAttribute(name, 'none');
    }
    target.removeAttribute('class');
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('role');
  copy.removeAttribute('aria-labelledby');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** The chart as a PNG at twice its size (a data: URL image, which the CSP allows, drawn on a canvas). */
export function pngForDownload(svg: SVGSVGElement): Promise<Blob> {
  const text = svgForDownload(svg);
  const width = svg.viewBox.baseVal.width || svg.clientWidth;
  const height = svg.viewBox.baseVal.height || svg.clientHeight;
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const url = `data:image/svg+xml;base64,${btoa(binary)}`;
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('no canvas'));
        return;
      }
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no image'))), 'image/png');
    };
    image.onerror = () => reject(new Error('the chart could not be drawn'));
    image.src = url;
  });
}
