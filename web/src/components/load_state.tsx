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
