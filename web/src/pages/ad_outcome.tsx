// Have the ads gone down? (GET /api/v1/outcomes/ads): the evaluation of the operations on the
// imported ads, for the committee, the regional coordinator and those who lead operations. The
// choices are kept in the address (?kommun=2480&insats=2025-01-14&kontroll=2482,2418&period=month
// &modell=quasipoisson); without a date the server takes the municipality's first operation and
// the form shows that date. The result in one sentence a politician can read (with the honest
// words when the interval includes no change), the chart with the intervention marked, the
// numbers as a table, SVG, PNG and CSV, then how it was calculated and what to keep in mind.
// A 400 from the server (too few months, no ads, no operation) is shown at its field.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Municipality } from '../admin';
import { ApiError } from '../api';
import { OutcomeChart, pngForDownload, svgForDownload, type OutcomeChartPoint } from '../components/outcome_chart';
import {
  CheckboxField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextField,
  serverErrors,
  type FormError,
  useForm,
} from '../components/form';
import { LoadedPage } from '../components/load_state';
import { Cell, Row, StackedTable } from '../components/table';
import { isMessageKey, useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import { municipalitiesOnce } from '../operations';
import {
  fetchAdOutcome,
  outcomeFamilies,
  outcomePeriods,
  percentChange,
  verdictOf,
  type AdOutcome,
  type OutcomeQuery,
} from '../outcomes';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';
import { formatDate, isDate, timeZone } from '../time';

/** The server's limit (adwatch::kMaxControls). */
const maxControls = 20;

const fields = {
  municipality: 'outcome-municipality',
  intervention: 'outcome-intervention',
  control: 'outcome-controls',
  period: 'outcome-period',
  family: 'outcome-family',
};

function readQuery(search: string, own: string | null): OutcomeQuery {
  const query = new URLSearchParams(search);
  const code = query.get('kommun') ?? '';
  const controls = (query.get('kontroll') ?? '')
    .split(',')
    .filter((c) => /^\d{4}$/.test(c))
    .filter((c, i, all) => all.indexOf(c) === i);
  const period = query.get('period') ?? '';
  const family = query.get('modell') ?? '';
  const intervention = query.get('insats') ?? '';
  return {
    municipality: /^\d{4}$/.test(code) ? code : (own ?? ''),
    intervention: isDate(intervention) ? intervention : '',
    controls,
    period: (outcomePeriods as readonly string[]).includes(period) ? period : 'month',
    family: (outcomeFamilies as readonly string[]).includes(family) ? family : 'quasipoisson',
  };
}

function outcomeHref(q: OutcomeQuery): string {
  const params = new URLSearchParams();
  params.set('kommun', q.municipality);
  if (q.intervention) params.set('insats', q.intervention);
  if (q.controls.length) params.set('kontroll', q.controls.join(','));
  params.set('period', q.period);
  params.set('modell', q.family);
  return `/resultat/annonser?${params.toString()}`;
}

function nameOf(municipalities: readonly Municipality[], code: string): string {
  return municipalities.find((m) => m.code === code)?.shortName || code;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** A period label of the server in words: "jan. 2025", "v. 3 2025". */
function periodWords(i18n: I18n, label: string, long = false): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) return i18n.t('adStats.weekOf', { week: Number(week[2]), year: week[1] ?? '' });
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (!month) return label;
  const key = `${i18n.lang}-${long ? 'long' : 'short'}`;
  let f = monthFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(i18n.lang === 'sv' ? 'sv-SE' : 'en-GB', {
      month: long ? 'long' : 'short',
      year: 'numeric',
      timeZone,
    });
    monthFormats.set(key, f);
  }
  return f.format(Date.UTC(Number(month[1]), Number(month[2]) - 1, 15, 12));
}

/** A number as the interface's language writes it, with `digits` decimals. */
function num(i18n: I18n, value: number, digits: number): string {
  return new Intl.NumberFormat(i18n.lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** The result in one sentence. */
export function verdictSentence(i18n: I18n, outcome: AdOutcome, place: string): string {
  const { t } = i18n;
  const level = outcome.levelChange;
  const verdict = verdictOf(level);
  if (verdict === 'fewer') {
    return t('outcome.fewer', {
      place,
      pct: percentChange(level.rateRatio),
      low: percentChange(level.ciHigh),
      high: percentChange(level.ciLow),
    });
  }
  if (verdict === 'more') {
    return t('outcome.more', {
      place,
      pct: percentChange(level.rateRatio),
      low: percentChange(level.ciLow),
      high: percentChange(level.ciHigh),
    });
  }
  const pct = percentChange(level.rateRatio);
  const estimate =
    pct === 0
      ? t('outcome.estimateSame')
      : level.rateRatio < 1
        ? t('outcome.estimateFewer', { pct })
        : t('outcome.estimateMore', { pct });
  const range = t('outcome.rangeFewerMore', { low: percentChange(level.ciLow), high: percentChange(level.ciHigh) });
  return t('outcome.unsure', { place, estimate, range });
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The series as CSV; a suppressed count is empty, with `suppressed` = 1. */
export function outcomeCsv(outcome: AdOutcome): string {
  const controlled = outcome.controls.length > 0;
  const header = ['period', 'after', 'observed', 'suppressed', 'fitted', 'counterfactual'];
  if (controlled) header.push('control_observed', 'control_suppressed', 'control_fitted');
  const lines = [header.join(',')];
  for (const p of outcome.series) {
    const row: (string | number)[] = [
      p.period,
      p.after ? 1 : 0,
      p.observed ?? '',
      p.suppressed ? 1 : 0,
      p.fitted.toFixed(4),
      p.counterfactual.toFixed(4),
    ];
    if (controlled) row.push(p.controlObserved ?? '', p.controlSuppressed ? 1 : 0, p.controlFitted?.toFixed(4) ?? '');
    lines.push(row.map(csvField).join(','));
  }
  const l = outcome.levelChange;
  lines.push('');
  lines.push(`# ${l.term}: rate_ratio ${l.rateRatio.toFixed(4)}, 95% CI ${l.ciLow.toFixed(4)}-${l.ciHigh.toFixed(4)}`);
  lines.push(`# model: ${outcome.model.family}, terms ${outcome.model.terms.join(' ')}, n ${outcome.model.n}`);
  if (outcome.suppression.applied) lines.push(`# counts under ${outcome.suppression.minCell} are not shown`);
  return `${lines.join('\r\n')}\r\n`;
}

function save(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Loaded {
  municipalities: Municipality[];
  outcome: AdOutcome | null;
  error: unknown;
}

export function AdOutcomePage(_props: PageProps) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { search } = useLocation();
  const own = user.unit?.municipalityCode ?? null;
  const shown = readQuery(search, own);
  const { state, reload } = useLoad(async (signal): Promise<Loaded> => {
    const municipalities = await municipalitiesOnce();
    if (!shown.municipality) return { municipalities, outcome: null, error: null };
    try {
      return { municipalities, outcome: await fetchAdOutcome(shown, signal), error: null };
    } catch (error) {
      // A refusal of the request (400) belongs at the form's fields; anything else fails the page.
      if (error instanceof ApiError && error.status === 400) return { municipalities, outcome: null, error };
      throw error;
    }
  }, search);

  return (
    <LoadedPage title={t('outcome.title')} lead={t('outcome.intro')} state={state} retry={reload}>
      {(data) => (
        <>
          <OutcomeForm
            key={search}
            shown={{ ...shown, intervention: shown.intervention || data.outcome?.intervention.date || '' }}
            municipalities={data.municipalities}
            error={data.error}
          />
          {data.outcome ? (
            <OutcomeResult outcome={data.outcome} municipalities={data.municipalities} />
          ) : (
            !data.error && <p>{t('outcome.pick')}</p>
          )}
        </>
      )}
    </LoadedPage>
  );
}

function OutcomeForm(props: { shown: OutcomeQuery; municipalities: readonly Municipality[]; error: unknown }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { navigate } = useLocation();
  const { shown, municipalities } = props;
  const [municipality, setMunicipality] = useState(shown.municipality);
  const [intervention, setIntervention] = useState(shown.intervention);
  const [controls, setControls] = useState<string[]>([...shown.controls]);
  const [period, setPeriod] = useState(shown.period);
  const [family, setFamily] = useState(shown.family);
  const form = useForm(fields);
  const reported = useRef(false);
  useEffect(() => {
    if (props.error && !reported.current) {
      reported.current = true;
      form.fail(serverErrors(props.error, fields));
    }
  }, [props.error]);

  const sorted = [...municipalities].sort((a, b) => a.shortName.localeCompare(b.shortName, 'sv'));
  const county = municipalities.find((m) => m.code === municipality)?.countyCode ?? null;
  const candidates = sorted.filter(
    (m) => m.code !== municipality && (m.countyCode === county || controls.includes(m.code)),
  );
  const firstBox = candidates[0] ? `outcome-control-${candidates[0].code}` : fields.control;

  const check = (): FormError[] => {
    const problems: FormError[] = [];
    if (!municipality) problems.push({ target: fields.municipality, text: ({ t }) => t('outcome.municipalityRequired') });
    if (intervention && !isDate(intervention)) {
      problems.push({ target: fields.intervention, text: ({ t }) => t('outcome.dateInvalid') });
    }
    const chosen = controls.filter((c) => c !== municipality);
    if (chosen.length > maxControls) {
      problems.push({ target: firstBox, text: ({ t }) => t('outcome.tooManyControls', { max: maxControls }) });
    }
    return problems;
  };
  const show = async () =>
    navigate(
      outcomeHref({
        municipality,
        intervention,
        controls: controls.filter((c) => c !== municipality),
        period,
        family,
      }),
    );
  const toggle = (code: string, on: boolean) =>
    setControls((list) => (on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code)));
  // The server's `control` error belongs to the group of boxes.
  const controlsError = form.error(fields.control) ?? form.error(firstBox);

  return (
    <form class="form card form--wide" noValidate aria-busy={form.busy} onSubmit={form.submit(check, show)}>
      <ErrorSummary {...form.summary('outcome-errors')} />
      <SelectField
        id={fields.municipality}
        label={t('outcome.municipality')}
        value={municipality}
        onValue={(code) => {
          setMunicipality(code);
          setControls([]);
        }}
        error={form.error(fields.municipality)}
      >
        <option value="">{t('outcome.chooseMunicipality')}</option>
        {sorted.map((m) => (
          <option key={m.code} value={m.code}>
            {m.shortName}
          </option>
        ))}
      </SelectField>
      <TextField
        id={fields.intervention}
        label={t('outcome.intervention')}
        hint={t('outcome.interventionHint')}
        type="date"
        width="medium"
        value={intervention}
        onValue={setIntervention}
        error={form.error(fields.intervention)}
      />
      <fieldset
        id={candidates.length ? undefined : fields.control}
        tabIndex={candidates.length ? undefined : -1}
        class={controlsError ? 'field field--error' : 'field'}
        aria-describedby="outcome-controls-hint"
      >
        <legend class="field__label">{t('outcome.controls')}</legend>
        <p class="field__hint" id="outcome-controls-hint">
          {t('outcome.controlsHint')}
        </p>
        {controlsError && (
          <p class="field__error">
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {controlsError(i18n)}
          </p>
        )}
        {candidates.length > 0 ? (
          <div class="checkbox-grid">
            {candidates.map((m, i) => (
              <CheckboxField
                key={m.code}
                id={i === 0 ? firstBox : `outcome-control-${m.code}`}
                label={m.shortName}
                checked={controls.includes(m.code)}
                onValue={(on) => toggle(m.code, on)}
              />
            ))}
          </div>
        ) : (
          <p>{t('outcome.noControls')}</p>
        )}
      </fieldset>
      <RadioGroup
        id={fields.period}
        legend={t('outcome.period')}
        options={outcomePeriods.map((p) => ({ value: p, label: t(`outcome.period.${p}`) }))}
        value={period}
        onValue={setPeriod}
        error={form.error(fields.period)}
      />
      <SelectField
        id={fields.family}
        label={t('outcome.family')}
        value={family}
        onValue={setFamily}
        error={form.error(fields.family)}
      >
        {outcomeFamilies.map((f) => (
          <option key={f} value={f}>
            {t(`outcome.family.${f}`)}
          </option>
        ))}
      </SelectField>
      <SubmitButton busy={form.busy}>{t('outcome.show')}</SubmitButton>
    </form>
  );
}

function OutcomeResult(props: { outcome: AdOutcome; municipalities: readonly Municipality[] }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { outcome, municipalities } = props;
  const svg = useRef<SVGSVGElement>(null);
  const [pngFailed, setPngFailed] = useState(false);
  const place = nameOf(municipalities, outcome.municipality);
  const controlNames = outcome.controls.map((c) => nameOf(municipalities, c));
  const level = outcome.levelChange;
  const minCell = outcome.suppression.minCell;
  const periodName = t(`outcome.period.${outcome.period === 'week' ? 'week' : 'month'}`).toLowerCase();
  const d2 = (v: number) => num(i18n, v, 2);
  const d1 = (v: number) => num(i18n, v, 1);

  const points: OutcomeChartPoint[] = outcome.series.map((p) => ({
    label: periodWords(i18n, p.period),
    observed: p.observed,
    fitted: p.fitted,
    counterfactual: p.counterfactual,
    after: p.after,
  }));
  const before = outcome.series.filter((p) => !p.after);
  const after = outcome.series.filter((p) => p.after);
  const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const observedMean = (list: typeof before) => {
    const shownValues = list.flatMap((p) => (p.observed === null ? [] : [p.observed]));
    return shownValues.length ? d1(mean(shownValues)) : '–';
  };
  const description = t('outcome.describe', {
    periods: outcome.series.length,
    first: periodWords(i18n, outcome.series[0]?.period ?? '', true),
    last: periodWords(i18n, outcome.series[outcome.series.length - 1]?.period ?? '', true),
    before: observedMean(before),
    after: observedMean(after),
    expected: d1(mean(after.map((p) => p.counterfactual))),
    fitted: d1(mean(after.map((p) => p.fitted))),
  });
  const sentence = verdictSentence(i18n, outcome, place);
  const columns = [
    t('outcome.colPeriod'),
    t('outcome.colAfter'),
    t('outcome.colObserved'),
    t('outcome.colFitted'),
    t('outcome.colCounterfactual'),
    ...(outcome.controls.length ? [t('outcome.colControl')] : []),
  ];
  const c = (i: number) => columns[i] ?? '';
  const file = `annonser-${outcome.municipality}-${outcome.period}-${outcome.intervention.date}`;
  const caveat = (code: string) => {
    const key = `outcome.caveat.${code}`;
    if (code === 'suppressed') return t('outcome.suppressedNotice', { min: minCell });
    return isMessageKey(key) ? t(key) : t('outcome.caveat.other', { code });
  };
  const familyName = (f: string) => {
    const key = `outcome.family.${f}`;
    return isMessageKey(key) ? t(key) : f;
  };

  return (
    <section class="section outcome" aria-labelledby="outcome-result">
      <h2 id="outcome-result">{t('outcome.resultHeading', { place })}</h2>
      <p class={`outcome__verdict outcome__verdict--${verdictOf(level)}`} data-testid="outcome-verdict">
        {sentence}
      </p>
      <p>
        {t('outcome.interventionFrom', {
          period: periodWords(i18n, outcome.intervention.period, true),
          date: formatDate(lang, outcome.intervention.date),
          operation: outcome.intervention.operationId ? t('outcome.fromOperation') : '',
        })}{' '}
        {controlNames.length > 0 && t('outcome.withControls', { controls: controlNames.join(', ') })}{' '}
        {t('outcome.ratio', { ratio: d2(level.rateRatio), low: d2(level.ciLow), high: d2(level.ciHigh) })}
      </p>
      {outcome.suppression.applied && (
        <p class="notice" data-testid="outcome-suppressed">
          {t('outcome.suppressedNotice', { min: minCell })}
        </p>
      )}
      <OutcomeChart
        id="outcome-chart"
        svgRef={svg}
        title={t('outcome.chartTitle', { place, period: periodName })}
        description={`${sentence} ${description}`}
        points={points}
        interventionLabel={t('outcome.interventionMark')}
        legend={{
          observed: t('outcome.legendObserved'),
          fitted: t('outcome.legendFitted'),
          counterfactual: t('outcome.legendCounterfactual'),
          intervention: t('outcome.legendIntervention'),
          suppressed: t('outcome.legendSuppressed', { min: minCell }),
        }}
        unit={t('outcome.axis')}
      />
      <div class="actions">
        <button
          type="button"
          class="button button--secondary"
          onClick={() => svg.current && save(`${file}.svg`, new Blob([svgForDownload(svg.current)], { type: 'image/svg+xml' }))}
        >
          {t('outcome.downloadSvg')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            if (!svg.current) return;
            setPngFailed(false);
            pngForDownload(svg.current).then(
              (blob) => save(`${file}.png`, blob),
              () => setPngFailed(true),
            );
          }}
        >
          {t('outcome.downloadPng')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => save(`${file}.csv`, new Blob([outcomeCsv(outcome)], { type: 'text/csv;charset=utf-8' }))}
        >
          {t('outcome.downloadCsv')}
        </button>
      </div>
      {pngFailed && (
        <p class="notice notice--error" role="alert">
          {t('outcome.downloadFailed')}
        </p>
      )}
      <details class="chart-table">
        <summary>{t('outcome.table', { count: outcome.series.length })}</summary>
        <StackedTable caption={t('outcome.tableCaption', { place })} columns={columns} class="table--numbers">
          {outcome.series.map((p) => (
            <Row key={p.period}>
              <Cell label={c(0)}>{periodWords(i18n, p.period, true)}</Cell>
              <Cell label={c(1)}>{p.after ? t('outcome.yes') : t('outcome.no')}</Cell>
              <Cell label={c(2)}>{p.observed ?? t('outcome.hidden', { min: minCell })}</Cell>
              <Cell label={c(3)}>{d1(p.fitted)}</Cell>
              <Cell label={c(4)}>{p.after ? d1(p.counterfactual) : '–'}</Cell>
              {outcome.controls.length > 0 && (
                <Cell label={c(5)}>{p.controlObserved ?? t('outcome.hidden', { min: minCell })}</Cell>
              )}
            </Row>
          ))}
        </StackedTable>
      </details>
      <h3>{t('outcome.modelHeading')}</h3>
      <p>
        {t('outcome.modelText', {
          period: periodName,
          season: outcome.model.seasonal ? t('outcome.modelSeason') : '',
          controls: outcome.controls.length ? t('outcome.modelControls') : '',
        })}
      </p>
      <p>
        {t('outcome.modelFacts', {
          family: familyName(outcome.model.family),
          terms: outcome.model.terms.join(', '),
          n: outcome.model.n,
          before: outcome.model.periodsBefore,
          after: outcome.model.periodsAfter,
          dispersion: d2(outcome.model.dispersion),
          theta: outcome.model.theta === null ? '' : t('outcome.theta', { theta: d2(outcome.model.theta) }),
        })}
      </p>
      <h3 id="outcome-caveats">{t('outcome.caveatsHeading')}</h3>
      <ul aria-labelledby="outcome-caveats" class="outcome__caveats">
        {outcome.caveats.map((code) => (
          <li key={code}>{caveat(code)}</li>
        ))}
      </ul>
    </section>
  );
}
