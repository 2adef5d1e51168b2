// Active ads per municipality over time (GET /api/v1/ads/counts): the municipalities to compare
// (by default the user's own and those with the most ads in the period), the period (day, week,
// month) and the dates are kept in the address (?kommun=2480,2482&period=&fran=&till=). A line
// chart with the start dates of operations as vertical lines, a legend, the numbers as a table
// for those who would rather read, and the rows as CSV.
import { useState } from 'preact/hooks';
import type { Municipality } from '../admin';
import { fetchAdCounts, periods, type AdCounts, type CountRow } from '../ads';
import { ActiveAdsChart, dateMs } from '../components/ad_charts';
import { periodLabel, seriesCount } from '../components/ads';
import {
  CheckboxField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadedPage } from '../components/load_state';
import { Cell, Row, StackedTable } from '../components/table';
import { useI18n, type I18n, type Lang } from '../i18n';
import { useLoad } from '../load';
import { municipalitiesOnce } from '../operations';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';
import { addDays, formatDate, isDate, timeZone, today } from '../time';

/** How many municipalities the chart shows when none are chosen. */
const defaultCount = 4;
/** The default period: the last 90 days. */
const defaultDays = 90;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Monday of ISO week `week` of `year`. */
function isoWeekMonday(year: number, week: number): string {
  const jan4 = Date.UTC(year, 0, 4, 12);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return isoDate(jan4 - weekday * 86_400_000 + (week - 1) * 7 * 86_400_000);
}

/** ISO week and its year of a date. */
function isoWeek(date: string): { year: number; week: number } {
  const ms = dateMs(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1, 12);
  return { year, week: 1 + Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) };
}

/** The first day of the period of the server's label ("2026-11-20", "2026-W47", "2026-11"). */
export function periodStart(label: string): string | null {
  if (isDate(label)) return label;
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) return isoWeekMonday(Number(week[1]), Number(week[2]));
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${month[1]}-${month[2]}-01`;
  return null;
}

/** The first day of the `period` that holds `date`. */
function startOf(period: string, date: string): string {
  if (period === 'month') return `${date.slice(0, 7)}-01`;
  if (period === 'week') {
    const weekday = (new Date(dateMs(date)).getUTCDay() + 6) % 7;
    return addDays(date, -weekday);
  }
  return date;
}

function nextStart(period: string, start: string): string {
  if (period === 'month') {
    const [y, m] = start.split('-').map(Number);
    const month = (m ?? 1) % 12;
    const year = (y ?? 1970) + ((m ?? 1) === 12 ? 1 : 0);
    return `${year}-${pad(month + 1)}-01`;
  }
  return addDays(start, period === 'week' ? 7 : 1);
}

/** The first days of every period from the one holding `from` to the one holding `to`. */
function periodStarts(period: string, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = startOf(period, from); d <= to && out.length < 2000; d = nextStart(period, d)) out.push(d);
  return out;
}

const monthFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A period in words: "20 nov. 2026", "vecka 47, 2026", "november 2026". */
function periodText(i18n: I18n, period: string, label: string): string {
  const { t, lang } = i18n;
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) return t('adStats.weekOf', { week: Number(week[2]), year: week[1] ?? '' });
  const start = periodStart(label);
  if (!start) return label;
  if (period === 'month' || /^\d{4}-\d{2}$/.test(label)) {
    let f = monthFormats.get(lang);
    if (!f) {
      f = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', year: 'numeric', timeZone });
      monthFormats.set(lang, f);
    }
    return f.format(dateMs(start));
  }
  if (period === 'week') {
    const w = isoWeek(start);
    return t('adStats.weekOf', { week: w.week, year: w.year });
  }
  return formatDate(lang, start);
}

interface StatsQuery {
  chosen: string[];
  period: string;
  from: string;
  to: string;
}

function readQuery(search: string): StatsQuery {
  const query = new URLSearchParams(search);
  const chosen = (query.get('kommun') ?? '')
    .split(',')
    .filter((c) => /^\d{4}$/.test(c))
    .filter((c, i, all) => all.indexOf(c) === i);
  const period = (periods as readonly string[]).includes(query.get('period') ?? '') ? (query.get('period') as string) : 'day';
  const to = isDate(query.get('till') ?? '') ? (query.get('till') as string) : today();
  const from = isDate(query.get('fran') ?? '') ? (query.get('fran') as string) : addDays(to, -(defaultDays - 1));
  return { chosen, period, from: from <= to ? from : to, to };
}

function statsHref(query: StatsQuery): string {
  const params = new URLSearchParams();
  if (query.chosen.length) params.set('kommun', query.chosen.join(','));
  params.set('period', query.period);
  params.set('fran', query.from);
  params.set('till', query.to);
  return `/annonser/statistik?${params.toString()}`;
}

interface Ranked {
  code: string;
  ads: number;
}

/** Municipalities with ads in the period, the most first (sum over the months). */
function rank(rows: readonly CountRow[]): Ranked[] {
  const sums = new Map<string, number>();
  for (const r of rows) if (r.municipality) sums.set(r.municipality, (sums.get(r.municipality) ?? 0) + r.activeAds);
  return [...sums.entries()]
    .map(([code, ads]) => ({ code, ads }))
    .sort((a, b) => b.ads - a.ads || a.code.localeCompare(b.code));
}

export function AdStatsPage(_props: PageProps) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { search } = useLocation();
  const shown = readQuery(search);
  const own = user.unit?.municipalityCode ?? null;
  const { state, reload } = useLoad(async (signal) => {
    const [overview, municipalities] = await Promise.all([
      fetchAdCounts({ period: 'month', from: shown.from, to: shown.to }, signal),
      municipalitiesOnce().catch((): Municipality[] => []),
    ]);
    const ranked = rank(overview.rows);
    const chosen = shown.chosen.length
      ? shown.chosen
      : [...(own ? [own] : []), ...ranked.map((r) => r.code).filter((c) => c !== own)].slice(0, defaultCount);
    const counts: AdCounts = chosen.length
      ? await fetchAdCounts({ period: shown.period, municipalities: chosen, from: shown.from, to: shown.to }, signal)
      : { period: shown.period, rows: [], operations: [] };
    return { ranked, chosen, counts, municipalities };
  }, search);

  return (
    <LoadedPage title={t('adStats.title')} lead={t('adStats.intro')} state={state} retry={reload}>
      {(data) => (
        <>
          <StatsForm
            key={search}
            shown={{ ...shown, chosen: data.chosen }}
            ranked={data.ranked}
            own={own}
            municipalities={data.municipalities}
          />
          <StatsResult shown={{ ...shown, chosen: data.chosen }} {...data} />
        </>
      )}
    </LoadedPage>
  );
}

function nameOf(municipalities: readonly Municipality[], code: string, unknown: string): string {
  if (!code) return unknown;
  return municipalities.find((m) => m.code === code)?.shortName || code;
}

function StatsForm(props: {
  shown: StatsQuery;
  ranked: readonly Ranked[];
  own: string | null;
  municipalities: readonly Municipality[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { navigate } = useLocation();
  const { shown, ranked, municipalities } = props;
  const unknown = t('ads.unknownMunicipality');
  const candidates = [
    ...(props.own ? [props.own] : []),
    ...shown.chosen,
    ...ranked.map((r) => r.code),
  ].filter((c, i, all) => all.indexOf(c) === i);
  const adsOf = (code: string) => ranked.find((r) => r.code === code)?.ads ?? 0;
  const [chosen, setChosen] = useState<string[]>(shown.chosen);
  const [extra, setExtra] = useState('');
  const [period, setPeriod] = useState(shown.period);
  const [from, setFrom] = useState(shown.from);
  const [to, setTo] = useState(shown.to);
  const form = useForm({ municipality: 'stats-municipalities', period: 'stats-period', from: 'stats-from', to: 'stats-to' });
  const others = [...municipalities]
    .filter((m) => !candidates.includes(m.code))
    .sort((a, b) => a.shortName.localeCompare(b.shortName, 'sv'));
  const firstBox = candidates[0] ? `stats-m-${candidates[0]}` : 'stats-extra';

  const all = () => [...chosen, ...(extra && !chosen.includes(extra) ? [extra] : [])];
  const check = (): FormError[] => {
    const problems: FormError[] = [];
    const list = all();
    if (list.length === 0) problems.push({ target: firstBox, text: ({ t }) => t('adStats.chooseOne') });
    if (list.length > seriesCount) {
      problems.push({ target: firstBox, text: ({ t }) => t('adStats.tooMany', { max: seriesCount }) });
    }
    if (!isDate(from)) problems.push({ target: 'stats-from', text: ({ t }) => t('numbers.dateInvalid') });
    if (!isDate(to)) problems.push({ target: 'stats-to', text: ({ t }) => t('numbers.dateInvalid') });
    else if (isDate(from) && to < from) problems.push({ target: 'stats-to', text: ({ t }) => t('numbers.toBeforeFrom') });
    return problems;
  };
  const show = async () => navigate(statsHref({ chosen: all(), period, from, to }));
  const toggle = (code: string, on: boolean) =>
    setChosen((list) => (on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code)));
  const boxError = form.error(firstBox);

  return (
    <form class="form card form--wide" noValidate aria-busy={form.busy} onSubmit={form.submit(check, show)}>
      <ErrorSummary {...form.summary('stats-errors')} />
      <fieldset class={boxError ? 'field field--error' : 'field'} aria-describedby="stats-municipalities-hint">
        <legend class="field__label">{t('adStats.municipalities')}</legend>
        <p class="field__hint" id="stats-municipalities-hint">
          {t('adStats.municipalitiesHint', { max: seriesCount })}
        </p>
        {boxError && (
          <p class="field__error">
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {boxError(i18n)}
          </p>
        )}
        <div class="checkbox-grid">
          {candidates.map((code) => (
            <CheckboxField
              key={code}
              id={`stats-m-${code}`}
              label={t('adStats.municipalityWithAds', {
                name: nameOf(municipalities, code, unknown),
                ads: adsOf(code),
              })}
              checked={chosen.includes(code)}
              onValue={(on) => toggle(code, on)}
            />
          ))}
        </div>
        {candidates.length === 0 && <p>{t('adStats.noCandidates')}</p>}
      </fieldset>
      <SelectField
        id="stats-extra"
        label={t('adStats.addMunicipality')}
        hint={t('adStats.addMunicipalityHint')}
        value={extra}
        onValue={setExtra}
      >
        <option value="">{t('adStats.noExtra')}</option>
        {others.map((m) => (
          <option key={m.code} value={m.code}>
            {m.shortName}
          </option>
        ))}
      </SelectField>
      <RadioGroup
        id="stats-period"
        legend={t('adStats.period')}
        options={periods.map((p) => ({ value: p, label: periodLabel(t, p) }))}
        value={period}
        onValue={setPeriod}
      />
      <div class="field-row">
        <TextField
          id="stats-from"
          label={t('adStats.from')}
          type="date"
          width="medium"
          value={from}
          onValue={setFrom}
          error={form.error('stats-from')}
        />
        <TextField
          id="stats-to"
          label={t('adStats.to')}
          type="date"
          width="medium"
          value={to}
          onValue={setTo}
          error={form.error('stats-to')}
        />
      </div>
      <SubmitButton busy={form.busy}>{t('adStats.show')}</SubmitButton>
    </form>
  );
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV, with the header of `samverkan ads counts`. */
export function countsCsv(rows: readonly CountRow[]): string {
  const lines = ['period,municipality,active_ads,unique_phones,groups'];
  for (const r of rows) {
    lines.push([r.period, r.municipality, r.activeAds, r.uniquePhones, r.groups].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function StatsResult(props: {
  shown: StatsQuery;
  chosen: string[];
  counts: AdCounts;
  municipalities: readonly Municipality[];
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { shown, counts, municipalities, chosen } = props;
  const unknown = t('ads.unknownMunicipality');
  const period = counts.period || shown.period;
  const range = t('numbers.period', { from: formatDate(lang, shown.from), to: formatDate(lang, shown.to) });
  const heading = t('adStats.resultHeading', { period: periodLabel(t, shown.period).toLowerCase(), range });

  if (chosen.length === 0) {
    return (
      <section class="section" aria-labelledby="stats-result">
        <h2 id="stats-result">{heading}</h2>
        <p>{t('adStats.none')}</p>
      </section>
    );
  }

  const starts = periodStarts(period, shown.from, shown.to);
  const rows = counts.rows
    .filter((r) => chosen.includes(r.municipality))
    .sort((a, b) => a.period.localeCompare(b.period) || a.municipality.localeCompare(b.municipality));
  const series = chosen.map((code) => {
    const byStart = new Map<string, number>();
    for (const r of rows) {
      if (r.municipality !== code) continue;
      const start = periodStart(r.period);
      if (start) byStart.set(start, r.activeAds);
    }
    return { key: code, label: nameOf(municipalities, code, unknown), values: starts.map((s) => byStart.get(s) ?? 0) };
  });
  const firstDay = starts[0] ?? shown.from;
  const operations = counts.operations
    .filter((o) => chosen.includes(o.municipality) && o.date >= firstDay && o.date <= shown.to)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const markerLabel = (i: number) => t('adStats.operationMark', { n: i + 1 });
  const markers = operations.map((o, i) => ({ key: `${o.id}-${i}`, date: o.date, label: markerLabel(i) }));

  const describeSeries = series.map((s) => {
    const max = Math.max(0, ...s.values);
    const at = s.values.indexOf(max);
    const when = at >= 0 && starts[at] ? periodText(i18n, period, starts[at] ?? '') : '–';
    return t('adStats.describeSeries', {
      name: s.label,
      max,
      when,
      last: s.values[s.values.length - 1] ?? 0,
    });
  });
  const describeOps = operations.map((o, i) =>
    t('adStats.describeOperation', {
      mark: markerLabel(i),
      date: formatDate(lang, o.date),
      place: nameOf(municipalities, o.municipality, unknown),
    }),
  );
  const description = [...describeSeries, ...describeOps].join(' ');
  const columns = [
    t('adStats.colPeriod'),
    t('adStats.colMunicipality'),
    t('adStats.colActiveAds'),
    t('adStats.colUniquePhones'),
    t('adStats.colGroups'),
  ];
  const c = (i: number) => columns[i] ?? '';

  return (
    <section class="section" aria-labelledby="stats-result">
      <h2 id="stats-result">{heading}</h2>
      <ActiveAdsChart
        id="stats-chart"
        title={t('adStats.chartTitle', { range })}
        description={description}
        points={starts}
        series={series}
        markers={markers}
        markerName={t('adStats.operationLegend')}
        unit={t('adStats.axis')}
      />
      {operations.length > 0 && (
        <>
          <h3 id="stats-operations">{t('adStats.operations')}</h3>
          <ul class="link-list" aria-labelledby="stats-operations">
            {operations.map((o, i) => (
              <li key={`${o.id}-${i}`}>
                <a class="link-list__link" href={`/insatser/${encodeURIComponent(o.id)}`}>
                  <span class="link-list__title">
                    {t('adStats.operationItem', {
                      mark: markerLabel(i),
                      date: formatDate(lang, o.date),
                      place: nameOf(municipalities, o.municipality, unknown),
                    })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="actions">
        <button
          type="button"
          class="button button--secondary"
          onClick={() => download(`annonser-${period}-${shown.from}-${shown.to}.csv`, countsCsv(rows))}
        >
          {t('adStats.csv')}
        </button>
      </div>
      <details class="chart-table">
        <summary>{t('adStats.table', { count: rows.length })}</summary>
        {rows.length === 0 ? (
          <p>{t('adStats.noRows')}</p>
        ) : (
          <StackedTable caption={t('adStats.tableCaption', { range })} columns={columns} class="table--numbers">
            {rows.map((r) => (
              <Row key={`${r.period}-${r.municipality}`}>
                <Cell label={c(0)}>{periodText(i18n, period, r.period)}</Cell>
                <Cell label={c(1)}>{nameOf(municipalities, r.municipality, unknown)}</Cell>
                <Cell label={c(2)}>{r.activeAds}</Cell>
                <Cell label={c(3)}>{r.uniquePhones}</Cell>
                <Cell label={c(4)}>{r.groups}</Cell>
              </Row>
            ))}
          </StackedTable>
        )}
      </details>
    </section>
  );
}
