// Aggregated numbers (docs/api.md "Numbers"): a table in which a suppressed cell reads "–" with a
// hidden "dolt, färre än 5" for screen readers, a legend that explains suppression, and a bar
// chart of contacts and accepted offers drawn as SVG (attributes and classes only, for the CSP).
import { codeLabel } from '../codes';
import { useI18n, type I18n } from '../i18n';
import type { Numbers, NumbersCells } from '../operations';
import { Cell, Row, StackedTable } from './table';

function columnLabel(t: I18n['t'], column: string): string {
  return codeLabel(t, 'numbersColumn', column);
}

/** One value: the number, or "–" when it is hidden. */
export function NumberValue(props: { cells: NumbersCells; index: number; minCell: number }) {
  const { t, lang } = useI18n();
  const value = props.cells.values[props.index];
  const hidden = props.cells.hidden[props.index] === true;
  if (value === null || value === undefined || hidden) {
    return (
      <span class="number number--hidden">
        <span aria-hidden="true">–</span>
        <span class="visually-hidden">
          {hidden || value === null ? t('numbers.hiddenCell', { min: props.minCell }) : t('numbers.noValue')}
        </span>
      </span>
    );
  }
  return <span class="number">{value.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB')}</span>;
}

/** The legend under a table with suppressed cells. */
export function SuppressionLegend(props: { numbers: Numbers }) {
  const { t } = useI18n();
  if (!props.numbers.suppressed) return null;
  return (
    <p class="numbers-legend">{t('numbers.legend', { min: props.numbers.minCell })}</p>
  );
}

/** One row of numbers (an operation's) as a table of measure and count. */
export function NumbersList(props: { numbers: Numbers; caption: string }) {
  const { t } = useI18n();
  const { numbers } = props;
  const row = numbers.rows[0];
  if (!row) return null;
  return (
    <>
      <table class="table table--measures">
        <caption class="table__caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('numbers.measure')}</th>
            <th scope="col">{t('numbers.count')}</th>
          </tr>
        </thead>
        <tbody>
          {numbers.columns.map((c, i) => (
            <tr key={c}>
              <th scope="row">{columnLabel(t, c)}</th>
              <td>
                <NumberValue cells={row} index={i} minCell={numbers.minCell} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SuppressionLegend numbers={numbers} />
    </>
  );
}

/** Every row of `numbers` as a table (rows stack into blocks on a phone). */
export function NumbersTable(props: { numbers: Numbers; caption: string; rowHeader: string }) {
  const { t } = useI18n();
  const { numbers } = props;
  const columns = numbers.columns.map((c) => columnLabel(t, c));
  return (
    <>
      <StackedTable caption={props.caption} columns={[props.rowHeader, ...columns]} class="table--numbers">
        {numbers.rows.map((row) => (
          <Row key={row.key}>
            <Cell label={props.rowHeader}>{row.label || row.key}</Cell>
            {numbers.columns.map((c, i) => (
              <Cell key={c} label={columns[i] ?? c}>
                <NumberValue cells={row} index={i} minCell={numbers.minCell} />
              </Cell>
            ))}
          </Row>
        ))}
        {numbers.total && numbers.rows.length > 1 && (
          <Row>
            <Cell label={props.rowHeader}>
              <strong>{t('numbers.total')}</strong>
            </Cell>
            {numbers.columns.map((c, i) => (
              <Cell key={c} label={columns[i] ?? c}>
                <strong>
                  <NumberValue cells={numbers.total as NumbersCells} index={i} minCell={numbers.minCell} />
                </strong>
              </Cell>
            ))}
          </Row>
        )}
      </StackedTable>
      <SuppressionLegend numbers={numbers} />
    </>
  );
}

/**
 * Contacts and accepted offers per row as horizontal bars. The SVG is one image with a text
 * alternative that gives every value; the table above has the same numbers.
 */
export function NumbersChart(props: { numbers: Numbers; title: string }) {
  const { t } = useI18n();
  const { numbers } = props;
  const series = ['contacts', 'offers_accepted']
    .map((name) => ({ name, index: numbers.columns.indexOf(name) }))
    .filter((s) => s.index >= 0);
  if (series.length === 0 || numbers.rows.length === 0) return null;

  const value = (row: NumbersCells, index: number) =>
    row.hidden[index] ? null : (row.values[index] ?? null);
  const max = Math.max(
    1,
    ...numbers.rows.flatMap((row) => series.map((s) => value(row, s.index) ?? 0)),
  );

  const width = 320;
  const labelHeight = 18;
  const barHeight = 14;
  const gap = 4;
  const groupHeight = labelHeight + series.length * (barHeight + gap) + 10;
  const height = numbers.rows.length * groupHeight;
  const valueSpace = 56;
  const barSpace = width - valueSpace;

  const describeValue = (v: number | null) =>
    v === null ? t('numbers.hiddenCell', { min: numbers.minCell }) : String(v);
  const alternative = numbers.rows
    .map(
      (row) =>
        `${row.label || row.key}: ${series
          .map((s) => `${columnLabel(t, s.name)} ${describeValue(value(row, s.index))}`)
          .join(', ')}`,
    )
    .join('; ');

  return (
    <figure class="chart">
      <figcaption class="chart__title">{props.title}</figcaption>
      <ul class="chart__key" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.name} class="chart__key-item">
            <svg class="chart__swatch" viewBox="0 0 10 10" focusable="false">
              <rect class={`chart__bar chart__bar--${i}`} width="10" height="10" />
            </svg>
            {columnLabel(t, s.name)}
          </li>
        ))}
      </ul>
      <svg
        class="chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${props.title}. ${alternative}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {numbers.rows.map((row, r) => {
          const top = r * groupHeight;
          return (
            <g key={row.key}>
              <text class="chart__label" x="0" y={top + labelHeight - 5}>
                {row.label || row.key}
              </text>
              {series.map((s, i) => {
                const v = value(row, s.index);
                const y = top + labelHeight + i * (barHeight + gap);
                const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, (v / max) * barSpace);
                return (
                  <g key={s.name}>
                    <rect class={`chart__bar chart__bar--${i}`} x="0" y={y} width={w} height={barHeight} />
                    <text class="chart__value" x={w + 4} y={y + barHeight - 3}>
                      {v === null ? '–' : v}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
