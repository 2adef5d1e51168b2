// Disclosures of the caller's unit (docs/api.md "Disclosures"): what other units have disclosed
// to it ("Mottagna": the snapshots, read-only), and for commanders and case officers the
// disclosures of their own unit that wait for a second person's review ("Väntar på granskning"),
// each approved (with an optional note) or rejected (with a note).
import { useRef, useState } from 'preact/hooks';
import { DisclosureCard } from '../components/disclosure';
import {
  ErrorSummary,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import {
  approveDisclosure,
  fetchAwaitingApproval,
  fetchReceivedDisclosures,
  mayReview,
  minRejectNote,
  rejectDisclosure,
  type Disclosure,
} from '../disclosure';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';

export function DisclosuresPage(_props: PageProps) {
  const { t } = useI18n();
  const { role } = useCurrentSession().user;
  return (
    <>
      <h1>{t('disclosures.title')}</h1>
      <p class="lead">{t('disclosures.intro')}</p>
      {mayReview(role) && <Awaiting />}
      <Received />
    </>
  );
}

function Received() {
  const { t } = useI18n();
  const received = useLoad((signal) => fetchReceivedDisclosures(signal));
  return (
    <section class="section" aria-labelledby="disclosures-received">
      <h2 id="disclosures-received">{t('disclosures.received')}</h2>
      <p>{t('disclosures.receivedIntro')}</p>
      <LoadState state={received.state} retry={received.reload} />
      {received.state.kind === 'ready' &&
        (received.state.data.length === 0 ? (
          <p>{t('disclosures.noneReceived')}</p>
        ) : (
          <ul class="cards">
            {received.state.data.map((d) => (
              <DisclosureCard key={d.id} disclosure={d} view="receiver" />
            ))}
          </ul>
        ))}
    </section>
  );
}

function Awaiting() {
  const { t } = useI18n();
  const awaiting = useLoad((signal) => fetchAwaitingApproval(signal));
  const [done, setDone] = useState<Text | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const reviewed = (d: Disclosure) => {
    awaiting.update((list) => list.filter((x) => x.id !== d.id));
    const unit = d.toUnit.name;
    const text: Text =
      d.state === 'sent'
        ? ({ t }) => t('disclosures.approved', { unit })
        : ({ t }) => t('disclosures.rejected', { unit });
    setDone(() => text);
    // The card with the focused control is gone: focus the section instead.
    requestAnimationFrame(() => heading.current?.focus());
  };
  return (
    <section class="section" aria-labelledby="disclosures-awaiting">
      <h2 id="disclosures-awaiting" tabIndex={-1} ref={heading}>
        {t('disclosures.awaiting')}
      </h2>
      <p>{t('disclosures.awaitingIntro')}</p>
      <StatusMessage text={done} />
      <LoadState state={awaiting.state} retry={awaiting.reload} />
      {awaiting.state.kind === 'ready' &&
        (awaiting.state.data.length === 0 ? (
          <p>{t('disclosures.noneAwaiting')}</p>
        ) : (
          <ul class="cards">
            {awaiting.state.data.map((d) => (
              <DisclosureCard key={d.id} disclosure={d} view="reviewer">
                <Review disclosure={d} reviewed={reviewed} />
              </DisclosureCard>
            ))}
          </ul>
        ))}
    </section>
  );
}

function Review(props: { disclosure: Disclosure; reviewed: (d: Disclosure) => void }) {
  const { t } = useI18n();
  const { disclosure } = props;
  const noteId = `review-${disclosure.id}-note`;
  const [note, setNote] = useState('');
  const form = useForm({ note: noteId });
  const approve = form.submit(
    () => [],
    async () => props.reviewed(await approveDisclosure(disclosure.id, note.trim())),
  );
  const reject = form.submit(
    () => {
      const problems: FormError[] = [];
      if (note.trim().length < minRejectNote) {
        problems.push({ target: noteId, text: ({ t }) => t('disclosures.noteTooShort', { min: minRejectNote }) });
      }
      return problems;
    },
    async () => props.reviewed(await rejectDisclosure(disclosure.id, note.trim())),
  );
  const item = t('disclosures.reviewItem', { id: disclosure.id, unit: disclosure.toUnit.name });
  return (
    <form class="form subform" noValidate aria-busy={form.busy} aria-label={item} onSubmit={approve}>
      <ErrorSummary {...form.summary(`review-${disclosure.id}-errors`)} />
      <TextAreaField
        id={noteId}
        label={t('disclosures.note')}
        hint={t('disclosures.noteHint', { min: minRejectNote })}
        value={note}
        onValue={setNote}
        rows={3}
        error={form.error(noteId)}
      />
      <div class="actions">
        <SubmitButton busy={form.busy}>
          {t('disclosures.approve')}
          <span class="visually-hidden"> {item}</span>
        </SubmitButton>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={form.busy ? 'true' : undefined}
          onClick={reject}
        >
          {t('disclosures.reject')}
          <span class="visually-hidden"> {item}</span>
        </button>
      </div>
    </form>
  );
}
