// One operation: its plan and lifecycle, participants and target ads (changed by the lead unit),
// the joint log, its numbers, and below, the user's own compartment's records of it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Municipality } from '../admin';
import { codeLabel, nextState, operationStates } from '../codes';
import { OperationChecklist } from '../components/checklist';
import { ActionError, StatusMessage, useAction } from '../components/form';
import { LoadState } from '../components/load_state';
import { NumbersList } from '../components/numbers';
import { OperationLog } from '../components/operation_log';
import { OwnRecords } from '../components/own_records';
import { Participants, Targets } from '../components/operation_team';
import { StateTag, Time, municipalityName } from '../components/operations';
import { Fact } from '../components/record_parts';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import {
  fetchOperation,
  fetchOperationNumbers,
  moveOperation,
  municipalitiesOnce,
  type Operation,
} from '../operations';
import { isPoliceRole, isSocialRole } from '../records';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';

/** Roles that record on the spot (encounters or contacts). */
export const onTheSpotRoles = [
  'police_officer',
  'police_commander',
  'social_worker',
  'social_case_officer',
] as const;

export function mayRecordOnTheSpot(role: string, operation: Operation): boolean {
  return (
    (onTheSpotRoles as readonly string[]).includes(role) &&
    (operation.state === 'active' || operation.state === 'debriefed')
  );
}

interface OperationData {
  operation: Operation;
  municipalities: Municipality[];
}

export function OperationPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const { search } = useLocation();
  const { state, reload, update } = useLoad<OperationData>(async (signal) => {
    const [operation, municipalities] = await Promise.all([
      fetchOperation(id, signal),
      municipalitiesOnce(),
    ]);
    return { operation, municipalities };
  }, id);
  const query = new URLSearchParams(search);
  const initial: Text | null = query.has('planerad')
    ? ({ t }) => t('operation.planned')
    : query.has('andrad')
      ? ({ t }) => t('operation.planChanged')
      : null;
  const [done, setDone] = useState<Text | null>(() => initial);

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('operation.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const { operation, municipalities } = state.data;
  const changed = (next: Operation, text: Text | null = null) => {
    update((d) => ({ ...d, operation: next }));
    setDone(() => text);
  };
  return (
    <OperationView
      operation={operation}
      municipalities={municipalities}
      done={done}
      onChanged={changed}
    />
  );
}

function OperationView(props: {
  operation: Operation;
  municipalities: Municipality[];
  done: Text | null;
  onChanged: (operation: Operation, text?: Text | null) => void;
}) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { operation } = props;
  const closed = operation.state === 'closed';
  const manage = operation.mayManage && !closed;
  const numbers = useLoad((signal) => fetchOperationNumbers(operation.id, signal), `${operation.id}/${operation.state}`);

  return (
    <>
      <h1>
        <span class="h1-kicker">{t('operation.title')}</span> {operation.name}
      </h1>
      <p class="operation-state">
        {t('operation.stateNow')} <StateTag state={operation.state} />
      </p>
      <StatusMessage text={props.done} />
      {closed && (
        <div class="notice">
          <p>{t('operation.closedNotice')}</p>
        </div>
      )}
      {mayRecordOnTheSpot(user.role, operation) && (
        <p>
          <a class="button-link button-link--primary-large" href={`/insatser/${operation.id}/pa-plats`}>
            {t('operation.onTheSpot')}
          </a>
        </p>
      )}
      <section class="section card card--wide" aria-labelledby="operation-plan">
        <h2 id="operation-plan">{t('operation.planHeading')}</h2>
        <dl class="facts">
          <Fact term={t('operations.type')}>{codeLabel(t, 'operationType', operation.type)}</Fact>
          <Fact term={t('operations.municipality')}>
            {municipalityName(props.municipalities, operation.municipalityCode)}
          </Fact>
          <Fact term={t('operation.place')}>{operation.place || '–'}</Fact>
          <Fact term={t('operations.start')}>
            <Time iso={operation.plannedStart} />
          </Fact>
          <Fact term={t('operations.end')}>
            <Time iso={operation.plannedEnd} />
          </Fact>
          <Fact term={t('operation.leadUnit')}>{operation.leadUnit.name}</Fact>
        </dl>
        {manage && (
          <p class="section__actions">
            <a class="button button--secondary" href={`/insatser/${operation.id}/andra`}>
              {t('operation.editPlan')}
            </a>
          </p>
        )}
      </section>
      <Lifecycle operation={operation} manage={manage} onChanged={props.onChanged} />
      <OperationChecklist operation={operation} />
      <Participants operation={operation} manage={manage} onChanged={props.onChanged} />
      <Targets operation={operation} manage={manage} onChanged={props.onChanged} />
      <OperationLog
        operation={operation}
        mayWrite={!closed && (operation.mayWriteLog ?? user.role !== 'coordinator')}
      />
      <section class="section" aria-labelledby="operation-numbers">
        <h2 id="operation-numbers">{t('operation.numbersHeading')}</h2>
        <LoadState state={numbers.state} retry={numbers.reload} />
        {numbers.state.kind === 'ready' && (
          <NumbersList numbers={numbers.state.data} caption={t('operation.numbersCaption')} />
        )}
      </section>
      {(isPoliceRole(user.role) || isSocialRole(user.role)) && (
        <OwnRecords operationId={operation.id} role={user.role} />
      )}
    </>
  );
}

/** The five steps with who took each and when; the lead unit's button to the next step. */
function Lifecycle(props: {
  operation: Operation;
  manage: boolean;
  onChanged: (operation: Operation, text?: Text | null) => void;
}) {
  const { t } = useI18n();
  const { operation } = props;
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const [moved, setMoved] = useState(0);
  const current = (operationStates as readonly string[]).indexOf(operation.state);
  const next = nextState(operation.state);

  useEffect(() => {
    if (moved > 0) heading.current?.focus();
  }, [moved]);

  const move = () =>
    action.run(async () => {
      if (!next) return;
      const result = await moveOperation(operation.id, next);
      props.onChanged(result, ({ t }) =>
        t('operation.moved', { state: codeLabel(t, 'operationState', result.state) }),
      );
      setMoved((n) => n + 1);
    });

  return (
    <section class="section" aria-labelledby="operation-lifecycle">
      <h2 id="operation-lifecycle" tabIndex={-1} ref={heading}>
        {t('operation.lifecycle')}
      </h2>
      <ol class="stepper">
        {operationStates.map((state, i) => {
          const transition = operation.transitions.filter((x) => x.to === state).pop();
          const status = i < current ? 'done' : i === current ? 'current' : 'todo';
          return (
            <li key={state} class={`stepper__step stepper__step--${status}`} aria-current={status === 'current' ? 'step' : undefined}>
              <span class="stepper__marker" aria-hidden="true">
                {status === 'done' ? '✓' : i + 1}
              </span>
              <span class="stepper__body">
                <span class="stepper__name">{codeLabel(t, 'operationState', state)}</span>
                <span class="visually-hidden">
                  {' '}
                  ({t(`operation.step.${status}`)})
                </span>
                {transition ? (
                  <span class="stepper__meta">
                    {transition.userName || t('operation.someone')}, <Time iso={transition.at} />
                  </span>
                ) : (
                  state === 'planned' &&
                  operation.createdAt && (
                    <span class="stepper__meta">
                      {operation.createdBy ? `${operation.createdBy}, ` : ''}
                      <Time iso={operation.createdAt} />
                    </span>
                  )
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {props.manage && next && (
        <>
          <button
            type="button"
            class="button"
            onClick={() => void move()}
            aria-disabled={action.busy ? 'true' : undefined}
          >
            {t('operation.moveTo', { state: codeLabel(t, 'operationState', next) })}
          </button>
          <ActionError text={action.error} />
        </>
      )}
    </section>
  );
}
