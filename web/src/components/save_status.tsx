// Where a save on the spot is (retry.ts): a polite live region, always in the page, that says
// "Sparar …", "Sparar … försöker igen" with the reason, or "Sparat"; a refusal is an alert.
import { NetworkError } from '../api';
import { describeError } from '../errors';
import { useI18n } from '../i18n';
import type { SaveStatus as Status } from '../retry';

export function SaveStatus(props: { status: Status; savedText?: string; id?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { status } = props;
  return (
    <>
      <div class="save-status" role="status" aria-live="polite" id={props.id}>
        {status.kind === 'saving' && <p class="save-status__line save-status__line--busy">{t('save.saving')}</p>}
        {status.kind === 'retrying' && (
          <div class="save-status__line save-status__line--retrying">
            <p>{t('save.retrying', { attempt: status.retry + 1 })}</p>
            <p class="save-status__reason">
              {t(status.error instanceof NetworkError ? 'save.reasonNetwork' : 'save.reasonServer')}
            </p>
            <p class="save-status__reason">{t('save.kept')}</p>
          </div>
        )}
        {status.kind === 'saved' && (
          <p class="save-status__line save-status__line--saved">
            <svg class="save-status__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <circle cx="10" cy="10" r="10" />
              <path class="save-status__mark" d="M5.5 10.5l3 3 6-7" />
            </svg>
            {props.savedText ?? t('save.saved')}
          </p>
        )}
      </div>
      <div class="save-error" role="alert">
        {status.kind === 'failed' && (
          <p class="notice notice--error">
            {t('save.failed')} {describeError(status.error)(i18n)}
          </p>
        )}
      </div>
    </>
  );
}
