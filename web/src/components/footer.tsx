import { useI18n } from '../i18n';

export function Footer() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <p class="site-footer__text">{t('footer.text', { version: __APP_VERSION__ })}</p>
    </footer>
  );
}
