// The triage queue of ads (GET /api/v1/ads): possible minors first, then by the weight of the
// indicators; filtered by municipality and indicator, with or without the ads the user's own
// compartment has already decided on, a page at a time, all kept in the address
// (?kommun=&indikator=&alla=1&sida=). Police analysts import JSON Lines files here.
import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Municipality } from '../admin';
import {
  fetchAds,
  importAds,
  knownIndicators,
  mayImportAds,
  queuePageSize,
  type Ad,
  type ImportResult,
} from '../ads';
import { AdTable, indicatorLabel } from '../components/ads';
import {
  CheckboxField,
  ErrorSummary,
  SelectField,
  SubmitButton,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { Cell, Row, StackedTable } from '../components/table';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { municipalitiesOnce } from '../operations';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';

interface QueueQuery {
  municipality: string;
  indicator: string;
  all: boolean;
  page: number;
}

function readQuery(search: string): QueueQuery {
  const query = new URLSearchParams(search);
  const page = Number.parseInt(query.get('sida') ?? '1', 10);
  return {
    municipality: /^\d{4}$/.test(query.get('kommun') ?? '') ? (query.get('kommun') as string) : '',
    indicator: /^[a-z_]{1,40}$/.test(query.get('indikator') ?? '') ? (query.get('indikator') as string) : '',
    all: query.get('alla') === '1',
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

function queueHref(query: QueueQuery): string {
  const params = new URLSearchParams();
  if (query.municipality) params.set('kommun', query.municipality);
  if (query.indicator) params.set('indikator', query.indicator);
  if (query.all) params.set('alla', '1');
  if (query.page > 1) params.set('sida', String(query.page));
  const q = params.toString();
  return q ? `/annonser?${q}` : '/annonser';
}

export function AdsPage(_props: PageProps) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { search } = useLocation();
  const shown = readQuery(search);
  const queue = useLoad(
    (signal) =>
      fetchAds(
        {
          all: shown.all,
          municipality: shown.municipality,
          indicator: shown.indicator,
          limit: queuePageSize,
          offset: (shown.page - 1) * queuePageSize,
        },
        signal,
      ),
    search,
  );
  // Reference data, asked once: the filter keeps its choices while the queue loads.
  const places = useLoad(() => municipalitiesOnce().catch((): Municipality[] => []));
  const municipalities = places.state.kind === 'ready' ? places.state.data : [];

  return (
    <>
      <h1>{t('ads.title')}</h1>
      <p class="lead">{t('ads.intro')}</p>
      <p class="notice">{t('ads.compartmentNote', { unit: user.unit?.name ?? t('ads.ownAgency') })}</p>
      {mayImportAds(user.role) && <AdImport imported={queue.reload} />}
      <QueueFilter key={search} shown={shown} municipalities={municipalities} />
      <section class="section" aria-labelledby="ads-queue" aria-busy={queue.state.kind === 'loading'}>
        <h2 id="ads-queue">{t(shown.all ? 'ads.queueAll' : 'ads.queue')}</h2>
        <LoadState state={queue.state} retry={queue.reload} />
        {queue.state.kind === 'ready' && <QueueResult shown={shown} {...queue.state.data} />}
      </section>
    </>
  );
}

function QueueFilter(props: { shown: QueueQuery; municipalities: readonly Municipality[] }) {
  const { t } = useI18n();
  const { navigate } = useLocation();
  const [municipality, setMunicipality] = useState(props.shown.municipality);
  const [indicator, setIndicator] = useState(props.shown.indicator);
  const [all, setAll] = useState(props.shown.all);
  const form = useForm();
  const sorted = [...props.municipalities].sort((a, b) => a.shortName.localeCompare(b.shortName, 'sv'));
  const show = async () => navigate(queueHref({ municipality, indicator, all, page: 1 }));
  return (
    <form
      class="form card filter-form"
      noValidate
      aria-label={t('ads.filter')}
      aria-busy={form.busy}
      onSubmit={form.submit(() => [], show)}
    >
      <div class="field-row">
        <SelectField id="ads-municipality" label={t('ads.municipality')} value={municipality} onValue={setMunicipality}>
          <option value="">{t('ads.allMunicipalities')}</option>
          {municipality && !sorted.some((m) => m.code === municipality) && (
            <option value={municipality}>{municipality}</option>
          )}
          {sorted.map((m) => (
            <option key={m.code} value={m.code}>
              {m.shortName}
            </option>
          ))}
        </SelectField>
        <SelectField id="ads-indicator" label={t('ads.indicator')} value={indicator} onValue={setIndicator}>
          <option value="">{t('ads.allIndicators')}</option>
          {indicator && !(knownIndicators as readonly string[]).includes(indicator) && (
            <option value={indicator}>{indicator}</option>
          )}
          {knownIndicators.map((code) => (
            <option key={code} value={code}>
              {indicatorLabel(t, code)}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxField
        id="ads-all"
        label={t('ads.showTriaged')}
        hint={t('ads.showTriagedHint')}
        checked={all}
        onValue={setAll}
      />
      <SubmitButton busy={form.busy}>{t('ads.show')}</SubmitButton>
    </form>
  );
}

function QueueResult(props: { shown: QueueQuery; ads: Ad[]; total: number }) {
  const { t } = useI18n();
  const { shown, ads, total } = props;
  if (ads.length === 0) {
    return <p>{t(shown.page > 1 ? 'ads.pageEmpty' : shown.all ? 'ads.noneAll' : 'ads.none')}</p>;
  }
  const first = (shown.page - 1) * queuePageSize + 1;
  const last = first + ads.length - 1;
  const pages = Math.max(1, Math.ceil(total / queuePageSize));
  return (
    <>
      <p>{t('ads.order')}</p>
      <AdTable caption={t('ads.caption', { first, last, total })} ads={ads} />
      {pages > 1 && (
        <nav class="pager" aria-label={t('ads.pages')}>
          <p class="pager__where">{t('ads.pageOf', { page: shown.page, pages })}</p>
          <ul class="pager__list">
            {shown.page > 1 && (
              <li>
                <a class="button-link button--secondary" rel="prev" href={queueHref({ ...shown, page: shown.page - 1 })}>
                  {t('ads.previous')}
                </a>
              </li>
            )}
            {shown.page < pages && (
              <li>
                <a class="button-link button--secondary" rel="next" href={queueHref({ ...shown, page: shown.page + 1 })}>
                  {t('ads.next')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}

/**
 * Import of a JSON Lines file (police analysts): the file is sent with its progress shown; then
 * the counts and every reported bad line (its number, the field and what is wrong).
 */
function AdImport(props: { imported: () => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [result, setResult] = useState<{ name: string; result: ImportResult } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const form = useForm({ body: 'ads-import-file', file: 'ads-import-file' });
  const fileId = 'ads-import-file';
  const error = form.error(fileId);

  const check = (): FormError[] =>
    file ? [] : [{ target: fileId, text: ({ t }) => t('adImport.fileMissing') }];
  const action = async () => {
    if (!file) return;
    setResult(null);
    setProgress({ sent: 0, total: file.size });
    try {
      const answer = await importAds(file, (sent, total) => setProgress({ sent, total }));
      setResult({ name: file.name, result: answer });
      setFile(null);
      if (input.current) input.current.value = '';
      props.imported();
      requestAnimationFrame(() => resultHeading.current?.focus());
    } finally {
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.sent / progress.total) * 100)) : 0;
  const number = (n: number) => n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
  const describedBy = [`${fileId}-hint`, error ? `${fileId}-error` : ''].filter(Boolean).join(' ');

  return (
    <section class="section" aria-labelledby="ads-import">
      <h2 id="ads-import">{t('adImport.title')}</h2>
      <form class="form card" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
        <ErrorSummary {...form.summary('ads-import-errors')} />
        <div class={error ? 'field field--error' : 'field'}>
          <label class="field__label" for={fileId}>
            {t('adImport.file')}
          </label>
          <p class="field__hint" id={`${fileId}-hint`}>
            {t('adImport.fileHint')}
          </p>
          {error && (
            <p class="field__error" id={`${fileId}-error`}>
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {error(i18n)}
            </p>
          )}
          <input
            id={fileId}
            name={fileId}
            ref={input}
            class="input input--file"
            type="file"
            accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              form.clear();
            }}
          />
        </div>
        {progress && (
          <div class="upload-progress">
            <label class="upload-progress__label" for="ads-import-progress">
              {progress.sent < progress.total ? t('adImport.sending') : t('adImport.processing')}
            </label>
            <progress id="ads-import-progress" class="upload-progress__bar" max={100} value={percent}>
              {percent} %
            </progress>
            <span class="upload-progress__value" aria-hidden="true">
              {percent} %
            </span>
          </div>
        )}
        <SubmitButton busy={form.busy}>{t('adImport.send')}</SubmitButton>
      </form>
      <div role="status" class="status-message">
        {result && (
          <p class={result.result.badLines > 0 ? 'notice notice--warning' : 'notice notice--ok'}>
            {t('adImport.done', {
              name: result.name,
              lines: number(result.result.lines),
              added: number(result.result.adsNew),
              updated: number(result.result.adsUpdated),
              bad: number(result.result.badLines),
            })}
          </p>
        )}
      </div>
      {result && <ImportReport result={result.result} headingRef={resultHeading} />}
    </section>
  );
}

function ImportReport(props: { result: ImportResult; headingRef: RefObject<HTMLHeadingElement> }) {
  const { t, lang } = useI18n();
  const { result } = props;
  const number = (n: number) => n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
  const columns = [t('adImport.line'), t('adImport.field'), t('adImport.message')];
  return (
    <div class="import-report">
      <h3 id="ads-import-result" tabIndex={-1} ref={props.headingRef}>
        {t('adImport.result')}
      </h3>
      <dl class="facts">
        <div class="facts__row">
          <dt>{t('adImport.lines')}</dt>
          <dd>{number(result.lines)}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('adImport.adsNew')}</dt>
          <dd>{number(result.adsNew)}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('adImport.adsUpdated')}</dt>
          <dd>{number(result.adsUpdated)}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('adImport.templates')}</dt>
          <dd>{number(result.templates)}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('adImport.groups')}</dt>
          <dd>{number(result.groups)}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('adImport.badLines')}</dt>
          <dd>{number(result.badLines)}</dd>
        </div>
      </dl>
      {result.errors.length > 0 && (
        <>
          <StackedTable caption={t('adImport.errorsCaption', { count: result.errors.length })} columns={columns}>
            {result.errors.map((e, i) => (
              <Row key={`${e.line}-${i}`}>
                <Cell label={columns[0] ?? ''}>{t('adImport.lineNumber', { line: e.line })}</Cell>
                <Cell label={columns[1] ?? ''}>{e.field ? <code>{e.field}</code> : '–'}</Cell>
                <Cell label={columns[2] ?? ''}>{e.message}</Cell>
              </Row>
            ))}
          </StackedTable>
          {result.badLines > result.errors.length && (
            <p class="muted">{t('adImport.moreErrors', { shown: result.errors.length, total: result.badLines })}</p>
          )}
        </>
      )}
    </div>
  );
}
