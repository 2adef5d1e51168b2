import type { Municipality } from '../admin';
import { LoadState } from '../components/load_state';
import { OperationTable, sortOperations } from '../components/operations';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { fetchOperations, municipalitiesOnce, type Operation } from '../operations';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';

/** Roles that plan operations (docs/api.md "Operations"). */
export const planningRoles = ['police_commander', 'social_case_officer'] as const;

export function mayPlan(role: string): boolean {
  return (planningRoles as readonly string[]).includes(role);
}

interface ListData {
  operations: Operation[];
  municipalities: Municipality[];
}

async function loadList(signal: AbortSignal): Promise<ListData> {
  const [operations, municipalities] = await Promise.all([
    fetchOperations({}, signal),
    municipalitiesOnce(),
  ]);
  return { operations: sortOperations(operations), municipalities };
}

/** The operations the user may read: open ones first. */
export function OperationsPage(_props: PageProps) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { state, reload } = useLoad(loadList);

  return (
    <>
      <h1>{t('operations.title')}</h1>
      <p class="lead">{t('operations.intro')}</p>
      {mayPlan(user.role) && (
        <p>
          <a class="button-link" href="/insatser/ny">
            {t('operations.plan')}
          </a>
        </p>
      )}
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && <OperationLists data={state.data} />}
    </>
  );
}

function OperationLists(props: { data: ListData }) {
  const { t } = useI18n();
  const { operations, municipalities } = props.data;
  const open = operations.filter((o) => o.state !== 'closed');
  const closed = operations.filter((o) => o.state === 'closed');
  return (
    <>
      <section class="section" aria-labelledby="operations-open">
        <h2 id="operations-open">{t('operations.openHeading', { count: open.length })}</h2>
        {open.length === 0 ? (
          <p>{t('operations.noneOpen')}</p>
        ) : (
          <OperationTable
            caption={t('operations.openCaption')}
            operations={open}
            municipalities={municipalities}
          />
        )}
      </section>
      {closed.length > 0 && (
        <section class="section" aria-labelledby="operations-closed">
          <h2 id="operations-closed">{t('operations.closedHeading', { count: closed.length })}</h2>
          <OperationTable
            caption={t('operations.closedCaption')}
            operations={closed}
            municipalities={municipalities}
          />
        </section>
      )}
    </>
  );
}
