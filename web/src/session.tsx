// The logged-in user for the whole app. The session is asked for once at start
// (GET /api/v1/session); logging in and out change it; a 401 from any request (api.ts calls
// onSessionEnded) forgets it and opens the login page with a notice, keeping the way back.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fetchSession, logOut as apiLogOut, type Session } from './account';
import { ApiError, onSessionEnded, setCsrfToken } from './api';
import { useLocation } from './router';

/** Why the login page is shown, when it is not the user's own choice. */
export type LoginNotice = 'expired' | 'loggedOut' | 'loginRequired';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'anonymous'; notice: LoginNotice | null }
  /** The server could not be asked (unreachable, or an unexpected answer). */
  | { kind: 'unavailable'; error: unknown }
  | { kind: 'authenticated'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  /** Takes the answer of a successful login. */
  signedIn: (session: Session) => void;
  /** Ends the session on the server, opens the login page; rejects if the server is unreachable. */
  logOut: () => Promise<void>;
  /** Asks the server again (after a change of the account, or to retry after a failure). */
  reload: () => Promise<void>;
  /** Marks that a page needing login was opened without one. */
  requireLogin: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export const loginPath = '/logga-in';

/** The login page with a way back to `returnTo` (path and query), unless that is the start page. */
export function loginHref(returnTo: string): string {
  return returnTo === '/' || returnTo === '' || returnTo.startsWith(loginPath)
    ? loginPath
    : `${loginPath}?till=${encodeURIComponent(returnTo)}`;
}

/**
 * A return path from the query is followed only when it is a path of this app: one slash, not a
 * URL of another site ("//evil.example", "/\\evil.example") and not the login page itself.
 */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  if (
    value === loginPath ||
    value.startsWith(`${loginPath}?`) ||
    value.startsWith(`${loginPath}/`)
  ) {
    return '/';
  }
  return value;
}

export function SessionProvider(props: { children: ComponentChildren }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const { navigate } = useLocation();

  const apply = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ kind: 'authenticated', session });
  }, []);

  const ended = useCallback(
    (notice: LoginNotice) => {
      setCsrfToken(null);
      setState({ kind: 'anonymous', notice });
      // The login page takes the place of the page that failed; it comes back there after login.
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith(loginPath))
        navigate(loginHref(here), { replace: true });
    },
    [navigate],
  );

  const current = useRef(state);
  current.current = state;

  const reload = useCallback(async () => {
    try {
      apply(await fetchSession());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        if (current.current.kind === 'authenticated') {
          ended('expired');
        } else {
          setCsrfToken(null);
          setState({ kind: 'anonymous', notice: null });
        }
      } else if (current.current.kind !== 'authenticated') {
        // A logged-in user keeps working with the session in memory; the next request will tell.
        setState({ kind: 'unavailable', error: err });
      }
    }
  }, [apply, ended]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => onSessionEnded(() => ended('expired')), [ended]);

  const logOut = useCallback(async () => {
    try {
      await apiLogOut();
    } catch (err) {
      // 401: the session had already ended, which is what the user wanted.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
    setCsrfToken(null);
    setState({ kind: 'anonymous', notice: 'loggedOut' });
    navigate(loginPath);
  }, [navigate]);

  const requireLogin = useCallback(() => {
    setState((previous) =>
      previous.kind === 'anonymous' &&
      previous.notice !== 'expired' &&
      previous.notice !== 'loginRequired'
        ? { kind: 'anonymous', notice: 'loginRequired' }
        : previous,
    );
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({ state, signedIn: apply, logOut, reload, requireLogin }),
    [state, apply, logOut, reload, requireLogin],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The session of a logged-in user; only for pages that the app shows to logged-in users. */
export function useCurrentSession(): Session {
  const { state } = useSession();
  if (state.kind !== 'authenticated') throw new Error('useCurrentSession without a session');
  return state.session;
}
