import { useEffect, useRef, useState } from 'preact/hooks';
import { logIn } from '../account';
import { ApiError } from '../api';
import { ErrorSummary, TextField, fieldError, type FormError } from '../components/form';
import { describeError } from '../errors';
import { useI18n, type MessageKey } from '../i18n';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { safeReturnPath, useSession, type LoginNotice } from '../session';

const loginFieldIds: Record<string, string> = {
  username: 'login-username',
  password: 'login-password',
  totp: 'login-code',
};

const noticeKeys: Record<LoginNotice, MessageKey> = {
  expired: 'login.noticeExpired',
  loggedOut: 'login.noticeLoggedOut',
  loginRequired: 'login.noticeRequired',
};

/**
 * Username and password; when the server answers totp_required, also the 6-digit code of the
 * user's authenticator app. After login, on to the page named by ?till= (or the start page).
 */
export function LoginPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { search, navigate } = useLocation();
  const session = useSession();
  const { state } = session;

  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  const returnTo = safeReturnPath(new URLSearchParams(search).get('till'));

  // Logged in (just now, or already when the page was opened): on to where the user was going.
  useEffect(() => {
    if (state.kind === 'authenticated') navigate(returnTo, { replace: true });
  }, [state.kind, returnTo, navigate]);

  useEffect(() => {
    if (askCode) codeInput.current?.focus();
  }, [askCode]);

  const fail = (list: FormError[]) => {
    setErrors(list);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const digits = code.replace(/\s+/g, '');
    const problems: FormError[] = [];
    if (username.trim() === '')
      problems.push({ target: 'login-username', text: ({ t }) => t('login.usernameMissing') });
    if (password === '')
      problems.push({ target: 'login-password', text: ({ t }) => t('login.passwordMissing') });
    if (askCode && !/^\d{6}$/.test(digits)) {
      problems.push({ target: 'login-code', text: ({ t }) => t('login.codeInvalid') });
    }
    if (problems.length > 0) return fail(problems);

    setBusy(true);
    try {
      const answer = await logIn({
        username: username.trim(),
        password,
        ...(askCode ? { totp: digits } : {}),
      });
      setErrors([]);
      session.signedIn(answer);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        if (!askCode && err.code === 'totp_required') {
          setErrors([]);
          setAskCode(true);
        } else if (askCode && (err.code === 'totp_required' || err.field === 'totp')) {
          setCode('');
          fail([{ target: 'login-code', text: ({ t }) => t('login.codeWrong') }]);
        } else {
          fail([
            {
              text: ({ t }) =>
                t(askCode ? 'login.wrongCredentialsOrCode' : 'login.wrongCredentials'),
            },
          ]);
        }
      } else {
        const target = err instanceof ApiError && err.field ? loginFieldIds[err.field] : undefined;
        fail([{ ...(target ? { target } : {}), text: describeError(err) }]);
      }
    } finally {
      setBusy(false);
    }
  };

  const notice = state.kind === 'anonymous' && state.notice ? noticeKeys[state.notice] : null;

  return (
    <>
      <h1>{t('login.title')}</h1>
      {notice && (
        <div class="notice notice--info" role="status">
          <p>{t(notice)}</p>
        </div>
      )}
      <form class="form card" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <ErrorSummary id="login-errors" errors={errors} attempt={attempt} />
        <TextField
          id="login-username"
          label={t('login.username')}
          value={username}
          onValue={setUsername}
          autocomplete="username"
          required
          error={fieldError(errors, 'login-username')}
          input={{ autoCapitalize: 'none', spellcheck: false }}
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          value={password}
          onValue={setPassword}
          autocomplete="current-password"
          required
          error={fieldError(errors, 'login-password')}
        />
        {askCode && (
          <TextField
            id="login-code"
            label={t('login.code')}
            hint={t('login.codeHint')}
            value={code}
            onValue={setCode}
            inputRef={codeInput}
            autocomplete="one-time-code"
            required
            width="short"
            error={fieldError(errors, 'login-code')}
            input={{ inputMode: 'numeric', pattern: '[0-9 ]*', maxLength: 7, spellcheck: false }}
          />
        )}
        <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
          {t('login.submit')}
        </button>
      </form>
    </>
  );
}
