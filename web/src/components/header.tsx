import { useState } from 'preact/hooks';
import { describeError, type Text } from '../errors';
import { useI18n } from '../i18n';
import { roleLabel } from '../roles';
import { matchPath, useLocation } from '../router';
import { mayOpen, pages } from '../routes';
import { loginHref, loginPath, useSession } from '../session';
import { LanguageSwitch } from './language_switch';

export function Header() {
  const { t } = useI18n();
  const { path } = useLocation();
  const { state } = useSession();
  const role = state.kind === 'authenticated' ? state.session.user.role : null;
  // Only the pages this user may open; the server refuses the others anyway.
  const navPages = pages.filter((p) => p.navKey !== undefined && mayOpen(p.access, role));

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
        <AccountBar />
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

/** Who is logged in (name, role, unit) with "Logga ut"; or a link to log in. */
function AccountBar() {
  const i18n = useI18n();
  const { t } = i18n;
  const { path, search } = useLocation();
  const { state, logOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);

  if (state.kind === 'loading') return null;
  if (state.kind !== 'authenticated') {
    if (path === loginPath) return null;
    return (
      <div class="account-bar">
        <a class="button-link button-link--on-dark" href={loginHref(path + search)}>
          {t('header.logIn')}
        </a>
      </div>
    );
  }

  const { user } = state.session;
  const onLogOut = async () => {
    setBusy(true);
    setError(null);
    try {
      await logOut();
    } catch (err) {
      setError(() => describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="account-bar">
      <p class="account-bar__who">
        {t('header.loggedInAs')}{' '}
        <strong class="account-bar__name">{user.displayName || user.username}</strong>
        <span class="account-bar__role">
          {user.unit
            ? t('header.roleAndUnit', { role: roleLabel(t, user.role), unit: user.unit.name })
            : roleLabel(t, user.role)}
        </span>
      </p>
      <button
        type="button"
        class="button button--on-dark"
        onClick={() => void onLogOut()}
        aria-disabled={busy ? 'true' : undefined}
      >
        {t('header.logOut')}
      </button>
      <div class="account-bar__error" role="alert">
        {error && <p>{t('header.logOutFailed', { reason: error(i18n) })}</p>}
      </div>
    </div>
  );
}
