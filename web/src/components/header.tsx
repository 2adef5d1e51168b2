import { useI18n } from '../i18n';
import { matchPath, useLocation } from '../router';
import { pages } from '../routes';
import { LanguageSwitch } from './language_switch';

export function Header() {
  const { t } = useI18n();
  const { path } = useLocation();
  const navPages = pages.filter((p) => p.navKey !== undefined);

  return (
    <header class="site-header">
      <div class="site-header__inner">
        <div class="brand">
          <a class="brand__name" href="/">
            {t('app.name')}
          </a>
          <p class="brand__tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
      </div>
      <nav class="site-nav" aria-label={t('nav.label')}>
        <ul class="site-nav__list">
          {navPages.map((page) => (
            <li key={page.path}>
              <a
                class="site-nav__link"
                href={page.path}
                aria-current={matchPath(page.path, path) ? 'page' : undefined}
              >
                {page.navKey ? t(page.navKey) : ''}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
