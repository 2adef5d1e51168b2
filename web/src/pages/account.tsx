import { useEffect, useRef, useState } from 'preact/hooks';
import {
  changePassword,
  confirmTotp,
  groupSecret,
  setUpTotp,
  type TotpSetup,
} from '../account';
import { ApiError } from '../api';
import {
  ErrorSummary,
  StatusMessage,
  SubmitButton,
  TextField,
  fieldError,
  type FormError,
  useForm,
} from '../components/form';
import { QrCode } from '../components/qr_code';
import { describeError, type Text } from '../errors';
import { useI18n } from '../i18n';
import {
  isPasswordRefusal,
  minPasswordLength,
  passwordProblem,
  passwordRefusal,
} from '../password';
import { roleLabel } from '../roles';
import type { PageProps } from '../routes';
import { useCurrentSession, useSession } from '../session';

/** The user's own account: facts, change of password, second factor (TOTP). */
export function AccountPage(_props: PageProps) {
  const { t } = useI18n();
  const session = useCurrentSession();
  const { user } = session;

  return (
    <>
      <h1>{t('account.title')}</h1>
      {session.secondFactorNeeded && (
        <div class="notice notice--warning">
          <p>{t('account.secondFactorNeeded')}</p>
        </div>
      )}
      <section class="card section" aria-labelledby="account-facts">
        <h2 id="account-facts">{t('account.facts')}</h2>
        <dl class="facts">
          <div class="facts__row">
            <dt>{t('account.name')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('account.username')}</dt>
            <dd>{user.username}</dd>
          </div>
          <div class="facts__row">
            <dt>{t('account.role')}</dt>
            <dd>{roleLabel(t, user.role)}</dd>
          </div>
          {user.unit && (
            <div class="facts__row">
              <dt>{t('account.unit')}</dt>
              <dd>{user.unit.name}</dd>
            </div>
          )}
          <div class="facts__row">
            <dt>{t('account.totp')}</dt>
            <dd>{t(user.totpEnabled ? 'account.totpOn' : 'account.totpOff')}</dd>
          </div>
        </dl>
      </section>
      <PasswordForm username={user.username} />
      <SecondFactor enabled={user.totpEnabled} />
    </>
  );
}

function PasswordForm(props: { username: string }) {
  const { t } = useI18n();
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<Text | null>(null);
  const form = useForm();

  const check = (): FormError[] => {
    setDone(null);
    const problems: FormError[] = [];
    if (current === '')
      problems.push({ target: 'password-current', text: ({ t }) => t('account.currentMissing') });
    const weak: Text | null =
      next === '' ? ({ t }) => t('account.newMissing') : passwordProblem(next, props.username);
    if (weak) problems.push({ target: 'password-new', text: weak });
    else if (repeat !== next) {
      problems.push({ target: 'password-repeat', text: ({ t }) => t('account.repeatMismatch') });
    }
    return problems;
  };

  const action = async () => {
    await changePassword(current, next);
    setCurrent('');
    setNext('');
    setRepeat('');
    const changed: Text = ({ t }) => t('account.passwordChanged');
    setDone(() => changed);
    await session.reload(); // the server may have renewed the session and its CSRF token
  };

  const explain = (err: unknown): FormError[] => {
    if (isPasswordRefusal(err, ['new_password', 'password'])) {
      return [{ target: 'password-new', text: passwordRefusal(err) }];
    }
    if (err instanceof ApiError && (err.field === 'current_password' || err.code === 'wrong_password')) {
      return [{ target: 'password-current', text: ({ t }) => t('account.currentWrong') }];
    }
    return [{ text: describeError(err) }];
  };

  return (
    <section class="card section" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.passwordHeading')}</h2>
      <form class="form" noValidate onSubmit={form.submit(check, action, explain)} aria-busy={form.busy}>
        <ErrorSummary {...form.summary('password-errors')} />
        <TextField
          id="password-current"
          label={t('account.currentPassword')}
          type="password"
          autocomplete="current-password"
          required
          value={current}
          onValue={setCurrent}
          error={form.error('password-current')}
        />
        <TextField
          id="password-new"
          label={t('account.newPassword')}
          hint={t('password.rules', { min: minPasswordLength })}
          type="password"
          autocomplete="new-password"
          required
          value={next}
          onValue={setNext}
          error={form.error('password-new')}
        />
        <TextField
          id="password-repeat"
          label={t('account.repeatPassword')}
          type="password"
          autocomplete="new-password"
          required
          value={repeat}
          onValue={setRepeat}
          error={form.error('password-repeat')}
        />
        <SubmitButton busy={form.busy}>{t('account.changePassword')}</SubmitButton>
        <StatusMessage text={done} />
      </form>
    </section>
  );
}

function SecondFactor(props: { enabled: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Text | null>(null);
  const [startError, setStartError] = useState<Text | null>(null);
  const stepsHeading = useRef<HTMLHeadingElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (setup) stepsHeading.current?.focus();
  }, [setup]);

  const start = async () => {
    if (busy) return;
    setBusy(true);
    setDone(null);
    setStartError(null);
    try {
      setSetup(await setUpTotp());
      setCode('');
      setErrors([]);
    } catch (err) {
      setStartError(() => describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    setSetup(null);
    setErrors([]);
    // The steps are gone; put focus back where the user started.
    requestAnimationFrame(() => startButton.current?.focus());
  };

  const onConfirm = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setErrors([{ target: 'totp-code', text: ({ t }) => t('totp.codeInvalid') }]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await confirmTotp(digits);
      setSetup(null);
      setErrors([]);
      const enabled: Text = ({ t }) => t('totp.enabled');
      setDone(() => enabled);
      await session.reload();
    } catch (err) {
      const wrong =
        err instanceof ApiError &&
        err.status === 400 &&
        (err.field === 'code' || err.field === null);
      setErrors([
        {
          ...(wrong ? { target: 'totp-code' } : {}),
          text: wrong ? ({ t }) => t('totp.codeWrong') : describeError(err),
        },
      ]);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card section" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('totp.heading')}</h2>
      <p>{t('totp.intro')}</p>
      <p>{t(props.enabled ? 'totp.isOn' : 'totp.isOff')}</p>
      <StatusMessage text={done} />
      {!setup && (
        <>
          <button
            type="button"
            class="button"
            ref={startButton}
            onClick={() => void start()}
            aria-disabled={busy ? 'true' : undefined}
          >
            {t(props.enabled ? 'totp.restart' : 'totp.start')}
          </button>
          <div role="alert">
            {startError && <p class="notice notice--error">{startError(i18n)}</p>}
          </div>
        </>
      )}
      {setup && (
        <div class="totp-setup">
          <h3 id="totp-steps" tabIndex={-1} ref={stepsHeading}>
            {t('totp.stepsHeading')}
          </h3>
          <ol class="steps">
            <li>{t('totp.stepApp')}</li>
            <li>
              <p>{t('totp.stepAdd')}</p>
              <QrCode text={setup.uri} label={t('totp.qrLabel')} />
              <p class="secret-line">
                {t('totp.secretLabel')} <code class="secret">{groupSecret(setup.secret)}</code>
              </p>
              <p>
                <a class="link-button" href={setup.uri}>
                  {t('totp.openInApp')}
                </a>
              </p>
            </li>
            <li>
              <p>{t('totp.stepCode')}</p>
              <form class="form" noValidate onSubmit={(e) => void onConfirm(e)} aria-busy={busy}>
                <ErrorSummary id="totp-errors" errors={errors} attempt={attempt} />
                <TextField
                  id="totp-code"
                  label={t('totp.code')}
                  hint={t('totp.codeHint')}
                  value={code}
                  onValue={setCode}
                  autocomplete="one-time-code"
                  required
                  width="short"
                  error={fieldError(errors, 'totp-code')}
                  input={{
                    inputMode: 'numeric',
                    pattern: '[0-9 ]*',
                    maxLength: 7,
                    spellcheck: false,
                  }}
                />
                <div class="actions">
                  <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
                    {t('totp.confirm')}
                  </button>
                  <button type="button" class="button button--secondary" onClick={cancel}>
                    {t('totp.cancel')}
                  </button>
                </div>
              </form>
            </li>
          </ol>
        </div>
      )}
    </section>
  );
}
