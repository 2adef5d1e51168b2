// The axes of the line charts of the ad pages (ActiveAdsChart, OutcomeChart), drawn as SVG by hand
// like the charts (attributes and classes only, for the CSP): the unit above the plot, a grid line
// and a label for each value tick, the zero axis, and the labels of the x ticks under the plot, the
// first anchored at its start and the last at its end so that neither runs out of the image.

/** The smallest of 1, 2, 5 × 10^k that is at least `value`. */
function niceStep(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

export interface ValueAxis {
  /** The value at the top of the plot: the last tick. */
  top: number;
  /** From 0 to `top` in round steps. */
  ticks: number[];
  /** The room the tick labels need left of the plot. */
  left: number;
}

/** The value axis for values up to `max` (at least 1): about four round steps. */
export function valueAxis(max: number): ValueAxis {
  const step = niceStep(max / 4);
  const top = Math.ceil(max / step) * step;
  return {
    top,
    ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step),
    left: 12 + String(top).length * 8,
  };
}

export interface AxisTick {
  /** Where the tick is in the image. */
  x: number;
  label: string;
}

/**
 * The axes of a chart `width` × `height` whose plot starts `left` from its left edge, ends `right`
 * before its right edge and `upper` below its top; `y` places a value.
 */
export function ChartAxes(props: {
  width: number;
  height: number;
  left: number;
  right: number;
  upper: number;
  unit: string;
  y: (value: number) => number;
  valueTicks: readonly number[];
  xTicks: readonly AxisTick[];
}) {
  const { width, height, left, right, upper, y } = props;
  return (
    <>
      <text class="chart__tick" x={left} y={upper - 22}>
        {props.unit}
      </text>
      {props.valueTicks.map((v) => (
        <g key={`y${v}`}>
          <line class="chart__grid" x1={left} x2={width - right} y1={y(v)} y2={y(v)} />
          <text class="chart__tick" x={left - 6} y={y(v) + 4} text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      <line class="chart__axis" x1={left} x2={width - right} y1={y(0)} y2={y(0)} />
      {props.xTicks.map((tick, i, all) => (
        <text
          key={`x${i}`}
          class="chart__tick"
          x={tick.x}
          y={height - 10}
          text-anchor={all.length > 1 && i === 0 ? 'start' : all.length > 1 && i === all.length - 1 ? 'end' : 'middle'}
        >
          {tick.label}
        </text>
      ))}
    </>
  );
}
