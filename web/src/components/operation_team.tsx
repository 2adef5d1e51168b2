// Who takes part in an operation, and the ads it targets. The lead unit adds and removes both
// while the operation is not closed; after a removal focus returns to the section's heading.
import { useRef, useState } from 'preact/hooks';
import { useLoad } from '../load';
import { useI18n } from '../i18n';
import type { Text } from '../errors';
import {
  addParticipant,
  addTarget,
  fetchCandidates,
  removeParticipant,
  removeTarget,
  type Operation,
} from '../operations';
import { roleLabel } from '../roles';
import {
  ActionError,
  ErrorSummary,
  SelectField,
  SubmitButton,
  TextField,
  type FormError,
  useAction,
  useForm,
} from './form';
import { LoadState } from './load_state';

type Changed = (operation: Operation, text?: Text | null) => void;

export function Participants(props: { operation: Operation; manage: boolean; onChanged: Changed }) {
  const { t } = useI18n();
  const { operation } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const remove = useAction();

  const onRemove = (userId: number, name: string) =>
    remove.run(async () => {
      props.onChanged(await removeParticipant(operation.id, userId), ({ t }) =>
        t('participants.removed', { name }),
      );
      heading.current?.focus();
    });

  return (
    <section class="section" aria-labelledby="operation-participants">
      <h2 id="operation-participants" tabIndex={-1} ref={heading}>
        {t('participants.heading', { count: operation.participants.length })}
      </h2>
      {operation.participants.length === 0 ? (
        <p>{t('participants.none')}</p>
      ) : (
        <ul class="item-list">
          {operation.participants.map((p) => (
            <li key={p.userId} class="item-list__item">
              <span class="item-list__text">
                <strong>{p.displayName}</strong>
                <span class="item-list__meta">
                  {roleLabel(t, p.role)}, {p.unitName}
                </span>
              </span>
              {props.manage && (
                <button
                  type="button"
                  class="button button--secondary button--small"
                  aria-disabled={remove.busy ? 'true' : undefined}
                  onClick={() => void onRemove(p.userId, p.displayName)}
                >
                  {t('participants.remove')}
                  <span class="visually-hidden"> {p.displayName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionError text={remove.error} />
      {props.manage && <AddParticipant operation={operation} onChanged={props.onChanged} />}
    </section>
  );
}

function AddParticipant(props: { operation: Operation; onChanged: Changed }) {
  const { t } = useI18n();
  const { operation } = props;
  const candidates = useLoad((signal) => fetchCandidates(operation.id, signal), String(operation.id));
  const [userId, setUserId] = useState('');
  const form = useForm({ user_id: 'participant-user' });

  if (candidates.state.kind !== 'ready') {
    return <LoadState state={candidates.state} retry={candidates.reload} />;
  }
  const taking = new Set(operation.participants.map((p) => p.userId));
  const free = candidates.state.data.filter((c) => !taking.has(c.userId));

  const action = async () => {
    const chosen = free.find((c) => String(c.userId) === userId);
    const result = await addParticipant(operation.id, Number(userId));
    setUserId('');
    const name = chosen?.displayName ?? userId;
    props.onChanged(result, ({ t }) => t('participants.added', { name }));
  };

  return (
    <form
      class="form subform"
      noValidate
      aria-busy={form.busy}
      onSubmit={form.submit(
        () => (userId === '' ? [{ target: 'participant-user', text: ({ t }) => t('participants.chooseMissing') }] : []),
        action,
      )}
    >
      <h3>{t('participants.addHeading')}</h3>
      <ErrorSummary {...form.summary('participant-errors')} />
      <SelectField
        id="participant-user"
        label={t('participants.user')}
        hint={t('participants.userHint')}
        value={userId}
        onValue={setUserId}
        error={form.error('participant-user')}
      >
        <option value="">{t('participants.choose')}</option>
        {free.map((c) => (
          <option key={c.userId} value={String(c.userId)}>
            {c.displayName} – {roleLabel(t, c.role)}, {c.unitName}
          </option>
        ))}
      </SelectField>
      <SubmitButton busy={form.busy}>{t('participants.add')}</SubmitButton>
    </form>
  );
}

export function Targets(props: { operation: Operation; manage: boolean; onChanged: Changed }) {
  const { t } = useI18n();
  const { operation } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const remove = useAction();

  const onRemove = (targetId: number, reference: string) =>
    remove.run(async () => {
      props.onChanged(await removeTarget(operation.id, targetId), ({ t }) =>
        t('targets.removed', { reference }),
      );
      heading.current?.focus();
    });

  return (
    <section class="section" aria-labelledby="operation-targets">
      <h2 id="operation-targets" tabIndex={-1} ref={heading}>
        {t('targets.heading', { count: operation.targets.length })}
      </h2>
      {operation.targets.length === 0 ? (
        <p>{t('targets.none')}</p>
      ) : (
        <ul class="item-list">
          {operation.targets.map((target) => (
            <li key={target.id} class="item-list__item">
              <span class="item-list__text">
                <strong>{target.site}</strong>
                <span class="item-list__meta">{target.reference}</span>
              </span>
              {props.manage && (
                <button
                  type="button"
                  class="button button--secondary button--small"
                  aria-disabled={remove.busy ? 'true' : undefined}
                  onClick={() => void onRemove(target.id, target.reference)}
                >
                  {t('targets.remove')}
                  <span class="visually-hidden">
                    {' '}
                    {target.site} {target.reference}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionError text={remove.error} />
      {props.manage && <AddTarget operation={operation} onChanged={props.onChanged} />}
    </section>
  );
}

function AddTarget(props: { operation: Operation; onChanged: Changed }) {
  const { t } = useI18n();
  const [site, setSite] = useState('');
  const [reference, setReference] = useState('');
  const form = useForm({ site: 'target-site', reference: 'target-reference' });

  const check = () => {
    const problems: FormError[] = [];
    if (site.trim() === '') problems.push({ target: 'target-site', text: ({ t }) => t('targets.siteMissing') });
    if (reference.trim() === '')
      problems.push({ target: 'target-reference', text: ({ t }) => t('targets.referenceMissing') });
    return problems;
  };

  const action = async () => {
    const ref = reference.trim();
    const result = await addTarget(props.operation.id, site.trim(), ref);
    setSite('');
    setReference('');
    props.onChanged(result, ({ t }) => t('targets.added', { reference: ref }));
  };

  return (
    <form class="form subform" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
      <h3>{t('targets.addHeading')}</h3>
      <ErrorSummary {...form.summary('target-errors')} />
      <TextField
        id="target-site"
        label={t('targets.site')}
        hint={t('targets.siteHint')}
        value={site}
        onValue={setSite}
        autocomplete="off"
        input={{ maxLength: 500 }}
        error={form.error('target-site')}
      />
      <TextField
        id="target-reference"
        label={t('targets.reference')}
        hint={t('targets.referenceHint')}
        value={reference}
        onValue={setReference}
        autocomplete="off"
        input={{ maxLength: 500 }}
        error={form.error('target-reference')}
      />
      <SubmitButton busy={form.busy}>{t('targets.add')}</SubmitButton>
    </form>
  );
}
