// Two versions of a routine side by side as a line diff of their documents (jsdiff's diffLines):
// every line of the newer text in order, removed lines where they were; an added line is marked
// "+" and a removed one "−", each with a hidden word ("tillagt:", "borttaget:") so that the change
// is not told by colour alone.
import { diffLines } from 'diff';
import { CompareForm } from '../components/compare_form';
import { LoadState } from '../components/load_state';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { fetchVersion, fetchVersions, type RoutineVersion } from '../routines';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** The lines of the change from `before` to `after`. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const text = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const line of text.split('\n')) lines.push({ kind, text: line });
  }
  return lines;
}

interface CompareData {
  versions: RoutineVersion[];
  before: RoutineVersion | null;
  after: RoutineVersion | null;
}

function versionParam(value: string | null): number | null {
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

export function RoutineComparePage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const { search } = useLocation();
  const query = new URLSearchParams(search);
  const from = versionParam(query.get('fran'));
  const to = versionParam(query.get('till'));
  const { state, reload } = useLoad<CompareData>(
    async (signal) => {
      const versions = await fetchVersions(id, signal);
      const known = (v: number | null) => v !== null && versions.some((x) => x.version === v);
      if (!known(from) || !known(to) || from === to) return { versions, before: null, after: null };
      const [before, after] = await Promise.all([
        fetchVersion(id, from, signal),
        fetchVersion(id, to, signal),
      ]);
      return { versions, before, after };
    },
    `${id}/${from ?? ''}/${to ?? ''}`,
  );

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('compare.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const { versions, before, after } = state.data;
  const newest = versions[0];
  const routineId = newest?.routineId ?? Number(id);
  return (
    <>
      <h1>{t('compare.title')}</h1>
      {newest && <p class="lead">{t('compare.routine', { title: newest.title })}</p>}
      <p>
        <a class="link-button" href={`/rutiner/${routineId}`}>
          {t('compare.back')}
        </a>
      </p>
      {versions.length >= 2 && (
        <section class="section no-print" aria-label={t('routine.compareHeading')}>
          <CompareForm
            routineId={routineId}
            versions={versions.map((v) => v.version)}
            from={from ?? versions[1]?.version ?? 1}
            to={to ?? versions[0]?.version ?? 2}
            idPrefix="compare"
          />
        </section>
      )}
      {before && after ? <DiffView before={before} after={after} /> : <p>{t('compare.choose')}</p>}
    </>
  );
}

function DiffView(props: { before: RoutineVersion; after: RoutineVersion }) {
  const { t } = useI18n();
  const lines = lineDiff(props.before.source, props.after.source);
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  return (
    <section class="section" aria-labelledby="compare-result">
      <h2 id="compare-result">
        {t('compare.resultHeading', { from: props.before.version, to: props.after.version })}
      </h2>
      {added + removed === 0 ? (
        <p>{t('compare.noChanges')}</p>
      ) : (
        <>
          <p>{t('compare.summary', { added, removed })}</p>
          <p class="section__intro">{t('compare.legend')}</p>
        </>
      )}
      <ul class="diff" aria-label={t('compare.listLabel')}>
        {lines.map((line, i) => (
          <li key={i} class={`diff__line diff__line--${line.kind}`}>
            <span class="diff__marker" aria-hidden="true">
              {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
            </span>
            {line.kind !== 'same' && (
              <span class="visually-hidden">
                {t(line.kind === 'added' ? 'compare.added' : 'compare.removed')}{' '}
              </span>
            )}
            <LineText line={line} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The text of a line: in <ins> or <del> when it changed; an empty changed line says so. */
function LineText(props: { line: DiffLine }) {
  const { t } = useI18n();
  const { line } = props;
  const text =
    line.text === '' && line.kind !== 'same' ? (
      <span class="visually-hidden">{t('compare.emptyLine')}</span>
    ) : (
      line.text
    );
  if (line.kind === 'added') return <ins class="diff__text">{text}</ins>;
  if (line.kind === 'removed') return <del class="diff__text">{text}</del>;
  return <span class="diff__text">{text}</span>;
}
