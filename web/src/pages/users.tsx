import { useRef, useState } from 'preact/hooks';
import type { Unit } from '../account';
import {
  createUser,
  fetchUsers,
  fetchUnits,
  resetPassword,
  setUserDisabled,
  type AdminUser,
} from '../admin';
import { ApiError } from '../api';
import {
  ErrorSummary,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { describeError, type Text } from '../errors';
import { useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import {
  isPasswordRefusal,
  minPasswordLength,
  passwordProblem,
  passwordRefusal,
} from '../password';
import { roleLabel, roles, unitKindLabel, unitKinds } from '../roles';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';

interface UsersData {
  users: AdminUser[];
  units: Unit[];
}

async function loadUsers(signal: AbortSignal): Promise<UsersData> {
  const [users, units] = await Promise.all([fetchUsers(signal), fetchUnits(signal)]);
  return { users, units };
}

/** Administration of users: create, reset a password, disable and enable. */
export function UsersPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { state, reload, update } = useLoad(loadUsers);
  const [created, setCreated] = useState<Text | null>(null);
  const [actionDone, setActionDone] = useState<Text | null>(null);

  const replaceUser = (user: AdminUser) =>
    update((d) => ({ ...d, users: d.users.map((u) => (u.id === user.id ? user : u)) }));

  return (
    <>
      <h1>{t('users.title')}</h1>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && (
        <>
          <NewUserForm
            units={state.data.units}
            created={created}
            onCreated={(user) => {
              update((d) => ({ ...d, users: [...d.users, user] }));
              setCreated(
                () =>
                  ({ t }: I18n) =>
                    t('users.created', { username: user.username }),
              );
            }}
            clearCreated={() => setCreated(null)}
          />
          <section class="section" aria-labelledby="users-list">
            <h2 id="users-list">{t('users.listHeading', { count: state.data.users.length })}</h2>
            <StatusMessage text={actionDone} />
            <ul class="cards">
              {[...state.data.users]
                .sort((a, b) => a.username.localeCompare(b.username, 'sv'))
                .map((user) => (
                  <UserCard
                    key={user.id}
                    user={user}
                    unit={state.data.units.find((u) => u.id === user.unitId) ?? null}
                    onChanged={(changed, text) => {
                      replaceUser(changed);
                      setActionDone(() => text);
                    }}
                    onStart={() => setActionDone(null)}
                  />
                ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}

function UserCard(props: {
  user: AdminUser;
  unit: Unit | null;
  onChanged: (user: AdminUser, text: Text) => void;
  onStart: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { user } = props;
  // Disabling oneself would lock the administrator out; another administrator can do it.
  const self = useCurrentSession().user.id === user.id;
  const [resetOpen, setResetOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const headingId = `user-${user.id}`;

  const toggle = async () => {
    if (busy) return;
    props.onStart();
    setBusy(true);
    setError(null);
    try {
      await setUserDisabled(user.id, !user.disabled);
      const username = user.username;
      props.onChanged(
        { ...user, disabled: !user.disabled },
        user.disabled
          ? ({ t }) => t('users.enabled', { username })
          : ({ t }) => t('users.disabled', { username }),
      );
    } catch (err) {
      setError(() => describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="card user-card" aria-labelledby={headingId}>
      <h3 id={headingId} class="user-card__name">
        {user.displayName || user.username}
      </h3>
      <dl class="facts">
        <div class="facts__row">
          <dt>{t('users.username')}</dt>
          <dd>{user.username}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('users.role')}</dt>
          <dd>{roleLabel(t, user.role)}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('users.unit')}</dt>
          <dd>{props.unit?.name ?? '–'}</dd>
        </div>
        <div class="facts__row">
          <dt>{t('users.status')}</dt>
          <dd>
            <span class={user.disabled ? 'tag tag--off' : 'tag tag--on'}>
              {t(user.disabled ? 'users.statusDisabled' : 'users.statusActive')}
            </span>
          </dd>
        </div>
        {user.totpEnabled !== null && (
          <div class="facts__row">
            <dt>{t('account.totp')}</dt>
            <dd>{t(user.totpEnabled ? 'account.totpOn' : 'account.totpOff')}</dd>
          </div>
        )}
      </dl>
      <div class="actions">
        <button
          type="button"
          class="button button--secondary"
          ref={resetButton}
          aria-expanded={resetOpen}
          aria-controls={`reset-${user.id}-form`}
          onClick={() => {
            props.onStart();
            setResetOpen(!resetOpen);
          }}
        >
          {t('users.resetPassword')}
          <span class="visually-hidden"> {t('users.forUser', { username: user.username })}</span>
        </button>
        {!self && (
          <button
            type="button"
            class="button button--secondary"
            onClick={() => void toggle()}
            aria-disabled={busy ? 'true' : undefined}
          >
            {t(user.disabled ? 'users.enable' : 'users.disable')}
            <span class="visually-hidden"> {user.username}</span>
          </button>
        )}
      </div>
      <div role="alert">{error && <p class="notice notice--error">{error(i18n)}</p>}</div>
      {resetOpen && (
        <ResetPasswordForm
          user={user}
          onDone={() => {
            setResetOpen(false);
            const username = user.username;
            props.onChanged(user, ({ t }) => t('users.passwordReset', { username }));
            requestAnimationFrame(() => resetButton.current?.focus());
          }}
          onCancel={() => {
            setResetOpen(false);
            requestAnimationFrame(() => resetButton.current?.focus());
          }}
        />
      )}
    </li>
  );
}

function ResetPasswordForm(props: { user: AdminUser; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { user } = props;
  const id = `reset-${user.id}`;
  const [password, setPassword] = useState('');
  const form = useForm();
  const input = useRef<HTMLInputElement>(null);

  const check = (): FormError[] => {
    const weak = passwordProblem(password, user.username);
    return weak ? [{ target: `${id}-password`, text: weak }] : [];
  };
  const action = async () => {
    await resetPassword(user.id, password);
    props.onDone();
  };
  const explain = (err: unknown): FormError[] =>
    isPasswordRefusal(err, ['new_password', 'password'])
      ? [{ target: `${id}-password`, text: passwordRefusal(err) }]
      : [{ text: describeError(err) }];

  return (
    <form
      id={`${id}-form`}
      class="form subform"
      noValidate
      onSubmit={form.submit(check, action, explain)}
      aria-busy={form.busy}
    >
      <ErrorSummary {...form.summary(`${id}-errors`)} />
      <TextField
        id={`${id}-password`}
        label={t('users.newPasswordFor', { username: user.username })}
        hint={t('users.resetHint', { min: minPasswordLength })}
        type="password"
        autocomplete="new-password"
        required
        value={password}
        onValue={setPassword}
        inputRef={input}
        error={form.error(`${id}-password`)}
      />
      <div class="actions">
        <SubmitButton busy={form.busy}>{t('users.savePassword')}</SubmitButton>
        <button type="button" class="button button--secondary" onClick={props.onCancel}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}

const userFieldIds: Record<string, string> = {
  username: 'user-username',
  display_name: 'user-display-name',
  role: 'user-role',
  unit_id: 'user-unit',
  password: 'user-password',
};

function NewUserForm(props: {
  units: readonly Unit[];
  created: Text | null;
  onCreated: (user: AdminUser) => void;
  clearCreated: () => void;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState('');
  const [unitId, setUnitId] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm(userFieldIds);

  const check = (): FormError[] => {
    props.clearCreated();
    const problems: FormError[] = [];
    const name = username.trim();
    if (name === '')
      problems.push({ target: 'user-username', text: ({ t }) => t('users.usernameMissing') });
    if (displayName.trim() === '') {
      problems.push({
        target: 'user-display-name',
        text: ({ t }) => t('users.displayNameMissing'),
      });
    }
    if (role === '')
      problems.push({ target: 'user-role', text: ({ t }) => t('users.roleMissing') });
    if (unitId === '')
      problems.push({ target: 'user-unit', text: ({ t }) => t('users.unitMissing') });
    const weak = passwordProblem(password, name);
    if (weak) problems.push({ target: 'user-password', text: weak });
    return problems;
  };

  const action = async () => {
    const user = await createUser({
      username: username.trim(),
      display_name: displayName.trim(),
      role,
      unit_id: Number(unitId),
      password,
    });
    setUsername('');
    setDisplayName('');
    setRole('');
    setUnitId('');
    setPassword('');
    props.onCreated(user);
  };

  const explain = (err: unknown): FormError[] => {
    if (isPasswordRefusal(err, ['password'])) {
      return [{ target: 'user-password', text: passwordRefusal(err) }];
    }
    const conflict = err instanceof ApiError && err.code === 'conflict';
    const named = err instanceof ApiError && err.field ? userFieldIds[err.field] : undefined;
    const target = named ?? (conflict ? 'user-username' : undefined);
    const text: Text = conflict ? ({ t }) => t('users.usernameTaken') : describeError(err);
    return [{ ...(target ? { target } : {}), text }];
  };

  const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'sv');
  const otherKinds = props.units.filter((u) => !(unitKinds as readonly string[]).includes(u.kind));

  return (
    <section class="card section" aria-labelledby="new-user">
      <h2 id="new-user">{t('users.newHeading')}</h2>
      <form class="form" noValidate onSubmit={form.submit(check, action, explain)} aria-busy={form.busy}>
        <ErrorSummary {...form.summary('user-errors')} />
        <TextField
          id="user-username"
          label={t('users.username')}
          hint={t('users.usernameHint')}
          value={username}
          onValue={setUsername}
          required
          autocomplete="off"
          input={{ autoCapitalize: 'none', spellcheck: false }}
          error={form.error('user-username')}
        />
        <TextField
          id="user-display-name"
          label={t('users.displayName')}
          value={displayName}
          onValue={setDisplayName}
          required
          autocomplete="off"
          error={form.error('user-display-name')}
        />
        <SelectField
          id="user-role"
          label={t('users.role')}
          value={role}
          onValue={setRole}
          required
          error={form.error('user-role')}
        >
          <option value="">{t('users.chooseRole')}</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(t, r)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="user-unit"
          label={t('users.unit')}
          value={unitId}
          onValue={setUnitId}
          required
          error={form.error('user-unit')}
        >
          <option value="">{t('users.chooseUnit')}</option>
          {unitKinds.map((kind) => {
            const units = props.units.filter((u) => u.kind === kind).sort(byName);
            return units.length === 0 ? null : (
              <optgroup key={kind} label={unitKindLabel(t, kind)}>
                {units.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.name}
                  </option>
                ))}
              </optgroup>
            );
          })}
          {otherKinds.sort(byName).map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="user-password"
          label={t('users.initialPassword')}
          hint={t('users.initialPasswordHint', { min: minPasswordLength })}
          type="password"
          autocomplete="new-password"
          required
          value={password}
          onValue={setPassword}
          error={form.error('user-password')}
        />
        <SubmitButton busy={form.busy}>{t('users.create')}</SubmitButton>
        <StatusMessage text={props.created} />
      </form>
    </section>
  );
}
