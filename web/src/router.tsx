// A tiny client-side router: the path is state, links to paths of this app are followed with
// history.pushState, and the back button works through popstate. The server answers every
// non-API path with index.html, so a reload or a shared link lands on the same page.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (redirects). */
  replace?: boolean;
}

export interface Location {
  /** Current path without trailing slash ("/" for the root). */
  path: string;
  /** Current query string with its "?", or "". */
  search: string;
  navigate: (to: string, options?: NavigateOptions) => void;
}

const LocationContext = createContext<Location | null>(null);

export function normalizePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}

/** Paths the server owns; links to them load normally (downloads, API). */
function isServerPath(path: string): boolean {
  return path === '/healthz' || path === '/readyz' || path.startsWith('/api/');
}

export function LocationProvider(props: { children: ComponentChildren }) {
  const [path, setPath] = useState(() => normalizePath(window.location.pathname));
  const [search, setSearch] = useState(() => window.location.search);

  const navigate = useCallback((to: string, options: NavigateOptions = {}) => {
    const url = new URL(to, window.location.href);
    if (url.origin !== window.location.origin || isServerPath(url.pathname)) {
      window.location.assign(url.href);
      return;
    }
    const target = url.pathname + url.search + url.hash;
    if (options.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
    setPath(normalizePath(url.pathname));
    setSearch(url.search);
    window.scrollTo(0, 0);
  }, []);

  useEffect(() => {
    const onPopState = () => {
      setPath(normalizePath(window.location.pathname));
      setSearch(window.location.search);
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (!anchor || !anchor.href || anchor.hasAttribute('download')) return;
      if (anchor.target && anchor.target !== '_self') return;
      const url = new URL(anchor.href);
      if (url.origin !== window.location.origin || isServerPath(url.pathname)) return;
      // A link to a place on the current page (e.g. "#main") is left to the browser.
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash);
    };
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick);
    };
  }, [navigate]);

  const value = useMemo(() => ({ path, search, navigate }), [path, search, navigate]);
  return <LocationContext.Provider value={value}>{props.children}</LocationContext.Provider>;
}

export function useLocation(): Location {
  const value = useContext(LocationContext);
  if (!value) throw new Error('useLocation outside LocationProvider');
  return value;
}

/**
 * Matches a path against a pattern such as "/operations/:id"; returns the decoded parameters, or
 * null when it does not match.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = normalizePath(path).split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) {
      if (h === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}
