import { useEffect, useRef } from 'preact/hooks';
import { Footer } from './components/footer';
import { Header } from './components/header';
import { describeError } from './errors';
import { useI18n, type MessageKey } from './i18n';
import { ForbiddenPage } from './pages/forbidden';
import { NotFoundPage } from './pages/not_found';
import { matchPath, useLocation } from './router';
import { mayOpen, pages } from './routes';
import { loginHref, useSession } from './session';

function resolve(path: string) {
  for (const page of pages) {
    const params = matchPath(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

/** What <main> shows for the current path and session. */
type View = 'page' | 'loading' | 'unavailable' | 'login' | 'forbidden';

/** The page frame: skip link, header with navigation, the current page in <main>, footer. */
export function App() {
  const i18n = useI18n();
  const { t } = i18n;
  const { path, search, navigate } = useLocation();
  const session = useSession();
  const { state } = session;
  const main = useRef<HTMLElement>(null);
  const resolved = resolve(path);
  const access = resolved?.page.access ?? 'public';

  let view: View = 'page';
  if (access !== 'public') {
    if (state.kind === 'loading') view = 'loading';
    else if (state.kind === 'unavailable') view = 'unavailable';
    else if (state.kind === 'anonymous') view = 'login';
    else if (!mayOpen(access, state.session.user.role)) view = 'forbidden';
  }

  // A page that needs login, opened without one: to the login page, which comes back here.
  const { requireLogin } = session;
  useEffect(() => {
    if (view !== 'login') return;
    requireLogin();
    navigate(loginHref(path + search), { replace: true });
  }, [view, path, search, navigate, requireLogin]);

  const titleKey: MessageKey =
    view === 'forbidden' ? 'forbidden.title' : (resolved?.page.titleKey ?? 'notFound.title');
  useEffect(() => {
    document.title = t('app.documentTitle', { page: t(titleKey) });
  }, [t, titleKey]);

  // After a navigation inside the app, move focus to the new content, as a full page load would
  // put a screen reader at the start of the page. Not on the first render.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    main.current?.focus();
    main.current?.scrollIntoView();
  };

  const Page = resolved?.page.component;
  let content;
  if (!Page || !resolved) content = <NotFoundPage path={path} />;
  else if (view === 'page') content = <Page params={resolved.params} />;
  else if (view === 'forbidden') content = <ForbiddenPage />;
  else if (view === 'unavailable' && state.kind === 'unavailable') {
    content = (
      <>
        <h1>{t(resolved.page.titleKey)}</h1>
        <div class="notice notice--error">
          <p>{t('session.unavailable')}</p>
          <p>{describeError(state.error)(i18n)}</p>
        </div>
        <button type="button" class="button" onClick={() => void session.reload()}>
          {t('session.retry')}
        </button>
      </>
    );
  } else {
    content = (
      <>
        <h1>{t(resolved.page.titleKey)}</h1>
        <p class="loading" role="status">
          {t('session.loading')}
        </p>
      </>
    );
  }

  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        {t('skipLink')}
      </a>
      <Header />
      <main id="main" class="site-main" tabIndex={-1} ref={main}>
        {content}
      </main>
      <Footer />
    </>
  );
}
