import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../account';
import { codeLabel } from '../codes';
import { LoadState } from '../components/load_state';
import { OperationTable, sortOperations } from '../components/operations';
import { checkServer, type ServerHealth } from '../health';
import { ActionError, useAction } from '../components/form';
import { Time } from '../components/operations';
import {
  acknowledgeReport,
  fetchOpenTasks,
  fetchReceivedReports,
  handlesConcerns,
  type ConcernReport,
} from '../concern';
import { ReportCorrections } from '../components/report_corrections';
import {
  fetchAwaitingApproval,
  fetchReceivedDisclosures,
  mayReceive,
  mayReview,
} from '../disclosure';
import { useI18n, type MessageKey } from '../i18n';
import { useLoad } from '../load';
import { fetchOperations, municipalitiesOnce, type OperationQuery } from '../operations';
import {
  fetchOverdueFollowUps,
  fetchOverdueReferrals,
  isPoliceRole,
  isSocialRole,
} from '../records';
import type { PageProps } from '../routes';
import { useSession } from '../session';
import { formatDate, startOfToday } from '../time';
import { mayPlan } from './operations';

export function StartPage(_props: PageProps) {
  const { t } = useI18n();
  const { state } = useSession();
  return (
    <>
      <h1>{t('start.title')}</h1>
      <p class="lead">{t('start.intro')}</p>
      {state.kind === 'authenticated' && <RoleStart session={state.session} />}
      <ServerStatus />
    </>
  );
}

/** What each role starts its day with. */
function RoleStart(props: { session: Session }) {
  const { t } = useI18n();
  const { role } = props.session.user;
  const personLevel = isPoliceRole(role) || isSocialRole(role);
  return (
    <>
      {personLevel && (
        <StartOperations
          heading={t('start.myOperations')}
          empty={t('start.noOperations')}
          query={{ open: true, mine: true, endsAfter: startOfToday() }}
          plan={mayPlan(role)}
        />
      )}
      {handlesConcerns(role) && <ConcernTasks />}
      {isSocialRole(role) && <ReceivedReports canAcknowledge={role === 'social_case_officer'} />}
      {mayReceive(role) && <DisclosureCounts review={mayReview(role)} />}
      {isSocialRole(role) && <Overdue />}
      {role === 'coordinator' && (
        <StartOperations
          heading={t('start.regionOperations')}
          empty={t('start.noRegionOperations')}
          query={{ open: true }}
          plan={false}
        />
      )}
      {(role === 'coordinator' || role === 'committee' || personLevel) && (
        <section class="section" aria-labelledby="start-numbers">
          <h2 id="start-numbers">{t('start.numbersHeading')}</h2>
          <p>{t(role === 'committee' ? 'start.numbersCommittee' : 'start.numbersIntro')}</p>
          <a class="button-link button--secondary" href="/siffror">
            {t('start.numbersLink')}
          </a>
        </section>
      )}
    </>
  );
}

function StartOperations(props: { heading: string; empty: string; query: OperationQuery; plan: boolean }) {
  const { t } = useI18n();
  const { state, reload } = useLoad(async (signal) => {
    const [operations, municipalities] = await Promise.all([
      fetchOperations(props.query, signal),
      municipalitiesOnce(),
    ]);
    return { operations: sortOperations(operations), municipalities };
  });
  return (
    <section class="section" aria-labelledby="start-operations">
      <h2 id="start-operations">{props.heading}</h2>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' &&
        (state.data.operations.length === 0 ? (
          <p>{props.empty}</p>
        ) : (
          <OperationTable
            caption={t('operations.openCaption')}
            operations={state.data.operations}
            municipalities={state.data.municipalities}
          />
        ))}
      <p class="section__actions">
        <a class="link-button" href="/insatser">
          {t('start.allOperations')}
        </a>
        {props.plan && (
          <a class="button-link" href="/insatser/ny">
            {t('operations.plan')}
          </a>
        )}
      </p>
    </section>
  );
}

/** The caller's compartment's open concern-report tasks, each a link to its task page. */
function ConcernTasks() {
  const { t } = useI18n();
  const tasks = useLoad((signal) => fetchOpenTasks(signal));
  return (
    <section class="section" aria-labelledby="start-concern-tasks">
      <h2 id="start-concern-tasks">{t('start.concernTasks')}</h2>
      <LoadState state={tasks.state} retry={tasks.reload} />
      {tasks.state.kind === 'ready' &&
        (tasks.state.data.length === 0 ? (
          <p>{t('start.noConcernTasks')}</p>
        ) : (
          <ul class="link-list">
            {tasks.state.data.map((task) => (
              <li key={task.id}>
                <a class="link-list__link" href={`/orosanmalan/${task.id}`}>
                  <span class="link-list__title">
                    {t('start.concernTaskItem', { id: task.id, age: codeLabel(t, 'ageBand', task.ageBand) })}
                    {task.overdue && (
                      <>
                        {' '}
                        <span class="tag tag--overdue">{t('concern.overdue')}</span>
                      </>
                    )}
                  </span>
                  <span class="link-list__meta">
                    {t('concern.openedAt')} <Time iso={task.openedAt} /> · {t('concern.dueAt')}{' '}
                    <Time iso={task.dueAt} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/** Concern reports received by the caller's unit, unacknowledged first. */
function ReceivedReports(props: { canAcknowledge: boolean }) {
  const { t } = useI18n();
  const reports = useLoad((signal) => fetchReceivedReports(signal));
  return (
    <section class="section" aria-labelledby="start-concern-reports">
      <h2 id="start-concern-reports">{t('start.concernReports')}</h2>
      <LoadState state={reports.state} retry={reports.reload} />
      {reports.state.kind === 'ready' &&
        (reports.state.data.length === 0 ? (
          <p>{t('start.noConcernReports')}</p>
        ) : (
          <ul class="cards">
            {reports.state.data.map((report) => (
              <ReceivedReport
                key={report.id}
                report={report}
                canAcknowledge={props.canAcknowledge}
                acknowledged={(next) =>
                  reports.update((list) => list.map((r) => (r.id === next.id ? next : r)))
                }
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

function ReceivedReport(props: {
  report: ConcernReport;
  canAcknowledge: boolean;
  acknowledged: (report: ConcernReport) => void;
}) {
  const { t } = useI18n();
  const { report } = props;
  const action = useAction();
  const titleId = `received-report-${report.id}`;
  const acknowledge = () =>
    action.run(async () => {
      props.acknowledged(await acknowledgeReport(report.id));
    });
  return (
    <li class="card" aria-labelledby={titleId}>
      <h3 class="card__title" id={titleId}>
        {t('start.concernReportItem', { id: report.id, unit: report.fromUnit.name })}
      </h3>
      <p class="card__meta">
        {t('concern.filedAt')} <Time iso={report.filedAt} />
        {' · '}
        {report.acknowledgedAt ? (
          <>
            {t('concern.acknowledgedBy', { name: report.acknowledgedBy || '–' })} (
            <Time iso={report.acknowledgedAt} />)
          </>
        ) : (
          <strong>{t('concern.notAcknowledged')}</strong>
        )}
      </p>
      {report.corrections.length > 0 && (
        <p class="card__meta">
          <span class="tag">{t('start.reportCorrected', { count: report.corrections.length })}</span>
        </p>
      )}
      <details>
        <summary>{t('start.readReport')}</summary>
        <p class="prewrap">{report.text}</p>
        <ReportCorrections report={report} headingLevel={4} />
      </details>
      {props.canAcknowledge && !report.acknowledgedAt && (
        <button
          type="button"
          class="button"
          aria-disabled={action.busy ? 'true' : undefined}
          onClick={() => void acknowledge()}
        >
          {t('start.acknowledge')}
          <span class="visually-hidden"> {t('start.concernReportItem', { id: report.id, unit: report.fromUnit.name })}</span>
        </button>
      )}
      <ActionError text={action.error} />
    </li>
  );
}

/** How many disclosures the unit has received, and (for reviewers) how many wait for review. */
function DisclosureCounts(props: { review: boolean }) {
  const { t } = useI18n();
  const review = props.review;
  const counts = useLoad(async (signal) => {
    const [received, awaiting] = await Promise.all([
      fetchReceivedDisclosures(signal),
      review ? fetchAwaitingApproval(signal) : Promise.resolve(null),
    ]);
    return { received: received.length, awaiting: awaiting === null ? null : awaiting.length };
  });
  return (
    <section class="section" aria-labelledby="start-disclosures">
      <h2 id="start-disclosures">{t('start.disclosures')}</h2>
      <LoadState state={counts.state} retry={counts.reload} />
      {counts.state.kind === 'ready' && (
        <ul class="start-counts">
          {counts.state.data.awaiting !== null && (
            <li>
              {t('start.disclosuresAwaiting', { count: counts.state.data.awaiting })}
              {counts.state.data.awaiting > 0 && (
                <>
                  {' '}
                  <span class="tag tag--overdue">{t('start.disclosuresToReview')}</span>
                </>
              )}
            </li>
          )}
          <li>{t('start.disclosuresReceived', { count: counts.state.data.received })}</li>
        </ul>
      )}
      <p class="section__actions">
        <a class="link-button" href="/uppgiftslamnanden">
          {t('start.disclosuresLink')}
        </a>
      </p>
    </section>
  );
}

/** The social worker's overdue follow-ups and referrals, each a link to its contact. */
function Overdue() {
  const { t, lang } = useI18n();
  const followUps = useLoad((signal) => fetchOverdueFollowUps(signal));
  const referrals = useLoad((signal) => fetchOverdueReferrals(signal));
  return (
    <>
      <section class="section" aria-labelledby="start-follow-ups">
        <h2 id="start-follow-ups">{t('start.overdueFollowUps')}</h2>
        <LoadState state={followUps.state} retry={followUps.reload} />
        {followUps.state.kind === 'ready' &&
          (followUps.state.data.length === 0 ? (
            <p>{t('start.noOverdueFollowUps')}</p>
          ) : (
            <ul class="link-list">
              {followUps.state.data.map((f) => (
                <li key={f.id}>
                  <a class="link-list__link" href={`/kontakter/${f.contactId}?syfte=follow_up`}>
                    <span class="link-list__title">
                      {t('start.followUpItem', { id: f.contactId })}
                    </span>
                    <span class="link-list__meta">
                      {t('start.dueOn', { date: formatDate(lang, f.dueOn) })}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          ))}
      </section>
      <section class="section" aria-labelledby="start-referrals">
        <h2 id="start-referrals">{t('start.overdueReferrals')}</h2>
        <LoadState state={referrals.state} retry={referrals.reload} />
        {referrals.state.kind === 'ready' &&
          (referrals.state.data.length === 0 ? (
            <p>{t('start.noOverdueReferrals')}</p>
          ) : (
            <ul class="link-list">
              {referrals.state.data.map((r) => (
                <li key={r.id}>
                  <a class="link-list__link" href={`/kontakter/${r.contactId}?syfte=follow_up`}>
                    <span class="link-list__title">
                      {t('start.referralItem', {
                        offer: codeLabel(t, 'offer', r.kind),
                        id: r.contactId,
                      })}
                    </span>
                    <span class="link-list__meta">
                      {codeLabel(t, 'referralState', r.state)}
                      {r.dueOn ? ` · ${t('start.dueOn', { date: formatDate(lang, r.dueOn) })}` : ''}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

/** The health of the server and its database, from GET /healthz and GET /readyz. */
function ServerStatus() {
  const { t, lang } = useI18n();
  const [health, setHealth] = useState<ServerHealth | null>(null);
  const running = useRef<AbortController | null>(null);

  const check = useCallback(() => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setHealth(null);
    checkServer(controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) setHealth(result);
      },
      () => {
        // aborted: a newer check or leaving the page
      },
    );
  }, []);

  useEffect(() => {
    check();
    return () => running.current?.abort();
  }, [check]);

  const time = (date: Date) => (
    <time dateTime={date.toISOString()}>
      {date.toLocaleTimeString(lang === 'sv' ? 'sv-SE' : 'en-GB')}
    </time>
  );

  return (
    <section class="card" aria-labelledby="server-status-heading">
      <h2 id="server-status-heading">{t('health.heading')}</h2>
      <div class="status" role="status" aria-live="polite" aria-busy={health === null}>
        {health === null ? (
          <p class="status__loading">{t('health.checking')}</p>
        ) : (
          <>
            <ul class="checks">
              {checkLines(health).map(([ok, key, params]) => (
                <li key={key} class={ok ? 'check check--ok' : 'check check--fail'}>
                  <StatusIcon ok={ok} />
                  <span>{t(key, params)}</span>
                </li>
              ))}
            </ul>
            <dl class="facts">
              {health.kind === 'up' && (
                <div class="facts__row">
                  <dt>{t('health.version')}</dt>
                  <dd>{health.version}</dd>
                </div>
              )}
              <div class="facts__row">
                <dt>{t('health.checkedAt')}</dt>
                <dd>{time(health.checkedAt)}</dd>
              </div>
            </dl>
          </>
        )}
      </div>
      <button type="button" class="button" onClick={check}>
        {t('health.recheck')}
      </button>
    </section>
  );
}

type Line = [ok: boolean, key: MessageKey, params?: Record<string, string | number>];

function checkLines(health: ServerHealth): Line[] {
  switch (health.kind) {
    case 'unreachable':
      return [[false, 'health.unreachable']];
    case 'error':
      return [[false, 'health.serverError', { status: health.status }]];
    case 'bad_response':
      return [[false, 'health.badResponse']];
    case 'up': {
      const db = health.database;
      const database: Line =
        db.kind === 'ok'
          ? [true, 'health.databaseOk']
          : db.kind === 'failed'
            ? [false, 'health.databaseFailed', { message: db.message }]
            : [false, 'health.databaseUnknown'];
      return [[true, 'health.serverOk'], database];
    }
  }
}

function StatusIcon(props: { ok: boolean }) {
  return (
    <svg class="check__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="10" />
      {props.ok ? (
        <path class="check__mark" d="M5.5 10.5l3 3 6-7" />
      ) : (
        <path class="check__mark" d="M6.5 6.5l7 7M13.5 6.5l-7 7" />
      )}
    </svg>
  );
}
