import { useI18n } from '../i18n';

export function NotFoundPage(props: { path: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: props.path })}</p>
      <p>
        <a class="button-link" href="/">
          {t('notFound.back')}
        </a>
      </p>
    </>
  );
}
