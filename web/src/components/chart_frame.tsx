// The frame the charts of the ad pages share: a figure with its caption, an HTML legend above the
// image (readable at any width), the SVG image itself in a box whose width the chart measures, and
// an optional note under it.
// The image is one `role="img"` with a <title> and <desc>, named by ids made from the chart's id,
// and carries its namespace so that it is also a valid file when downloaded.
import type { ComponentChildren, Ref } from 'preact';

/** One entry of a chart's legend: a short swatch (SVG shapes in a 24 × 10 box) and its label. */
export function LegendItem(props: { label: ComponentChildren; children: ComponentChildren }) {
  return (
    <li class="chart__key-item">
      <svg class="chart__swatch chart__swatch--wide" viewBox="0 0 24 10" aria-hidden="true" focusable="false">
        {props.children}
      </svg>
      {props.label}
    </li>
  );
}

export function ChartFigure(props: {
  id: string;
  title: string;
  description: string;
  /** The legend, above the image. */
  legend: ComponentChildren;
  /** Put on the box whose width the chart follows (`useWidth`). */
  boxRef: Ref<HTMLDivElement>;
  width: number;
  height: number;
  /** Classes of the image besides `chart__svg chart__svg--fluid`. */
  svgClass?: string;
  svgRef?: Ref<SVGSVGElement>;
  /** Under the image: a note on what it shows. */
  footer?: ComponentChildren;
  /** What is drawn. */
  children: ComponentChildren;
}) {
  const { id, width, height } = props;
  return (
    <figure class="chart chart--wide" aria-labelledby={`${id}-caption`}>
      <figcaption class="chart__title" id={`${id}-caption`}>
        {props.title}
      </figcaption>
      {props.legend}
      <div class="chart__box" ref={props.boxRef}>
        <svg
          ref={props.svgRef ?? null}
          xmlns="http://www.w3.org/2000/svg"
          class={`chart__svg chart__svg--fluid${props.svgClass ? ` ${props.svgClass}` : ''}`}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
        >
          <title id={`${id}-svg-title`}>{props.title}</title>
          <desc id={`${id}-svg-desc`}>{props.description}</desc>
          {props.children}
        </svg>
      </div>
      {props.footer}
    </figure>
  );
}
