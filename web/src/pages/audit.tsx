import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { auditRecordTypes, fetchRecordAudit } from '../audit';
import {
  ErrorSummary,
  SelectField,
  TextField,
  fieldError,
  type FormError,
} from '../components/form';
import { Cell, Row, StackedTable } from '../components/table';
import { describeError } from '../errors';
import { isMessageKey, useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import { purposeLabel } from '../roles';
import { useLocation } from '../router';
import type { PageProps } from '../routes';

/** Who read or changed one record: the record is chosen in a form and kept in the address. */
export function AuditPage(_props: PageProps) {
  const { t } = useI18n();
  const { search, navigate } = useLocation();
  const query = new URLSearchParams(search);
  const shownType = query.get('typ') ?? '';
  const shownId = query.get('id') ?? '';
  const valid =
    (auditRecordTypes as readonly string[]).includes(shownType) && /^\d+$/.test(shownId);

  const [type, setType] = useState(valid ? shownType : 'person');
  const [id, setId] = useState(valid ? shownId : '');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const trimmed = id.trim();
    if (!/^\d+$/.test(trimmed)) {
      setErrors([
        {
          target: 'audit-id',
          text: ({ t }) => t(trimmed === '' ? 'audit.idMissing' : 'audit.idInvalid'),
        },
      ]);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors([]);
    navigate(`/granskning?typ=${encodeURIComponent(type)}&id=${encodeURIComponent(trimmed)}`);
  };

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.intro')}</p>
      <form class="form card" noValidate onSubmit={onSubmit}>
        <ErrorSummary id="audit-errors" errors={errors} attempt={attempt} />
        <SelectField
          id="audit-type"
          label={t('audit.type')}
          value={type}
          onValue={setType}
          required
        >
          {auditRecordTypes.map((recordType) => (
            <option key={recordType} value={recordType}>
              {recordTypeLabel(t, recordType)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="audit-id"
          label={t('audit.id')}
          value={id}
          onValue={setId}
          required
          width="short"
          autocomplete="off"
          input={{ inputMode: 'numeric', spellcheck: false }}
          error={fieldError(errors, 'audit-id')}
        />
        <button type="submit" class="button">
          {t('audit.show')}
        </button>
      </form>
      {valid && <AuditEvents type={shownType} id={shownId} />}
    </>
  );
}

function recordTypeLabel(t: I18n['t'], type: string): string {
  const key = `audit.recordType.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

function AuditEvents(props: { type: string; id: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { type, id } = props;
  const { state, reload } = useLoad(
    (signal) => fetchRecordAudit(type, id, signal),
    `${type}/${id}`,
  );
  const record = `${recordTypeLabel(t, type).toLowerCase()} ${id}`;
  const format = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const columns = [
    t('audit.at'),
    t('audit.user'),
    t('audit.action'),
    t('audit.purpose'),
    t('audit.outcome'),
    t('audit.detail'),
  ] as const;

  let body;
  if (state.kind === 'loading') {
    body = <p class="loading">{t('load.loading')}</p>;
  } else if (state.kind === 'failed') {
    const err = state.error;
    const text =
      err instanceof ApiError && err.status === 404
        ? t('audit.notFound', { record })
        : err instanceof ApiError && err.status === 403 && err.code === 'forbidden'
          ? t('audit.forbidden')
          : describeError(err)(i18n);
    body = (
      <div class="notice notice--error">
        <p>{text}</p>
        <button type="button" class="button" onClick={reload}>
          {t('load.retry')}
        </button>
      </div>
    );
  } else if (state.data.length === 0) {
    body = <p>{t('audit.none', { record })}</p>;
  } else {
    // The server sends newest first; sorting again keeps that promise whatever it sends.
    const events = [...state.data].sort((a, b) => b.seq - a.seq);
    body = (
      <StackedTable
        caption={t('audit.caption', { record, count: events.length })}
        columns={columns}
      >
        {events.map((e) => (
          <Row key={e.seq}>
            <Cell label={columns[0]}>
              <time dateTime={e.at}>{formatTime(format, e.at)}</time>
            </Cell>
            <Cell label={columns[1]}>{e.username || t('audit.system')}</Cell>
            <Cell label={columns[2]}>{codeLabel(t, 'audit.actionName', e.action)}</Cell>
            <Cell label={columns[3]}>{e.purpose ? purposeLabel(t, e.purpose) : '–'}</Cell>
            <Cell label={columns[4]}>
              <span class={`tag tag--${e.outcome === 'ok' ? 'on' : 'off'}`}>
                {codeLabel(t, 'audit.outcomeName', e.outcome)}
              </span>
            </Cell>
            <Cell label={columns[5]}>{e.detail || '–'}</Cell>
          </Row>
        ))}
      </StackedTable>
    );
  }

  return (
    <section class="section" aria-labelledby="audit-result" aria-busy={state.kind === 'loading'}>
      <h2 id="audit-result">{t('audit.resultHeading', { record })}</h2>
      <div role="status" class="visually-hidden">
        {state.kind === 'ready' ? t('audit.found', { count: state.data.length }) : ''}
      </div>
      {body}
    </section>
  );
}

function formatTime(format: Intl.DateTimeFormat, at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : format.format(date);
}

function codeLabel(t: I18n['t'], prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}
