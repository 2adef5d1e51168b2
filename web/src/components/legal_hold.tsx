// "Bevaras – rättsligt kvarhållande" on a record page (docs/api.md "Retention"): the legal holds of
// the record, a form to place one with its reason, and a button to release each active one. Shown
// to the commander or case officer of the record's own compartment only; a refusal hides it.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import {
  fetchLegalHolds,
  maxHoldReason,
  mayHold,
  placeLegalHold,
  releaseLegalHold,
  type HoldRecordType,
  type LegalHold,
} from '../retention';
import { useSession } from '../session';
import {
  ActionError,
  ErrorSummary,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  useAction,
  useForm,
} from './form';
import { LoadState } from './load_state';
import { Time } from './operations';

export function LegalHoldPanel(props: { recordType: HoldRecordType; recordId: number }) {
  const { state } = useSession();
  const role = state.kind === 'authenticated' ? state.session.user.role : null;
  if (!role || !mayHold(role)) return null;
  return <Panel {...props} />;
}

function Panel(props: { recordType: HoldRecordType; recordId: number }) {
  const { t } = useI18n();
  const { recordType, recordId } = props;
  const holds = useLoad(
    (signal) => fetchLegalHolds(recordType, recordId, signal),
    `${recordType}/${recordId}`,
  );
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Text | null>(null);
  const form = useForm({ reason: 'legal-hold-reason' });
  const release = useAction();
  const headingId = `legal-hold-${recordType}`;

  const { state } = holds;
  if (state.kind === 'failed' && state.error instanceof ApiError && state.error.status === 403) return null;
  const active = state.kind === 'ready' ? state.data.filter((h) => h.active) : [];
  const released = state.kind === 'ready' ? state.data.filter((h) => !h.active) : [];

  const onPlace = form.submit(
    () =>
      reason.trim() === ''
        ? [{ target: 'legal-hold-reason', text: ({ t }) => t('hold.reasonMissing') }]
        : [],
    async () => {
      const placed = await placeLegalHold(recordType, recordId, reason.trim());
      holds.update((list) => [placed, ...list]);
      setReason('');
      const text: Text = (i18n) => i18n.t('hold.placed');
      setDone(() => text);
    },
  );

  const onRelease = (hold: LegalHold) =>
    void release.run(async () => {
      const after = await releaseLegalHold(hold.id);
      holds.update((list) => list.map((h) => (h.id === after.id ? after : h)));
      const text: Text = (i18n) => i18n.t('hold.released');
      setDone(() => text);
    });

  return (
    <section class="section card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('hold.title')}</h2>
      <p>{t('hold.intro')}</p>
      <LoadState state={state} retry={holds.reload} />
      <StatusMessage text={done} />
      {state.kind === 'ready' && (
        <>
          {active.length === 0 ? (
            <p>{t('hold.none')}</p>
          ) : (
            <ul class="holds">
              {active.map((h) => (
                <li key={h.id} class="hold">
                  <p>
                    <strong>{t('hold.activeSince')}</strong> <Time iso={h.placedAt} />,{' '}
                    {t('hold.by', { name: h.placedBy })}
                  </p>
                  <p class="hold__reason">{h.reason}</p>
                  <button
                    type="button"
                    class="button button--secondary"
                    aria-disabled={release.busy ? 'true' : undefined}
                    onClick={() => onRelease(h)}
                  >
                    {t('hold.release')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <ActionError text={release.error} />
          {released.length > 0 && (
            <details>
              <summary>{t('hold.releasedList', { count: released.length })}</summary>
              <ul>
                {released.map((h) => (
                  <li key={h.id}>
                    <Time iso={h.placedAt} /> – <Time iso={h.releasedAt ?? ''} />: {h.reason}
                    {h.releasedBy ? ` (${t('hold.releasedBy', { name: h.releasedBy })})` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <form class="form" noValidate onSubmit={onPlace}>
            <h3>{t('hold.placeHeading')}</h3>
            <ErrorSummary {...form.summary('legal-hold-errors')} />
            <TextAreaField
              id="legal-hold-reason"
              label={t('hold.reason')}
              hint={t('hold.reasonHint')}
              value={reason}
              onValue={setReason}
              required
              maxLength={maxHoldReason}
              error={form.error('legal-hold-reason')}
            />
            <SubmitButton busy={form.busy}>{t('hold.place')}</SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}
