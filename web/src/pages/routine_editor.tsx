// Writing a routine: a new one from the shipped template (/rutiner/ny), or the next version of one
// (/rutiner/:id/redigera) from its latest text. The document's format is explained beside the
// text box. A document the server cannot read is refused with "line N: expected …, found …": the
// message goes to the error summary and line N is selected in the text box, which takes focus.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  ErrorSummary,
  SubmitButton,
  TextAreaField,
  type FormError,
  serverErrors,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import {
  createRoutine,
  fetchRoutines,
  fetchTemplate,
  fetchVersion,
  lineOfSourceError,
  reviseRoutine,
  type RoutineVersion,
} from '../routines';

const sourceId = 'routine-source';

/** Where line `line` (1-based) of `text` starts and ends. */
export function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return { start: text.length, end: text.length };
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, end: end < 0 ? text.length : end };
}

/** Focuses the text box with line `line` selected and scrolled into view. */
function selectLine(textarea: HTMLTextAreaElement, line: number): void {
  const { start, end } = lineRange(textarea.value, line);
  textarea.focus();
  textarea.setSelectionRange(start, end);
  const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 24;
  textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
}

export function NewRoutinePage(_props: PageProps) {
  const { t } = useI18n();
  const { state, reload } = useLoad(fetchTemplate);
  return (
    <>
      <h1>{t('editor.newTitle')}</h1>
      <p class="lead">{t('editor.newIntro')}</p>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && <Editor initial={state.data} routineId={null} cancelHref="/rutiner" />}
    </>
  );
}

interface EditData {
  version: RoutineVersion;
  mayEdit: boolean;
}

export function EditRoutinePage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const { state, reload } = useLoad<EditData>(async (signal) => {
    const [version, all] = await Promise.all([fetchVersion(id, null, signal), fetchRoutines(signal)]);
    return { version, mayEdit: all.some((r) => String(r.id) === id && r.mayEdit) };
  }, id);
  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('editor.editTitle')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const { version, mayEdit } = state.data;
  return (
    <>
      <h1>
        <span class="h1-kicker">{t('editor.editTitle')}</span> {version.title}
      </h1>
      {mayEdit ? (
        <>
          <p class="lead">{t('editor.editIntro', { version: version.version, next: version.version + 1 })}</p>
          <Editor initial={version.source} routineId={version.routineId} cancelHref={`/rutiner/${version.routineId}`} />
        </>
      ) : (
        <>
          <div class="notice">
            <p>{t('editor.mayNotEdit')}</p>
          </div>
          <p>
            <a class="link-button" href={`/rutiner/${version.routineId}`}>
              {t('compare.back')}
            </a>
          </p>
        </>
      )}
    </>
  );
}

function Editor(props: { initial: string; routineId: number | null; cancelHref: string }) {
  const { t } = useI18n();
  const { navigate } = useLocation();
  const [source, setSource] = useState(props.initial);
  const form = useForm({ source: sourceId });
  const box = useRef<HTMLDivElement>(null);
  const errorLine = useRef<number | null>(null);

  // After a refusal that names a line: focus the text box with that line selected. A frame
  // later, so that it comes after the error summary has taken focus for the same attempt.
  useEffect(() => {
    const line = errorLine.current;
    if (form.attempt === 0 || line === null) return undefined;
    const frame = requestAnimationFrame(() => {
      const textarea = box.current?.querySelector('textarea');
      if (textarea) selectLine(textarea, line);
    });
    return () => cancelAnimationFrame(frame);
  }, [form.attempt]);

  const check = (): FormError[] => {
    errorLine.current = null;
    return source.trim() === ''
      ? [{ target: sourceId, text: ({ t }) => t('editor.sourceMissing') }]
      : [];
  };

  const action = async () => {
    const saved =
      props.routineId === null ? await createRoutine(source) : await reviseRoutine(props.routineId, source);
    navigate(`/rutiner/${saved.routineId}?sparad=${saved.version}`);
  };

  const explain = (err: unknown): FormError[] | undefined => {
    if (err instanceof ApiError && err.field === 'source') {
      const line = lineOfSourceError(err.message);
      errorLine.current = line;
      if (line !== null) {
        const message = err.message;
        return [{ target: sourceId, text: ({ t }) => t('editor.sourceError', { message }) }];
      }
    }
    return serverErrors(err, { source: sourceId });
  };

  return (
    <div class="editor">
      <FormatHelp />
      <form class="form form--wide" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action, explain)}>
        <ErrorSummary {...form.summary('routine-errors')} />
        <div class="routine-source" ref={box}>
          <TextAreaField
            id={sourceId}
            label={t('editor.source')}
            hint={t('editor.sourceHint')}
            value={source}
            onValue={setSource}
            rows={24}
            required
            error={form.error(sourceId)}
          />
        </div>
        <div class="actions">
          <SubmitButton busy={form.busy}>
            {props.routineId === null ? t('editor.saveNew') : t('editor.saveVersion')}
          </SubmitButton>
          <a class="button-link button--secondary" href={props.cancelHref}>
            {t('editor.cancel')}
          </a>
        </div>
      </form>
    </div>
  );
}

/** How a routine document is written (src/routines/routine_document.h). */
function FormatHelp() {
  const { t } = useI18n();
  return (
    <section class="format-help card" aria-labelledby="format-help">
      <h2 id="format-help">{t('editor.helpHeading')}</h2>
      <ul class="format-help__list">
        <li>
          {t('editor.helpTitle')} <code># Samverkansrutin vid insatser</code>
        </li>
        <li>
          {t('editor.helpValid')} <code>giltig från: 2027-01-01</code>
        </li>
        <li>{t('editor.helpDescription')}</li>
        <li>
          {t('editor.helpPhases')} <code>## Före insatsen</code>, <code>## Under insatsen</code>,{' '}
          <code>## Efter insatsen</code>
        </li>
        <li>
          {t('editor.helpSteps')} <code>- [polis] …</code>, <code>- [socialtjänst] …</code>,{' '}
          <code>- [båda, krav] …</code>
        </li>
        <li>{t('editor.helpContinue')}</li>
      </ul>
    </section>
  );
}
