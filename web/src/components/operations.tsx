// Parts shared by the pages of operations: the state as a tag, times in Swedish time, and a
// table of operations.
import type { Municipality } from '../admin';
import { codeLabel } from '../codes';
import { useI18n } from '../i18n';
import type { Operation } from '../operations';
import { formatDateTime } from '../time';
import { Cell, Row, StackedTable } from './table';

export function StateTag(props: { state: string }) {
  const { t } = useI18n();
  return (
    <span class={`tag tag--state tag--${props.state.replace(/[^a-z_]/g, '')}`}>
      {codeLabel(t, 'operationState', props.state)}
    </span>
  );
}

/** An instant in Swedish time, in a <time> element. */
export function Time(props: { iso: string }) {
  const { lang } = useI18n();
  if (!props.iso) return <>–</>;
  return <time dateTime={props.iso}>{formatDateTime(lang, props.iso)}</time>;
}

export function municipalityName(municipalities: readonly Municipality[], code: string): string {
  return municipalities.find((m) => m.code === code)?.name ?? code;
}

/** Operations as a table: name (a link to the operation), type, state, municipality, times. */
export function OperationTable(props: {
  caption: string;
  operations: readonly Operation[];
  municipalities: readonly Municipality[];
}) {
  const { t } = useI18n();
  const columns = [
    t('operations.name'),
    t('operations.type'),
    t('operations.state'),
    t('operations.municipality'),
    t('operations.start'),
    t('operations.end'),
  ] as const;
  return (
    <StackedTable caption={props.caption} columns={columns}>
      {props.operations.map((o) => (
        <Row key={o.id}>
          <Cell label={columns[0]}>
            <a class="table-link" href={`/insatser/${o.id}`}>
              {o.name}
            </a>
          </Cell>
          <Cell label={columns[1]}>{codeLabel(t, 'operationType', o.type)}</Cell>
          <Cell label={columns[2]}>
            <StateTag state={o.state} />
          </Cell>
          <Cell label={columns[3]}>{municipalityName(props.municipalities, o.municipalityCode)}</Cell>
          <Cell label={columns[4]}>
            <Time iso={o.plannedStart} />
          </Cell>
          <Cell label={columns[5]}>
            <Time iso={o.plannedEnd} />
          </Cell>
        </Row>
      ))}
    </StackedTable>
  );
}

/** Open operations first, soonest start first; then closed ones, latest first. */
export function sortOperations(operations: readonly Operation[]): Operation[] {
  const open = operations.filter((o) => o.state !== 'closed');
  const closed = operations.filter((o) => o.state === 'closed');
  const byStart = (a: Operation, b: Operation) =>
    (Date.parse(a.plannedStart) || 0) - (Date.parse(b.plannedStart) || 0);
  return [...open.sort(byStart), ...closed.sort((a, b) => byStart(b, a))];
}
