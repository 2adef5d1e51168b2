// The charts of the ad pages, drawn as SVG by hand (attributes and classes only, for the CSP), at
// the measured width of their box so that their text keeps its size on a phone:
// - GroupTimeline: one bar per ad of a linked group, from first to last seen, coloured and
//   labelled by municipality, so a group moving between cities shows;
// - ActiveAdsChart: active ads per municipality over time, one line per municipality (colour and
//   line pattern), with the dates of operations as labelled vertical lines.
// Each is one image with a text alternative (<title> and <desc>); the pages put the same numbers
// in a table beside it.
import type { Ad, TimelineEntry } from '../ads';
import { useI18n, type Lang } from '../i18n';
import { timeZone } from '../time';
import { adName, SeriesLegend, seriesClass, useWidth } from './ads';
import { ChartAxes, valueAxis } from './chart_axes';
import { ChartFigure, LegendItem } from './chart_frame';

const dayMs = 24 * 3600 * 1000;

const shortDates = new Map<string, Intl.DateTimeFormat>();

/** "20 nov." in Stockholm time. */
export function shortDate(lang: Lang, ms: number): string {
  let f = shortDates.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'short', timeZone });
    shortDates.set(lang, f);
  }
  return f.format(ms);
}

/** A calendar date "YYYY-MM-DD" as milliseconds at noon UTC (the same day in Stockholm). */
export function dateMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Evenly spaced tick positions between a and b (inclusive), at most `count`. */
function ticks(a: number, b: number, count: number): number[] {
  if (count < 2 || b <= a) return [a];
  return Array.from({ length: count }, (_, i) => a + ((b - a) * i) / (count - 1));
}

export interface TimelinePlace {
  code: string;
  name: string;
}

/** The municipalities of a timeline in the order the group first advertised in them. */
export function timelinePlaces(entries: readonly TimelineEntry[], unknown: string): TimelinePlace[] {
  const sorted = [...entries].sort((a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen));
  const places: TimelinePlace[] = [];
  for (const e of sorted) {
    const code = e.municipality?.code ?? '';
    if (!places.some((p) => p.code === code)) places.push({ code, name: e.municipality?.name ?? unknown });
  }
  return places;
}

export function GroupTimeline(props: {
  id: string;
  title: string;
  description: string;
  entries: readonly TimelineEntry[];
  ads: readonly Ad[];
}) {
  const { t, lang } = useI18n();
  const { ref, width } = useWidth<HTMLDivElement>(640);
  const unknown = t('ads.unknownMunicipality');
  const places = timelinePlaces(props.entries, unknown);
  const rows = [...props.entries].sort(
    (a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen) || Date.parse(a.lastSeen) - Date.parse(b.lastSeen),
  );
  if (rows.length === 0) return null;

  let t0 = Math.min(...rows.map((r) => Date.parse(r.firstSeen)));
  let t1 = Math.max(...rows.map((r) => Date.parse(r.lastSeen)));
  const pad = Math.max(dayMs / 2, (t1 - t0) * 0.03);
  t0 -= pad;
  t1 += pad;
  const left = 4;
  const right = 4;
  const plot = width - left - right;
  const x = (ms: number) => left + ((ms - t0) / (t1 - t0)) * plot;
  const rowHeight = 42;
  const axis = 30;
  const height = rows.length * rowHeight + axis;
  const chars = Math.max(12, Math.floor(plot / 7));
  const placeIndex = (code: string) => Math.max(0, places.findIndex((p) => p.code === code));
  const adOf = (id: string) => props.ads.find((a) => a.id === id);
  const tickCount = Math.max(2, Math.min(6, Math.floor(plot / 110)));

  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      description={props.description}
      boxRef={ref}
      width={width}
      height={height}
      legend={<SeriesLegend items={places.map((p) => ({ key: p.code, label: p.name }))} kind="bar" />}
    >
      {ticks(t0 + pad, t1 - pad, tickCount).map((ms, i) => (
        <line key={`g${i}`} class="chart__grid" x1={x(ms)} x2={x(ms)} y1={0} y2={rows.length * rowHeight} />
      ))}
      {rows.map((r, i) => {
        const top = i * rowHeight;
        const code = r.municipality?.code ?? '';
        const ad = adOf(r.ad);
        const name = ad ? adName(t, ad) : t('ad.untitled', { id: r.ad });
        const place = r.municipality?.name ?? unknown;
        const x1 = x(Date.parse(r.firstSeen));
        const x2 = Math.max(x1 + 4, x(Date.parse(r.lastSeen)));
        return (
          <g key={`${r.ad}-${i}`}>
            <text class="chart__label" x={left} y={top + 14}>
              {truncate(`${place} · ${name}`, chars)}
            </text>
            <rect
              class={`series-fill ${seriesClass(placeIndex(code))}`}
              x={x1}
              y={top + 20}
              width={x2 - x1}
              height={14}
              rx={2}
            />
          </g>
        );
      })}
      <line class="chart__axis" x1={left} x2={width - right} y1={rows.length * rowHeight + 2} y2={rows.length * rowHeight + 2} />
      {ticks(t0 + pad, t1 - pad, tickCount).map((ms, i, all) => (
        <text
          key={`l${i}`}
          class="chart__tick"
          x={x(ms)}
          y={rows.length * rowHeight + 20}
          text-anchor={i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle'}
        >
          {shortDate(lang, ms)}
        </text>
      ))}
    </ChartFigure>
  );
}

export interface ChartSeries {
  key: string;
  label: string;
  /** One value per point of the chart. */
  values: readonly number[];
}

export interface ChartMarker {
  key: string;
  date: string;
  label: string;
}

export function ActiveAdsChart(props: {
  id: string;
  title: string;
  description: string;
  /** The dates ("YYYY-MM-DD") of the points, the start of each period, in order. */
  points: readonly string[];
  series: readonly ChartSeries[];
  markers: readonly ChartMarker[];
  /** What a marker is, for the legend ("Insats"). */
  markerName: string;
  /** The text of the y axis. */
  unit: string;
}) {
  const { lang } = useI18n();
  const { ref, width } = useWidth<HTMLDivElement>(640);
  const { points, series } = props;
  if (points.length === 0 || series.length === 0) return null;

  const { top, ticks: yTicks, left } = valueAxis(Math.max(1, ...series.flatMap((s) => s.values)));
  const right = 14;
  const upper = 34;
  const lower = 30;
  const height = 300;
  const plotHeight = height - upper - lower;
  const first = dateMs(points[0] ?? '');
  const last = dateMs(points[points.length - 1] ?? '');
  const span = Math.max(last - first, dayMs);
  const plot = width - left - right;
  const x = (ms: number) => left + (points.length === 1 ? plot / 2 : ((ms - first) / span) * plot);
  const y = (v: number) => upper + plotHeight - (v / top) * plotHeight;
  const tickCount = Math.max(2, Math.min(7, Math.floor(plot / 90), points.length));
  const xTicks = ticks(first, points.length === 1 ? first : last, points.length === 1 ? 1 : tickCount);

  // Operation labels that would collide are put on a second line.
  let previous = -Infinity;
  let row = 0;
  const markers = props.markers
    .map((m) => ({ ...m, x: x(dateMs(m.date)) }))
    .filter((m) => m.x >= left - 0.5 && m.x <= width - right + 0.5)
    .sort((a, b) => a.x - b.x)
    .map((m) => {
      row = m.x - previous < 70 ? 1 - row : 0;
      previous = m.x;
      return { ...m, row };
    });

  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      description={props.description}
      boxRef={ref}
      width={width}
      height={height}
      legend={
        <SeriesLegend items={series.map((s) => ({ key: s.key, label: s.label }))} kind="line">
          {markers.length > 0 && (
            <LegendItem label={props.markerName}>
              <line class="chart__marker" x1="12" y1="0" x2="12" y2="10" />
            </LegendItem>
          )}
        </SeriesLegend>
      }
    >
      <ChartAxes
        width={width}
        height={height}
        left={left}
        right={right}
        upper={upper}
        unit={props.unit}
        y={y}
        valueTicks={yTicks}
        xTicks={xTicks.map((ms) => ({ x: x(ms), label: shortDate(lang, ms) }))}
      />
      {markers.map((m) => (
        <g key={m.key} class="chart__operation" data-date={m.date}>
          <line class="chart__marker" x1={m.x} x2={m.x} y1={upper - 6} y2={y(0)} />
          <text
            class="chart__marker-label"
            x={m.x}
            y={upper - 10 - m.row * 12}
            text-anchor={m.x < left + 30 ? 'start' : m.x > width - right - 30 ? 'end' : 'middle'}
          >
            {m.label}
          </text>
        </g>
      ))}
      {series.map((s, i) => {
        const coords = s.values.map((v, j) => [x(dateMs(points[j] ?? '')), y(v)] as const);
        const d = coords.map(([cx, cy], j) => `${j === 0 ? 'M' : 'L'}${cx.toFixed(1)} ${cy.toFixed(1)}`).join(' ');
        return (
          <g key={s.key} class="chart__series" data-municipality={s.key}>
            {coords.length > 1 && <path class={`series-line ${seriesClass(i)}`} d={d} />}
            {(coords.length <= 40 ? coords : []).map(([cx, cy], j) => (
              <circle key={j} class={`series-point ${seriesClass(i)}`} cx={cx} cy={cy} r={2.5} />
            ))}
          </g>
        );
      })}
    </ChartFigure>
  );
}
