// One routine, at its latest version (/rutiner/:id) or an older one (/rutiner/:id/version/:v):
// title, validity, the description as plain paragraphs, the steps by phase; the list of versions;
// a choice of two versions to compare; and the deviations per step across the operations that
// followed it, as a table and a bar chart.
import { CompareForm } from '../components/compare_form';
import { StatusMessage } from '../components/form';
import { LoadState } from '../components/load_state';
import { Time } from '../components/operations';
import { Fact } from '../components/record_parts';
import { Description, PhaseSteps, phaseLabel } from '../components/routine_parts';
import { Cell, Row, StackedTable } from '../components/table';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import {
  fetchDeviations,
  fetchRoutines,
  fetchVersion,
  fetchVersions,
  versionPdfPath,
  type RoutineSummary,
  type RoutineVersion,
  type StepDeviations,
} from '../routines';
import { useCurrentSession } from '../session';
import { formatDate, formatDateTime } from '../time';
import { AdoptButton, AdoptedFrom, mayAdopt } from './routines';

interface RoutineData {
  version: RoutineVersion;
  versions: RoutineVersion[];
  summary: RoutineSummary | null;
  all: RoutineSummary[];
}

export function RoutinePage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const requested = props.params['v'] ?? null;
  const { search } = useLocation();
  const { state, reload } = useLoad<RoutineData>(async (signal) => {
    const [version, versions, all] = await Promise.all([
      fetchVersion(id, requested, signal),
      fetchVersions(id, signal),
      fetchRoutines(signal),
    ]);
    return { version, versions, all, summary: all.find((r) => String(r.id) === id) ?? null };
  }, `${id}/${requested ?? ''}`);
  const query = new URLSearchParams(search);
  const savedVersion = query.get('sparad');
  const done: Text | null = savedVersion
    ? ({ t }) => t('routine.saved', { version: savedVersion })
    : query.has('antagen')
      ? ({ t }) => t('routines.adopted')
      : null;

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('routine.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  return <RoutineView data={state.data} done={done} />;
}

function RoutineView(props: { data: RoutineData; done: Text | null }) {
  const { t, lang } = useI18n();
  const { user } = useCurrentSession();
  const { version, versions, summary, all } = props.data;
  const latest = versions[0]?.version ?? version.version;
  const isLatest = version.version === latest;
  const routineId = version.routineId;

  return (
    <>
      <h1 class="routine-title">
        <span class="h1-kicker">{t('routine.title')}</span> {version.title}
      </h1>
      <StatusMessage text={props.done} />
      {!isLatest && (
        <div class="notice notice--warning">
          <p>{t('routine.olderVersion', { latest })}</p>
          <p>
            <a class="link-button" href={`/rutiner/${routineId}`}>
              {t('routine.showLatest')}
            </a>
          </p>
        </div>
      )}
      <section class="section card card--wide" aria-labelledby="routine-facts">
        <h2 id="routine-facts" class="visually-hidden">
          {t('routine.title')}
        </h2>
        <dl class="facts">
          <Fact term={t('routine.version')}>{t('routine.versionOf', { version: version.version, latest })}</Fact>
          <Fact term={t('routine.validFrom')}>{formatDate(lang, version.validFrom)}</Fact>
          {summary && <Fact term={t('routine.owner')}>{summary.ownerUnit.name}</Fact>}
          {summary?.adoptedFrom && (
            <Fact term={t('routine.adoptedFrom')}>
              <AdoptedFrom routine={summary} all={all} />
            </Fact>
          )}
          <Fact term={t('routine.savedAt')}>
            <Time iso={version.createdAt} />
          </Fact>
          {version.createdBy && <Fact term={t('routine.savedBy')}>{version.createdBy}</Fact>}
        </dl>
        <div class="section__actions no-print">
          {summary?.mayEdit && (
            <a class="button-link" href={`/rutiner/${routineId}/redigera`}>
              {t('routine.edit')}
            </a>
          )}
          <button type="button" class="button button--secondary" onClick={() => window.print()}>
            {t('routine.print')}
          </button>
          <a class="button-link button--secondary" href={versionPdfPath(routineId, version.version)} download>
            {t('routine.pdf')}
            <span class="visually-hidden"> {t('routine.pdfHidden', { version: version.version })}</span>
          </a>
          {summary && mayAdopt(user.role, user.unit?.id, summary) && (
            <AdoptButton routine={summary} class="button button--secondary" />
          )}
        </div>
      </section>

      {version.description.trim() !== '' && (
        <section class="section" aria-labelledby="routine-description">
          <h2 id="routine-description">{t('routine.descriptionHeading')}</h2>
          <Description text={version.description} />
        </section>
      )}

      <section class="section routine-steps" aria-labelledby="routine-steps">
        <h2 id="routine-steps">{t('routine.stepsHeading')}</h2>
        {version.steps.length === 0 ? (
          <p>{t('routine.noSteps')}</p>
        ) : (
          <PhaseSteps steps={version.steps} level={3} idPrefix="routine" />
        )}
      </section>

      <section class="section no-print" aria-labelledby="routine-versions">
        <h2 id="routine-versions">{t('routine.versionsHeading', { count: versions.length })}</h2>
        <ul class="link-list">
          {versions.map((v) => {
            const current = v.version === version.version;
            return (
              <li key={v.version}>
                <a
                  class="link-list__link"
                  href={v.version === latest ? `/rutiner/${routineId}` : `/rutiner/${routineId}/version/${v.version}`}
                  aria-current={current ? 'page' : undefined}
                >
                  <span class="link-list__title">
                    {t('routine.versionItem', { version: v.version })}
                    {current && ` (${t('routine.shownNow')})`}
                  </span>
                  <span class="link-list__meta">
                    {t('routine.versionMeta', {
                      date: formatDate(lang, v.validFrom),
                      time: formatDateTime(lang, v.createdAt),
                      name: v.createdBy || t('operation.someone'),
                    })}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      </section>

      <section class="section no-print" aria-labelledby="routine-compare">
        <h2 id="routine-compare">{t('routine.compareHeading')}</h2>
        {versions.length < 2 ? (
          <p>{t('routine.onlyOneVersion')}</p>
        ) : (
          <CompareForm
            routineId={routineId}
            versions={versions.map((v) => v.version)}
            from={version.version > 1 ? version.version - 1 : 1}
            to={version.version > 1 ? version.version : 2}
            idPrefix="routine-compare"
          />
        )}
      </section>

      <Deviations routineId={routineId} />
    </>
  );
}

/** Deviations per step, most first: a table and a bar chart of the same numbers. */
function Deviations(props: { routineId: number }) {
  const { t } = useI18n();
  const { state, reload } = useLoad((signal) => fetchDeviations(props.routineId, signal), String(props.routineId));
  return (
    <section class="section no-print" aria-labelledby="routine-deviations">
      <h2 id="routine-deviations">{t('routine.deviationsHeading')}</h2>
      <p class="section__intro">{t('routine.deviationsIntro')}</p>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' &&
        (state.data.length === 0 ? (
          <p>{t('routine.noUse')}</p>
        ) : (
          <>
            {state.data.every((s) => s.deviations === 0) && <p>{t('routine.noDeviations')}</p>}
            <DeviationTable steps={state.data} />
            <DeviationChart steps={state.data.filter((s) => s.deviations > 0)} />
          </>
        ))}
    </section>
  );
}

function DeviationTable(props: { steps: StepDeviations[] }) {
  const { t } = useI18n();
  const columns = [
    t('routine.deviationStep'),
    t('routine.deviationPhase'),
    t('routine.deviationOperations'),
    t('routine.deviationCount'),
    t('routine.deviationReasons'),
  ] as const;
  return (
    <StackedTable caption={t('routine.deviationsCaption')} columns={columns} class="table--deviations">
      {props.steps.map((s, i) => (
        <Row key={`${s.phase}-${i}`}>
          <Cell label={columns[0]}>{s.text}</Cell>
          <Cell label={columns[1]}>{phaseLabel(t, s.phase)}</Cell>
          <Cell label={columns[2]}>
            <span class="number">{s.operations}</span>
          </Cell>
          <Cell label={columns[3]}>
            <span class="number">{s.deviations}</span>
          </Cell>
          <Cell label={columns[4]}>
            {s.reasons.length === 0 ? (
              t('routine.noReasons')
            ) : (
              <ul class="reasons">
                {s.reasons.map((r, j) => (
                  <li key={j}>{r}</li>
                ))}
              </ul>
            )}
          </Cell>
        </Row>
      ))}
    </StackedTable>
  );
}

/**
 * Deviations per step as horizontal bars. Each bar is a list item whose text (the step and its
 * count) is what a screen reader reads; the drawn bar is decoration beside it.
 */
function DeviationChart(props: { steps: StepDeviations[] }) {
  const { t } = useI18n();
  if (props.steps.length === 0) return null;
  const max = Math.max(1, ...props.steps.map((s) => s.deviations));
  return (
    <figure class="chart deviation-chart">
      <figcaption class="chart__title" id="deviation-chart-title">
        {t('routine.chartTitle')}
      </figcaption>
      <ul class="deviation-chart__list" aria-labelledby="deviation-chart-title">
        {props.steps.map((s, i) => (
          <li key={`${s.phase}-${i}`} class="deviation-chart__item">
            <span class="deviation-chart__label">{s.text}</span>
            <span class="deviation-chart__row">
              <svg
                class="deviation-chart__svg"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
              >
                <rect class="deviation-chart__track" x="0" y="0" width="100" height="10" />
                <rect class="deviation-chart__bar" x="0" y="0" width={(s.deviations / max) * 100} height="10" />
              </svg>
              <span class="deviation-chart__value">
                {t('routine.chartValue', { count: s.deviations, operations: s.operations })}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
