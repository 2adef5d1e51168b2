import type { ComponentChildren } from 'preact';
import { describeError } from '../errors';
import { useI18n } from '../i18n';
import type { Loaded } from '../load';

/**
 * "Hämtar …" while loading; the error and a retry button after a failure; nothing when ready.
 */
export function LoadState<T>(props: { state: Loaded<T>; retry: () => void }) {
  const i18n = useI18n();
  const { state } = props;
  if (state.kind === 'ready') return null;
  if (state.kind === 'loading') {
    return (
      <p class="loading" role="status">
        {i18n.t('load.loading')}
      </p>
    );
  }
  return (
    <div class="notice notice--error" role="alert">
      <p>{describeError(state.error)(i18n)}</p>
      <button type="button" class="button" onClick={props.retry}>
        {i18n.t('load.retry')}
      </button>
    </div>
  );
}

/**
 * The opening of a page that shows what it loads: its heading and lead, LoadState while loading or
 * after a failure, then `children` with the data once they are ready.
 */
export function LoadedPage<T>(props: {
  title: string;
  lead: string;
  state: Loaded<T>;
  retry: () => void;
  children: (data: T) => ComponentChildren;
}) {
  const { state } = props;
  return (
    <>
      <h1>{props.title}</h1>
      <p class="lead">{props.lead}</p>
      <LoadState state={state} retry={props.retry} />
      {state.kind === 'ready' && props.children(state.data)}
    </>
  );
}
