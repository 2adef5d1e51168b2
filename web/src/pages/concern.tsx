// One concern-report task (GET /api/v1/concern-tasks/{id}): what opened it, and while it is open
// the two ways to end it: file a report to the social services, or record why none is made.
import { useState } from 'preact/hooks';
import { codeLabel } from '../codes';
import {
  ErrorSummary,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { Time, municipalityName } from '../components/operations';
import { Fact } from '../components/record_parts';
import { ReportCorrections } from '../components/report_corrections';
import {
  correctReport,
  fetchTask,
  fileReport,
  recordNoReport,
  type ConcernReport,
  type ConcernTask,
} from '../concern';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { municipalitiesOnce } from '../operations';
import type { PageProps } from '../routes';

/** At least this many characters in the reason for no report (docs/api.md). */
const minReason = 20;
/** At least this many characters in the reason for a correction (docs/api.md). */
const minCorrectionReason = 20;

export function ConcernTaskPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const { state, reload, update } = useLoad(async (signal) => {
    const [task, municipalities] = await Promise.all([
      fetchTask(id, signal),
      municipalitiesOnce().catch(() => []),
    ]);
    return { task, municipalities };
  }, id);
  const [done, setDone] = useState<Text | null>(null);

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('concern.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const { task, municipalities } = state.data;
  const closed = (next: ConcernTask, text: Text) => {
    update((d) => ({ ...d, task: next }));
    setDone(() => text);
  };
  return (
    <>
      <h1>{t('concern.heading', { id: task.id })}</h1>
      <StatusMessage text={done} />
      <section class="section card card--wide" aria-labelledby="concern-facts">
        <h2 id="concern-facts">{t('concern.facts')}</h2>
        <dl class="facts">
          <Fact term={t('concern.state')}>
            {codeLabel(t, 'concernState', task.state)}
            {task.state === 'open' && task.overdue && (
              <>
                {' '}
                <span class="tag tag--overdue">{t('concern.overdue')}</span>
              </>
            )}
          </Fact>
          <Fact term={t('concern.source')}>
            {task.sourceType === 'ad'
              ? t('concern.sourceAd')
              : t(task.sourceType === 'contact' ? 'concern.sourceContact' : 'concern.sourceEncounter', {
                  id: task.sourceId ?? '–',
                })}
          </Fact>
          <Fact term={t('concern.ageBand')}>{codeLabel(t, 'ageBand', task.ageBand)}</Fact>
          <Fact term={t('concern.municipality')}>
            {task.municipalityCode ? municipalityName(municipalities, task.municipalityCode) : '–'}
          </Fact>
          {task.operationId !== null && (
            <Fact term={t('concern.operation')}>
              <a class="link-button" href={`/insatser/${task.operationId}`}>
                {t('contact.operationLink', { id: task.operationId })}
              </a>
            </Fact>
          )}
          <Fact term={t('concern.assignedTo')}>{task.assignedTo || '–'}</Fact>
          <Fact term={t('concern.openedAt')}>
            <Time iso={task.openedAt} />
          </Fact>
          <Fact term={t('concern.dueAt')}>
            <Time iso={task.dueAt} />
          </Fact>
          {task.closedAt && (
            <Fact term={t('concern.closedAt')}>
              <Time iso={task.closedAt} />
            </Fact>
          )}
          {task.state === 'no_report' && task.noReportReason && (
            <Fact term={t('concern.noReportReason')}>{task.noReportReason}</Fact>
          )}
        </dl>
      </section>
      {task.report && <ReportCard report={task.report} />}
      {task.state === 'reported' && task.report && (
        <CorrectionForm key={task.report.text} task={task} report={task.report} closed={closed} />
      )}
      {task.state === 'open' && (
        <>
          <ReportForm task={task} closed={closed} />
          <NoReportForm task={task} closed={closed} />
        </>
      )}
    </>
  );
}

function ReportCard(props: { report: ConcernReport }) {
  const { t } = useI18n();
  const { report } = props;
  return (
    <section class="section card card--wide" aria-labelledby="concern-report">
      <h2 id="concern-report">{t('concern.reportHeading')}</h2>
      <dl class="facts">
        <Fact term={t('concern.toUnit')}>{report.toUnit.name}</Fact>
        <Fact term={t('concern.fromUnit')}>{report.fromUnit.name}</Fact>
        <Fact term={t('concern.legalGround')}>{codeLabel(t, 'legalGround', report.legalGround)}</Fact>
        <Fact term={t('concern.filedAt')}>
          <Time iso={report.filedAt} />
          {report.filedBy && ` · ${report.filedBy}`}
        </Fact>
        <Fact term={t('concern.received')}>
          {report.acknowledgedAt ? (
            <>
              {t('concern.acknowledgedBy', { name: report.acknowledgedBy || '–' })} (
              <Time iso={report.acknowledgedAt} />)
            </>
          ) : (
            t('concern.notAcknowledged')
          )}
        </Fact>
      </dl>
      <h3>{t('concern.reportText')}</h3>
      <p class="prewrap">{report.text}</p>
      <ReportCorrections report={report} headingLevel={3} />
    </section>
  );
}

/** Corrects the filed report: a new text and why; the earlier text stays in the history. */
function CorrectionForm(props: { task: ConcernTask; report: ConcernReport; closed: Closed }) {
  const { t } = useI18n();
  const current = props.report.text;
  const [text, setText] = useState(current);
  const [reason, setReason] = useState('');
  const form = useForm({ text: 'correction-text', reason: 'correction-reason' });
  const check = () => {
    const problems: FormError[] = [];
    if (!text.trim()) {
      problems.push({ target: 'correction-text', text: ({ t }) => t('concern.textMissing') });
    } else if (text.trim() === current.trim()) {
      problems.push({ target: 'correction-text', text: ({ t }) => t('concern.correctionUnchanged') });
    }
    if (reason.trim().length < minCorrectionReason) {
      problems.push({
        target: 'correction-reason',
        text: ({ t }) => t('concern.correctionReasonTooShort', { min: minCorrectionReason }),
      });
    }
    return problems;
  };
  const action = async () => {
    const next = await correctReport(props.task.id, { text: text.trim(), reason: reason.trim() });
    props.closed(next, ({ t }) => t('concern.correctionDone'));
  };
  return (
    <section class="section" aria-labelledby="concern-correction">
      <h2 id="concern-correction">{t('concern.correctionForm')}</h2>
      <p>{t('concern.correctionIntro')}</p>
      <form class="form" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
        <ErrorSummary {...form.summary('concern-correction-errors')} />
        <TextAreaField
          id="correction-text"
          label={t('concern.correctionText')}
          value={text}
          onValue={setText}
          rows={6}
          required
          error={form.error('correction-text')}
        />
        <TextAreaField
          id="correction-reason"
          label={t('concern.correctionReason')}
          hint={t('concern.correctionReasonHint', { min: minCorrectionReason })}
          value={reason}
          onValue={setReason}
          rows={3}
          required
          error={form.error('correction-reason')}
        />
        <SubmitButton busy={form.busy} class="button button--secondary">
          {t('concern.correct')}
        </SubmitButton>
      </form>
    </section>
  );
}

type Closed = (task: ConcernTask, text: Text) => void;

function ReportForm(props: { task: ConcernTask; closed: Closed }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const form = useForm({ text: 'concern-text', to_unit_id: 'concern-text' });
  const check = () => {
    const problems: FormError[] = [];
    if (!text.trim()) problems.push({ target: 'concern-text', text: ({ t }) => t('concern.textMissing') });
    return problems;
  };
  const action = async () => {
    const next = await fileReport(props.task.id, { text: text.trim() });
    props.closed(next, ({ t }) => t('concern.reported'));
  };
  return (
    <section class="section" aria-labelledby="concern-report-form">
      <h2 id="concern-report-form">{t('concern.reportForm')}</h2>
      <p>{t('concern.reportIntro')}</p>
      <form class="form" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
        <ErrorSummary {...form.summary('concern-report-errors')} />
        <TextAreaField
          id="concern-text"
          label={t('concern.text')}
          hint={t('concern.textHint')}
          value={text}
          onValue={setText}
          rows={6}
          required
          error={form.error('concern-text')}
        />
        <SubmitButton busy={form.busy}>{t('concern.file')}</SubmitButton>
      </form>
    </section>
  );
}

function NoReportForm(props: { task: ConcernTask; closed: Closed }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const form = useForm({ reason: 'concern-reason' });
  const check = () => {
    const problems: FormError[] = [];
    if (reason.trim().length < minReason) {
      problems.push({ target: 'concern-reason', text: ({ t }) => t('concern.reasonTooShort', { min: minReason }) });
    }
    return problems;
  };
  const action = async () => {
    const next = await recordNoReport(props.task.id, reason.trim());
    props.closed(next, ({ t }) => t('concern.noReportDone'));
  };
  return (
    <section class="section" aria-labelledby="concern-no-report">
      <h2 id="concern-no-report">{t('concern.noReportForm')}</h2>
      <p>{t('concern.noReportIntro')}</p>
      <form class="form" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
        <ErrorSummary {...form.summary('concern-no-report-errors')} />
        <TextAreaField
          id="concern-reason"
          label={t('concern.reason')}
          hint={t('concern.reasonHint', { min: minReason })}
          value={reason}
          onValue={setReason}
          rows={4}
          required
          error={form.error('concern-reason')}
        />
        <SubmitButton busy={form.busy} class="button button--secondary">
          {t('concern.noReport')}
        </SubmitButton>
      </form>
    </section>
  );
}
