import { useEffect, useRef, useState } from 'preact/hooks';
import { logIn } from '../account';
import { ApiError } from '../api';
import { ErrorSummary, SubmitButton, TextField, type FormError, useForm } from '../components/form';
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
  const form = useForm(loginFieldIds);
  const codeInput = useRef<HTMLInputElement>(null);

  const returnTo = safeReturnPath(new URLSearchParams(search).get('till'));

  // Logged in (just now, or already when the page was opened): on to where the user was going.
  useEffect(() => {
    if (state.kind === 'authenticated') navigate(returnTo, { replace: true });
  }, [state.kind, returnTo, navigate]);

  useEffect(() => {
    if (askCode) codeInput.current?.focus();
  }, [askCode]);

  const digits = code.replace(/\s+/g, '');

  const check = (): FormError[] => {
    const problems: FormError[] = [];
    if (username.trim() === '')
      problems.push({ target: 'login-username', text: ({ t }) => t('login.usernameMissing') });
    if (password === '')
      problems.push({ target: 'login-password', text: ({ t }) => t('login.passwordMissing') });
    if (askCode && !/^\d{6}$/.test(digits)) {
      problems.push({ target: 'login-code', text: ({ t }) => t('login.codeInvalid') });
    }
    return problems;
  };

  const action = async () => {
    try {
      const answer = await logIn({
        username: username.trim(),
        password,
        ...(askCode ? { totp: digits } : {}),
      });
      session.signedIn(answer);
    } catch (err) {
      // The account has a second factor: ask for the code, which is not an error.
      if (!askCode && err instanceof ApiError && err.status === 401 && err.code === 'totp_required') {
        setAskCode(true);
        return;
      }
      throw err;
    }
  };

  const explain = (err: unknown): FormError[] | undefined => {
    if (!(err instanceof ApiError && err.status === 401)) return undefined;
    if (askCode && (err.code === 'totp_required' || err.field === 'totp')) {
      setCode('');
      return [{ target: 'login-code', text: ({ t }) => t('login.codeWrong') }];
    }
    return [
      { text: ({ t }) => t(askCode ? 'login.wrongCredentialsOrCode' : 'login.wrongCredentials') },
    ];
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
      <form class="form card" noValidate onSubmit={form.submit(check, action, explain)} aria-busy={form.busy}>
        <ErrorSummary {...form.summary('login-errors')} />
        <TextField
          id="login-username"
          label={t('login.username')}
          value={username}
          onValue={setUsername}
          autocomplete="username"
          required
          error={form.error('login-username')}
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
          error={form.error('login-password')}
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
            error={form.error('login-code')}
            input={{ inputMode: 'numeric', pattern: '[0-9 ]*', maxLength: 7, spellcheck: false }}
          />
        )}
        <SubmitButton busy={form.busy}>{t('login.submit')}</SubmitButton>
      </form>
    </>
  );
}
