// The joint log of an operation: entries oldest first, each with what happened and counts (never
// who); a form for the units that take part. The server refuses text with personal data
// (400 personal_data), shown at the text with what was found.
import { useRef, useState } from 'preact/hooks';
import { codeLabel, countNames, type CountName, type Counts } from '../codes';
import { useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import { addLogEntry, fetchLog, type LogEntry, type Operation } from '../operations';
import { useSave } from '../retry';
import {
  ErrorSummary,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  TextField,
  type FormError,
  useForm,
} from './form';
import { LoadState } from './load_state';
import { Time } from './operations';
import { SaveStatus } from './save_status';
import type { Text } from '../errors';

const emptyCounts = (): Record<CountName, string> =>
  Object.fromEntries(countNames.map((n) => [n, ''])) as Record<CountName, string>;

const fieldIds: Record<string, string> = {
  text: 'log-text',
  at: 'log-text',
  ...Object.fromEntries(countNames.flatMap((n) => [[n, `log-count-${n}`], [`counts.${n}`, `log-count-${n}`]])),
};

export function OperationLog(props: { operation: Operation; mayWrite: boolean }) {
  const { t } = useI18n();
  const { operation } = props;
  const { state, reload, update } = useLoad((signal) => fetchLog(operation.id, signal), String(operation.id));

  return (
    <section class="section" aria-labelledby="operation-log">
      <h2 id="operation-log">{t('log.heading')}</h2>
      <p class="section__intro">{t('log.intro')}</p>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' &&
        (state.data.length === 0 ? (
          <p>{t('log.none')}</p>
        ) : (
          <ol class="log">
            {state.data.map((entry) => (
              <LogItem key={entry.id} entry={entry} />
            ))}
          </ol>
        ))}
      {props.mayWrite && (
        <LogForm
          operationId={operation.id}
          onAdded={(entry) =>
            update((entries) => (entries.some((e) => e.id === entry.id) ? entries : [...entries, entry]))
          }
        />
      )}
    </section>
  );
}

function LogItem(props: { entry: LogEntry }) {
  const { t } = useI18n();
  const { entry } = props;
  const counts = countNames.filter((n) => entry.counts[n] > 0);
  return (
    <li class="log__entry">
      <p class="log__meta">
        <Time iso={entry.at} /> · {entry.author.displayName || t('operation.someone')}
      </p>
      {entry.text && <p class="log__text">{entry.text}</p>}
      {counts.length > 0 && (
        <dl class="log__counts">
          {counts.map((n) => (
            <div key={n} class="log__count">
              <dt>{codeLabel(t, 'count', n)}</dt>
              <dd>{entry.counts[n]}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

function LogForm(props: { operationId: number; onAdded: (entry: LogEntry) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [counts, setCounts] = useState(emptyCounts);
  const [done, setDone] = useState<Text | null>(null);
  const form = useForm(fieldIds);
  const saving = useSave();
  const textInput = useRef<HTMLDivElement>(null);

  const check = (): FormError[] => {
    setDone(null);
    const problems: FormError[] = [];
    const anyCount = countNames.some((n) => counts[n].trim() !== '' && counts[n].trim() !== '0');
    if (text.trim() === '' && !anyCount) {
      problems.push({ target: 'log-text', text: ({ t }) => t('log.textMissing') });
    }
    for (const n of countNames) {
      const v = counts[n].trim();
      if (v !== '' && !(/^\d+$/.test(v) && Number(v) <= 1000)) {
        problems.push({ target: `log-count-${n}`, text: ({ t }) => t('log.countInvalid') });
      }
    }
    return problems;
  };

  const action = async () => {
    const body: { text: string; counts: Partial<Counts> } = { text: text.trim(), counts: {} };
    for (const n of countNames) {
      const v = counts[n].trim();
      if (v !== '' && Number(v) > 0) body.counts[n] = Number(v);
    }
    const result = await saving.save((options) => addLogEntry(props.operationId, body, options));
    if (result.kind === 'failed') throw result.error;
    if (result.kind !== 'saved') return;
    props.onAdded(result.value);
    setText('');
    setCounts(emptyCounts());
    setDone(() => ({ t }: I18n) => t('log.added'));
    textInput.current?.querySelector('textarea')?.focus();
  };

  return (
    <form class="form subform" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
      <h3>{t('log.addHeading')}</h3>
      <ErrorSummary {...form.summary('log-errors')} />
      <div ref={textInput}>
        <TextAreaField
          id="log-text"
          label={t('log.text')}
          hint={t('log.textHint')}
          value={text}
          onValue={setText}
          rows={3}
          maxLength={4000}
          error={form.error('log-text')}
        />
      </div>
      <fieldset class="field counts">
        <legend class="field__label">{t('log.counts')}</legend>
        <p class="field__hint">{t('log.countsHint')}</p>
        <div class="counts__grid">
          {countNames.map((n) => (
            <TextField
              key={n}
              id={`log-count-${n}`}
              label={codeLabel(t, 'count', n)}
              type="number"
              width="short"
              value={counts[n]}
              onValue={(v) => setCounts((c) => ({ ...c, [n]: v }))}
              input={{ min: 0, max: 1000, step: 1, inputMode: 'numeric' }}
              error={form.error(`log-count-${n}`)}
            />
          ))}
        </div>
      </fieldset>
      <SubmitButton busy={form.busy}>{t('log.add')}</SubmitButton>
      <SaveStatus status={saving.status.kind === 'retrying' ? saving.status : { kind: 'idle' }} />
      <StatusMessage text={done} />
    </form>
  );
}
