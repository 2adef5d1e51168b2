// Gallring (retention) for the admin: what is due on a day (today, or another day chosen in the
// form and kept in the address as ?datum=), counts per rule and the due list with legal holds
// noted. Record types, numbers, compartments and dates only: the admin sees no case content.
import { useState } from 'preact/hooks';
import { ErrorSummary, TextField, fieldError, type FormError } from '../components/form';
import { LoadState } from '../components/load_state';
import { Cell, Row, StackedTable } from '../components/table';
import { isMessageKey, useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import { fetchRetentionPreview, type RetentionPreview } from '../retention';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { isDate } from '../time';

export function RetentionPage(_props: PageProps) {
  const { t } = useI18n();
  const { search, navigate } = useLocation();
  const shown = new URLSearchParams(search).get('datum') ?? '';
  const asOf = isDate(shown) ? shown : '';
  const [date, setDate] = useState(asOf);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const preview = useLoad((signal) => fetchRetentionPreview(asOf, signal), asOf);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const value = date.trim();
    if (value !== '' && !isDate(value)) {
      setErrors([{ target: 'retention-date', text: ({ t }) => t('retention.dateInvalid') }]);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors([]);
    navigate(value === '' ? '/admin/gallring' : `/admin/gallring?datum=${encodeURIComponent(value)}`);
  };

  return (
    <>
      <h1>{t('retention.title')}</h1>
      <p class="lead">{t('retention.intro')}</p>
      <form class="form card" noValidate onSubmit={onSubmit}>
        <ErrorSummary id="retention-errors" errors={errors} attempt={attempt} />
        <TextField
          id="retention-date"
          type="date"
          label={t('retention.date')}
          hint={t('retention.dateHint')}
          value={date}
          onValue={setDate}
          width="short"
          error={fieldError(errors, 'retention-date')}
        />
        <button type="submit" class="button">
          {t('retention.show')}
        </button>
      </form>
      <section class="section" aria-labelledby="retention-result" aria-busy={preview.state.kind === 'loading'}>
        {preview.state.kind === 'ready' ? (
          <Preview preview={preview.state.data} />
        ) : (
          <>
            <h2 id="retention-result">{t('retention.resultPending')}</h2>
            <LoadState state={preview.state} retry={preview.reload} />
          </>
        )}
      </section>
    </>
  );
}

function Preview(props: { preview: RetentionPreview }) {
  const { t } = useI18n();
  const { preview } = props;
  const held = preview.due.filter((d) => d.held).length;
  const columns = [
    t('retention.recordType'),
    t('retention.id'),
    t('retention.compartment'),
    t('retention.lastEntry'),
    t('retention.dueSince'),
    t('retention.deadline'),
    t('retention.rule'),
    t('retention.hold'),
  ] as const;
  return (
    <>
      <h2 id="retention-result">{t('retention.resultHeading', { date: preview.asOf })}</h2>
      <p role="status">{t('retention.summary', { count: preview.due.length, held })}</p>
      <h3>{t('retention.rulesHeading')}</h3>
      <ul>
        {preview.rules.map((r) => (
          <li key={r.rule}>
            <strong>{ruleLabel(t, r.rule)}</strong>: {periodText(t, r.months)} –{' '}
            {t('retention.ruleCounts', { due: r.due, held: r.held })}
          </li>
        ))}
      </ul>
      <p>{t('retention.neverDeleted')}</p>
      {preview.due.length === 0 ? (
        <p>{t('retention.none')}</p>
      ) : (
        <StackedTable caption={t('retention.caption', { date: preview.asOf, count: preview.due.length })} columns={columns}>
          {preview.due.map((d) => (
            <Row key={`${d.recordType}-${d.id}`}>
              <Cell label={columns[0]}>{codeText(t, 'retention.type', d.recordType)}</Cell>
              <Cell label={columns[1]}>{d.id}</Cell>
              <Cell label={columns[2]}>{compartmentText(t, d.compartment)}</Cell>
              <Cell label={columns[3]}>{d.lastEntry}</Cell>
              <Cell label={columns[4]}>{d.dueSince}</Cell>
              <Cell label={columns[5]}>{d.deadline}</Cell>
              <Cell label={columns[6]}>{ruleLabel(t, d.rule)}</Cell>
              <Cell label={columns[7]}>
                {d.held ? <span class="tag tag--on">{t('retention.held')}</span> : '–'}
              </Cell>
            </Row>
          ))}
        </StackedTable>
      )}
    </>
  );
}

function codeText(t: I18n['t'], prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

function ruleLabel(t: I18n['t'], rule: string): string {
  return codeText(t, 'retention.ruleName', rule);
}

function periodText(t: I18n['t'], months: number): string {
  return months % 12 === 0
    ? t('retention.afterYears', { count: months / 12 })
    : t('retention.afterMonths', { count: months });
}

/** "social:7" → "Socialtjänsten, enhet 7". */
function compartmentText(t: I18n['t'], compartment: string): string {
  const [agency, unit] = compartment.split(':');
  return t('retention.compartmentOf', { agency: codeText(t, 'retention.agency', agency ?? ''), unit: unit ?? '' });
}
