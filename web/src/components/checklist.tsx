// The checklist of an operation (docs/api.md "Routines and checklists"): the steps of the routine
// version attached to it, grouped by phase; each step's sign-off or deviation, or, for a user of
// the agency responsible while the operation is open, "Signera" and "Avvikelse" (which asks for
// the reason). The lead unit chooses the routine while no step is marked. "Skriv ut" prints the
// checklist alone (the class print-checklist on <html> narrows the print styles to it).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { Operation } from '../operations';
import {
  agencyMatches,
  attachRoutine,
  checklistPdfPath,
  fetchChecklist,
  fetchRoutines,
  markDeviation,
  signStep,
  type Checklist as ChecklistData,
  type ChecklistItem,
} from '../routines';
import { useCurrentSession } from '../session';
import { formatDate } from '../time';
import {
  ActionError,
  ErrorSummary,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  type FormError,
  useAction,
  useForm,
} from './form';
import { LoadState } from './load_state';
import { Time } from './operations';
import { PhaseSteps } from './routine_parts';

/** Prints the page with only the checklist (and the page's h1) in the print styles. */
export function printChecklist(): void {
  const root = document.documentElement;
  root.classList.add('print-checklist');
  const done = () => {
    root.classList.remove('print-checklist');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function OperationChecklist(props: { operation: Operation }) {
  const { t } = useI18n();
  const { operation } = props;
  const { state, reload, update } = useLoad(
    (signal) => fetchChecklist(operation.id, signal),
    `${operation.id}/${operation.state}`,
  );
  const [done, setDone] = useState<Text | null>(null);
  const changed = (next: ChecklistData, text: Text) => {
    update(() => next);
    setDone(() => text);
  };

  return (
    <section class="section checklist" aria-labelledby="operation-checklist">
      <h2 id="operation-checklist">
        {t('checklist.heading')}
      </h2>
      <LoadState state={state} retry={reload} />
      <StatusMessage text={done} />
      {state.kind === 'ready' &&
        (state.data === null ? (
          operation.mayManage && operation.state !== 'closed' ? (
            <>
              <p class="section__intro">{t('checklist.chooseIntro')}</p>
              <ChooseRoutine operation={operation} current={null} onChanged={changed} />
            </>
          ) : (
            <p>{t('checklist.none')}</p>
          )
        ) : (
          <ChecklistView operation={operation} checklist={state.data} onChanged={changed} />
        ))}
    </section>
  );
}

function ChooseRoutine(props: {
  operation: Operation;
  current: ChecklistData | null;
  onChanged: (next: ChecklistData, text: Text) => void;
}) {
  const { t } = useI18n();
  const routines = useLoad(fetchRoutines);
  const [routineId, setRoutineId] = useState('');
  const selectId = props.current ? 'checklist-change-routine' : 'checklist-routine';
  const form = useForm({ routine_id: selectId });

  if (routines.state.kind !== 'ready') return <LoadState state={routines.state} retry={routines.reload} />;
  const list = routines.state.data.filter(
    (r) => !props.current || r.id !== props.current.routineId || r.latestVersion !== props.current.version,
  );
  if (routines.state.data.length === 0) return <p>{t('checklist.noRoutines')}</p>;

  const check = (): FormError[] =>
    routineId === '' ? [{ target: selectId, text: ({ t }) => t('checklist.routineMissing') }] : [];
  const action = async () => {
    const next = await attachRoutine(props.operation.id, Number(routineId));
    setRoutineId('');
    props.onChanged(next, ({ t }) =>
      t('checklist.attached', { title: next.title, version: next.version }),
    );
  };

  return (
    <form
      class={props.current ? 'form subform no-print' : 'form no-print'}
      noValidate
      aria-busy={form.busy}
      onSubmit={form.submit(check, action)}
    >
      {props.current && (
        <>
          <h3>{t('checklist.changeHeading')}</h3>
          <p class="section__intro">{t('checklist.changeIntro')}</p>
        </>
      )}
      <ErrorSummary {...form.summary(`${selectId}-errors`)} />
      <SelectField
        id={selectId}
        label={t('checklist.routine')}
        value={routineId}
        onValue={setRoutineId}
        required
        error={form.error(selectId)}
      >
        <option value="">{t('checklist.chooseOption')}</option>
        {list.map((r) => (
          <option key={r.id} value={String(r.id)}>
            {t('checklist.routineOption', { title: r.title, owner: r.ownerUnit.name, version: r.latestVersion })}
          </option>
        ))}
      </SelectField>
      <SubmitButton busy={form.busy}>{props.current ? t('checklist.change') : t('checklist.attach')}</SubmitButton>
    </form>
  );
}

function ChecklistView(props: {
  operation: Operation;
  checklist: ChecklistData;
  onChanged: (next: ChecklistData, text: Text) => void;
}) {
  const { t, lang } = useI18n();
  const { user } = useCurrentSession();
  const { operation, checklist } = props;
  const open = operation.state !== 'closed';
  const action = useAction();
  const [deviating, setDeviating] = useState<number | null>(null);
  const [focusStep, setFocusStep] = useState<number | null>(null);

  // After a mark, focus moves to the step's new mark, so that the keyboard is not left on a
  // button that has gone.
  useEffect(() => {
    if (focusStep === null) return;
    document.getElementById(`checklist-mark-${focusStep}`)?.focus();
    setFocusStep(null);
  }, [focusStep]);

  const mayMark = (item: ChecklistItem) =>
    open && checklist.maySign && item.mark === null && agencyMatches(user.role, item.agency);

  const sign = (item: ChecklistItem) =>
    action.run(async () => {
      const next = await signStep(operation.id, item.id);
      setDeviating(null);
      props.onChanged(next, ({ t }) => t('checklist.signedDone'));
      setFocusStep(item.id);
    });

  return (
    <>
      <p class="section__intro no-print">{t('checklist.intro')}</p>
      <dl class="facts checklist__facts">
        <div class="facts__row">
          <dt>{t('checklist.routineName')}</dt>
          <dd>
            {checklist.title},{' '}
            <a class="link-button" href={`/rutiner/${checklist.routineId}/version/${checklist.version}`}>
              {t('checklist.versionLink', { version: checklist.version })}
            </a>
          </dd>
        </div>
        <div class="facts__row">
          <dt>{t('checklist.validFrom')}</dt>
          <dd>{formatDate(lang, checklist.validFrom)}</dd>
        </div>
      </dl>
      <p class={checklist.openRequired > 0 ? 'checklist__open checklist__open--todo' : 'checklist__open'}>
        {checklist.openRequired === 0
          ? t('checklist.allDone')
          : checklist.openRequired === 1
            ? t('checklist.openRequiredOne')
            : t('checklist.openRequired', { count: checklist.openRequired })}
      </p>
      <div class="section__actions no-print">
        <button type="button" class="button button--secondary" onClick={printChecklist}>
          {t('checklist.print')}
        </button>
        <a class="button-link button--secondary" href={checklistPdfPath(operation.id)} download>
          {t('checklist.pdf')}
        </a>
      </div>
      <ActionError text={action.error} />
      <div class="checklist__steps">
        <PhaseSteps steps={checklist.items} level={3} idPrefix="checklist">
          {(item) => (
            <div class="step__status">
              {item.mark ? (
                <StepMark item={item} />
              ) : !mayMark(item) ? (
                <p class="step__mark step__mark--open">{t('checklist.open')}</p>
              ) : deviating === item.id ? (
                <DeviationForm
                  operationId={operation.id}
                  item={item}
                  onCancel={() => setDeviating(null)}
                  onSaved={(next) => {
                    setDeviating(null);
                    props.onChanged(next, ({ t }) => t('checklist.deviationDone'));
                    setFocusStep(item.id);
                  }}
                />
              ) : (
                <StepButtons
                  item={item}
                  busy={action.busy}
                  onSign={() => void sign(item)}
                  onDeviation={() => {
                    action.clearError();
                    setDeviating(item.id);
                  }}
                />
              )}
            </div>
          )}
        </PhaseSteps>
      </div>
      {checklist.mayAttach && open && operation.mayManage && (
        <ChooseRoutine operation={operation} current={checklist} onChanged={props.onChanged} />
      )}
    </>
  );
}

/** "Signera" and "Avvikelse" for a step; on paper, that the step is not signed yet. */
function StepButtons(props: {
  item: ChecklistItem;
  busy: boolean;
  onSign: () => void;
  onDeviation: () => void;
}) {
  const { t } = useI18n();
  const hidden = () => <span class="visually-hidden"> {t('checklist.stepHidden', { text: props.item.text })}</span>;
  return (
    <>
      <p class="step__mark step__mark--open print-only">{t('checklist.open')}</p>
      <div class="actions no-print">
        <button
          type="button"
          class="button button--small"
          aria-disabled={props.busy ? 'true' : undefined}
          onClick={props.onSign}
        >
          {t('checklist.sign')}
          {hidden()}
        </button>
        <button type="button" class="button button--secondary button--small" onClick={props.onDeviation}>
          {t('checklist.deviation')}
          {hidden()}
        </button>
      </div>
    </>
  );
}

/** Who signed a step and when, or the deviation with its reason. */
function StepMark(props: { item: ChecklistItem }) {
  const { t } = useI18n();
  const mark = props.item.mark;
  if (!mark) return null;
  const who = { name: mark.userName || t('operation.someone'), unit: mark.unitName };
  const deviation = mark.outcome === 'deviation';
  return (
    <div
      class={deviation ? 'step__mark step__mark--deviation' : 'step__mark step__mark--signed'}
      id={`checklist-mark-${props.item.id}`}
      tabIndex={-1}
    >
      <p class="step__mark-who">
        <span class="step__mark-icon" aria-hidden="true">
          {deviation ? '!' : '✓'}
        </span>{' '}
        {deviation ? t('checklist.deviationBy', who) : t('checklist.signedBy', who)}, <Time iso={mark.at} />
      </p>
      {deviation && mark.reason && (
        <p class="step__mark-reason">
          <strong>{t('checklist.reason')}</strong> {mark.reason}
        </p>
      )}
    </div>
  );
}

function DeviationForm(props: {
  operationId: number;
  item: ChecklistItem;
  onCancel: () => void;
  onSaved: (next: ChecklistData) => void;
}) {
  const { t } = useI18n();
  const id = `checklist-reason-${props.item.id}`;
  const [reason, setReason] = useState('');
  const form = useForm({ reason: id });
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    box.current?.querySelector('textarea')?.focus();
  }, []);

  const check = (): FormError[] =>
    reason.trim() === '' ? [{ target: id, text: ({ t }) => t('checklist.reasonMissing') }] : [];
  const action = async () => {
    props.onSaved(await markDeviation(props.operationId, props.item.id, reason.trim()));
  };

  return (
    <form class="form deviation-form no-print" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
      <ErrorSummary {...form.summary(`${id}-errors`)} />
      <div ref={box}>
        <TextAreaField
          id={id}
          label={t('checklist.reasonLabel')}
          hint={t('checklist.reasonHint')}
          value={reason}
          onValue={setReason}
          rows={3}
          maxLength={2000}
          required
          error={form.error(id)}
        />
      </div>
      <div class="actions">
        <SubmitButton busy={form.busy}>{t('checklist.saveDeviation')}</SubmitButton>
        <button type="button" class="button button--secondary" onClick={props.onCancel}>
          {t('checklist.cancel')}
        </button>
      </div>
    </form>
  );
}
