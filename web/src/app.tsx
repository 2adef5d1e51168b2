import { useEffect, useRef } from 'preact/hooks';
import { Footer } from './components/footer';
import { Header } from './components/header';
import { useI18n } from './i18n';
import { NotFoundPage } from './pages/not_found';
import { matchPath, useLocation } from './router';
import { pages } from './routes';

function resolve(path: string) {
  for (const page of pages) {
    const params = matchPath(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

/** The page frame: skip link, header with navigation, the current page in <main>, footer. */
export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const resolved = resolve(path);
  const titleKey = resolved?.page.titleKey ?? 'notFound.title';

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
  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        {t('skipLink')}
      </a>
      <Header />
      <main id="main" class="site-main" tabIndex={-1} ref={main}>
        {Page && resolved ? <Page params={resolved.params} /> : <NotFoundPage path={path} />}
      </main>
      <Footer />
    </>
  );
}
