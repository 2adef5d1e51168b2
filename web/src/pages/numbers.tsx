// The numbers of the work, aggregated (GET /api/v1/numbers): grouped by operation, municipality
// or month over a period, kept in the address (?gruppering=&fran=&till=). Small cells are
// suppressed by the server for roles without person-level access; they read "–" here.
import { useState } from 'preact/hooks';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { NumbersChart, NumbersTable } from '../components/numbers';
import { isMessageKey, useI18n } from '../i18n';
import { useLoad } from '../load';
import { fetchNumbers } from '../operations';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';
import { formatDate, isDate, today } from '../time';

export const groupings = ['operation', 'municipality', 'month'] as const;

function defaultGrouping(role: string): string {
  if (role === 'coordinator') return 'municipality';
  if (role === 'committee') return 'month';
  return 'operation';
}

export function NumbersPage(_props: PageProps) {
  const { t, lang } = useI18n();
  const { user } = useCurrentSession();
  const { search, navigate } = useLocation();
  const query = new URLSearchParams(search);
  const yearStart = `${today().slice(0, 4)}-01-01`;
  const shownGroup = (groupings as readonly string[]).includes(query.get('gruppering') ?? '')
    ? (query.get('gruppering') as string)
    : defaultGrouping(user.role);
  const shownFrom = isDate(query.get('fran') ?? '') ? (query.get('fran') as string) : yearStart;
  const shownTo = isDate(query.get('till') ?? '') ? (query.get('till') as string) : today();

  const [group, setGroup] = useState(shownGroup);
  const [from, setFrom] = useState(shownFrom);
  const [to, setTo] = useState(shownTo);
  const form = useForm({ group_by: 'numbers-group', from: 'numbers-from', to: 'numbers-to' });

  const { state, reload } = useLoad(
    (signal) => fetchNumbers({ groupBy: shownGroup, from: shownFrom, to: shownTo }, signal),
    `${shownGroup}/${shownFrom}/${shownTo}`,
  );

  const check = (): FormError[] => {
    const problems: FormError[] = [];
    if (!isDate(from)) problems.push({ target: 'numbers-from', text: ({ t }) => t('numbers.dateInvalid') });
    if (!isDate(to)) problems.push({ target: 'numbers-to', text: ({ t }) => t('numbers.dateInvalid') });
    else if (isDate(from) && to < from) problems.push({ target: 'numbers-to', text: ({ t }) => t('numbers.toBeforeFrom') });
    return problems;
  };
  const show = async () => {
    const params = new URLSearchParams({ gruppering: group, fran: from, till: to });
    navigate(`/siffror?${params.toString()}`);
  };

  const groupLabel = (g: string) => {
    const key = `numbers.groupBy.${g}`;
    return isMessageKey(key) ? t(key) : g;
  };
  const period = t('numbers.period', { from: formatDate(lang, shownFrom), to: formatDate(lang, shownTo) });

  return (
    <>
      <h1>{t('numbers.title')}</h1>
      <p class="lead">{t('numbers.intro')}</p>
      <form class="form card" noValidate aria-busy={form.busy} onSubmit={form.submit(check, show)}>
        <ErrorSummary {...form.summary('numbers-errors')} />
        <RadioGroup
          id="numbers-group"
          legend={t('numbers.groupByLegend')}
          options={groupings.map((g) => ({ value: g, label: groupLabel(g) }))}
          value={group}
          onValue={setGroup}
        />
        <div class="field-row">
          <TextField
            id="numbers-from"
            label={t('numbers.from')}
            type="date"
            width="medium"
            value={from}
            onValue={setFrom}
            error={form.error('numbers-from')}
          />
          <TextField
            id="numbers-to"
            label={t('numbers.to')}
            type="date"
            width="medium"
            value={to}
            onValue={setTo}
            error={form.error('numbers-to')}
          />
        </div>
        <SubmitButton busy={form.busy}>{t('numbers.show')}</SubmitButton>
      </form>
      <section class="section" aria-labelledby="numbers-result" aria-busy={state.kind === 'loading'}>
        <h2 id="numbers-result">
          {t('numbers.resultHeading', { grouping: groupLabel(shownGroup).toLowerCase(), period })}
        </h2>
        <LoadState state={state} retry={reload} />
        {state.kind === 'ready' &&
          (state.data.rows.length === 0 ? (
            <p>{t('numbers.none')}</p>
          ) : (
            <>
              <NumbersTable
                numbers={state.data}
                caption={t('numbers.caption', { period })}
                rowHeader={groupLabel(shownGroup)}
              />
              <NumbersChart numbers={state.data} title={t('numbers.chartTitle', { period })} />
            </>
          ))}
      </section>
    </>
  );
}
