import { useI18n } from '../i18n';

/** Shown instead of a page that the user's role may not use. */
export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <p>
        <a class="button-link" href="/">
          {t('notFound.back')}
        </a>
      </p>
    </>
  );
}
