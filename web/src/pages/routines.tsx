// The county's routines: the region's library first, then the units' own. Writers (coordinator,
// police commander, social case officer) start a new routine, and adopt a library routine that is
// not their own unit's as their own (a copy they then adapt).
import { ActionError, useAction } from '../components/form';
import { LoadState } from '../components/load_state';
import { Cell, Row, StackedTable } from '../components/table';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { adoptRoutine, fetchRoutines, mayWriteRoutines, type RoutineSummary } from '../routines';
import { useCurrentSession } from '../session';
import { formatDate } from '../time';

/** Whether the user may adopt `routine`: a writer, and a library routine of another unit. */
export function mayAdopt(role: string, unitId: number | undefined, routine: RoutineSummary): boolean {
  return mayWriteRoutines(role) && routine.ownerUnit.kind === 'region' && routine.ownerUnit.id !== unitId;
}

/** "Anta som egen": adopts the routine and opens the new one. */
export function AdoptButton(props: { routine: RoutineSummary; class?: string }) {
  const { t } = useI18n();
  const { navigate } = useLocation();
  const action = useAction();
  const adopt = () =>
    action.run(async () => {
      const made = await adoptRoutine(props.routine.id);
      navigate(`/rutiner/${made.routineId}?antagen=1`);
    });
  return (
    <>
      <button
        type="button"
        class={props.class ?? 'button button--secondary button--small'}
        aria-disabled={action.busy ? 'true' : undefined}
        onClick={() => void adopt()}
      >
        {t('routines.adopt')}
        <span class="visually-hidden">: {props.routine.title}</span>
      </button>
      <ActionError text={action.error} />
    </>
  );
}

export function RoutinesPage(_props: PageProps) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { state, reload } = useLoad(fetchRoutines);

  return (
    <>
      <h1>{t('routines.title')}</h1>
      <p class="lead">{t('routines.intro')}</p>
      {mayWriteRoutines(user.role) && (
        <p>
          <a class="button-link" href="/rutiner/ny">
            {t('routines.new')}
          </a>
        </p>
      )}
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && <RoutineLists routines={state.data} />}
    </>
  );
}

function RoutineLists(props: { routines: RoutineSummary[] }) {
  const { t } = useI18n();
  const library = props.routines.filter((r) => r.ownerUnit.kind === 'region');
  const units = props.routines.filter((r) => r.ownerUnit.kind !== 'region');
  return (
    <>
      <section class="section" aria-labelledby="routines-library">
        <h2 id="routines-library">{t('routines.libraryHeading', { count: library.length })}</h2>
        {library.length === 0 ? (
          <p>{t('routines.noneLibrary')}</p>
        ) : (
          <RoutineTable caption={t('routines.libraryCaption')} routines={library} all={props.routines} />
        )}
      </section>
      <section class="section" aria-labelledby="routines-units">
        <h2 id="routines-units">{t('routines.unitsHeading', { count: units.length })}</h2>
        {units.length === 0 ? (
          <p>{t('routines.noneUnits')}</p>
        ) : (
          <RoutineTable caption={t('routines.unitsCaption')} routines={units} all={props.routines} />
        )}
      </section>
    </>
  );
}

/** "Titel, version 2" of the routine a routine was adopted from, as a link to that version. */
export function AdoptedFrom(props: { routine: RoutineSummary; all: readonly RoutineSummary[] }) {
  const { t } = useI18n();
  const from = props.routine.adoptedFrom;
  if (!from) return <>{t('routines.notAdopted')}</>;
  const source = props.all.find((r) => r.id === from.routineId);
  const text = source
    ? t('routines.adoptedFromText', { title: source.title, version: from.version })
    : t('routines.adoptedFromUnknown', { id: from.routineId, version: from.version });
  return (
    <a class="table-link" href={`/rutiner/${from.routineId}/version/${from.version}`}>
      {text}
    </a>
  );
}

function RoutineTable(props: {
  caption: string;
  routines: readonly RoutineSummary[];
  all: readonly RoutineSummary[];
}) {
  const { t, lang } = useI18n();
  const { user } = useCurrentSession();
  const columns = [
    t('routines.name'),
    t('routines.owner'),
    t('routines.latestVersion'),
    t('routines.validFrom'),
    t('routines.adoptedFrom'),
    t('routines.actions'),
  ] as const;
  return (
    <StackedTable caption={props.caption} columns={columns} class="table--routines">
      {props.routines.map((r) => (
        <Row key={r.id}>
          <Cell label={columns[0]}>
            <a class="table-link" href={`/rutiner/${r.id}`}>
              {r.title}
            </a>
          </Cell>
          <Cell label={columns[1]}>{r.ownerUnit.name}</Cell>
          <Cell label={columns[2]}>{r.latestVersion}</Cell>
          <Cell label={columns[3]}>{formatDate(lang, r.validFrom)}</Cell>
          <Cell label={columns[4]}>
            <AdoptedFrom routine={r} all={props.all} />
          </Cell>
          <Cell label={columns[5]}>
            {mayAdopt(user.role, user.unit?.id, r) ? (
              <div>
                <AdoptButton routine={r} />
              </div>
            ) : (
              <span class="muted">{t('routines.noAction')}</span>
            )}
          </Cell>
        </Row>
      ))}
    </StackedTable>
  );
}
