// One contact of the social services (GET /api/v1/contacts/{id}?purpose=…): the contact, and
// what follows it: support offers (the answer can change), referrals and their states, follow-ups
// and their outcomes, consents (recorded and withdrawn). The purpose of the read comes from
// ?syfte= (default follow_up, the usual reason to open a contact after the operation).
import { useRef, useState } from 'preact/hooks';
import {
  answers,
  codeLabel,
  consentForms,
  consentScopes,
  fetchCodeLists,
  referralTransitions,
  type CodeLists,
} from '../codes';
import {
  ActionError,
  ErrorSummary,
  RadioGroup,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  TextField,
  type FormError,
  useAction,
  useForm,
} from '../components/form';
import { DisclosureRegister } from '../components/disclosure';
import { LegalHoldPanel } from '../components/legal_hold';
import { LoadState } from '../components/load_state';
import { Time } from '../components/operations';
import { Fact, ageLabel } from '../components/record_parts';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import {
  createConsent,
  createFollowUp,
  createOffer,
  createReferral,
  fetchContact,
  moveReferral,
  recordOutcome,
  updateOffer,
  withdrawConsent,
  type Consent,
  type Contact,
  type FollowUp,
  type Offer,
  type Referral,
} from '../records';
import { useSave } from '../retry';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { formatDate, isDate, today } from '../time';

const purposes = ['case_work', 'operation', 'follow_up', 'concern_report', 'disclosure', 'supervision'];

/** The purpose of a read from ?syfte=, or `fallback`. */
export function purposeFrom(search: string, fallback: string): string {
  const value = new URLSearchParams(search).get('syfte');
  return value && purposes.includes(value) ? value : fallback;
}

interface ContactData {
  contact: Contact;
  codes: CodeLists;
}

export function ContactPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const { search } = useLocation();
  const purpose = purposeFrom(search, 'follow_up');
  const { state, reload, update } = useLoad<ContactData>(async (signal) => {
    const [contact, codes] = await Promise.all([fetchContact(id, purpose, signal), fetchCodeLists()]);
    return { contact, codes };
  }, `${id}/${purpose}`);
  const [done, setDone] = useState<Text | null>(null);

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('contact.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const { contact, codes } = state.data;
  const change = (next: (c: Contact) => Contact, text: Text) => {
    update((d) => ({ ...d, contact: next(d.contact) }));
    setDone(() => text);
  };

  return (
    <>
      <h1>{t('contact.heading', { id: contact.id })}</h1>
      <StatusMessage text={done} />
      <ContactFacts contact={contact} />
      <Offers contact={contact} kinds={codes.supportOffers} change={change} />
      <Referrals contact={contact} kinds={codes.supportOffers} change={change} />
      <FollowUps contact={contact} change={change} />
      <Consents contact={contact} change={change} />
      <DisclosureRegister
        recordType="contact"
        recordId={contact.id}
        version={JSON.stringify([contact.language, contact.interpreter, contact.notes, contact.offers])}
      />
      <LegalHoldPanel recordType="contact" recordId={contact.id} />
    </>
  );
}

type Change = (next: (c: Contact) => Contact, text: Text) => void;

function replace<T extends { id: number }>(list: readonly T[], item: T): T[] {
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
}

function ContactFacts(props: { contact: Contact }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { contact } = props;
  return (
    <section class="section card card--wide" aria-labelledby="contact-facts">
      <h2 id="contact-facts">{t('contact.facts')}</h2>
      <dl class="facts">
        <Fact term={t('contact.role')}>{codeLabel(t, 'contactRole', contact.role)}</Fact>
        <Fact term={t('contact.age')}>{ageLabel(i18n, contact.age, contact.ageBand)}</Fact>
        <Fact term={t('contact.language')}>
          {contact.language ? codeLabel(t, 'spokenLanguage', contact.language) : '–'}
        </Fact>
        <Fact term={t('contact.interpreter')}>
          {t(contact.interpreter ? 'contact.interpreterYes' : 'contact.interpreterNo')}
        </Fact>
        <Fact term={t('contact.occurredAt')}>
          <Time iso={contact.occurredAt || contact.createdAt} />
        </Fact>
        {contact.notes && <Fact term={t('contact.notes')}>{contact.notes}</Fact>}
        {contact.operationId !== null && (
          <Fact term={t('contact.operation')}>
            <a class="link-button" href={`/insatser/${contact.operationId}`}>
              {t('contact.operationLink', { id: contact.operationId })}
            </a>
          </Fact>
        )}
      </dl>
    </section>
  );
}

// Offers

function Offers(props: { contact: Contact; kinds: string[]; change: Change }) {
  const { t } = useI18n();
  const { contact } = props;
  return (
    <section class="section" aria-labelledby="contact-offers">
      <h2 id="contact-offers">{t('contact.offersHeading', { count: contact.offers.length })}</h2>
      {contact.offers.length === 0 ? (
        <p>{t('contact.noOffers')}</p>
      ) : (
        <ul class="cards">
          {contact.offers.map((offer) => (
            <OfferCard key={offer.id} offer={offer} change={props.change} />
          ))}
        </ul>
      )}
      <NewOffer contact={contact} kinds={props.kinds} change={props.change} />
    </section>
  );
}

function OfferCard(props: { offer: Offer; change: Change }) {
  const { t } = useI18n();
  const { offer } = props;
  const [answer, setAnswer] = useState(offer.answer);
  const form = useForm({ answer: `offer-${offer.id}-answer` });
  const action = async () => {
    const result = await updateOffer(offer.id, answer);
    const kind = offer.kind;
    props.change(
      (c) => ({ ...c, offers: replace(c.offers, result) }),
      ({ t }) => t('contact.answerChanged', { offer: codeLabel(t, 'offer', kind) }),
    );
  };
  return (
    <li class="card">
      <h3 class="card__title">{codeLabel(t, 'offer', offer.kind)}</h3>
      <p class="card__meta">
        {t('contact.offeredAt')} <Time iso={offer.createdAt} />
      </p>
      <form class="form" noValidate aria-busy={form.busy} onSubmit={form.submit(() => [], action)}>
        <ErrorSummary {...form.summary(`offer-${offer.id}-errors`)} />
        <SelectField
          id={`offer-${offer.id}-answer`}
          label={t('contact.answer')}
          value={answer}
          onValue={setAnswer}
          error={form.error(`offer-${offer.id}-answer`)}
        >
          {[...answers, ...(answers.includes(offer.answer as never) ? [] : [offer.answer])].map((a) => (
            <option key={a} value={a}>
              {codeLabel(t, 'answer', a)}
            </option>
          ))}
        </SelectField>
        <SubmitButton busy={form.busy} class="button button--secondary">
          {t('contact.changeAnswer')}
          <span class="visually-hidden"> {codeLabel(t, 'offer', offer.kind)}</span>
        </SubmitButton>
      </form>
    </li>
  );
}

function NewOffer(props: { contact: Contact; kinds: string[]; change: Change }) {
  const { t } = useI18n();
  const [kind, setKind] = useState('');
  const [answer, setAnswer] = useState('');
  const form = useForm({ kind: 'new-offer-kind', answer: 'new-offer-answer' });
  const saving = useSave();
  const check = () => {
    const problems: FormError[] = [];
    if (!kind) problems.push({ target: 'new-offer-kind', text: ({ t }) => t('contact.offerKindMissing') });
    if (!answer) problems.push({ target: 'new-offer-answer', text: ({ t }) => t('contact.answerMissing') });
    return problems;
  };
  const action = async () => {
    const result = await saving.save((o) => createOffer(props.contact.id, { kind, answer }, o));
    if (result.kind === 'failed') throw result.error;
    if (result.kind !== 'saved') return;
    const made = result.value;
    setKind('');
    setAnswer('');
    props.change(
      (c) => ({ ...c, offers: replace(c.offers, made) }),
      ({ t }) => t('contact.offerAdded', { offer: codeLabel(t, 'offer', made.kind) }),
    );
  };
  return (
    <form class="form card subform-card" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
      <h3>{t('contact.newOffer')}</h3>
      <ErrorSummary {...form.summary('new-offer-errors')} />
      <SelectField
        id="new-offer-kind"
        label={t('contact.offerKind')}
        value={kind}
        onValue={setKind}
        error={form.error('new-offer-kind')}
      >
        <option value="">{t('contact.chooseOffer')}</option>
        {props.kinds.map((k) => (
          <option key={k} value={k}>
            {codeLabel(t, 'offer', k)}
          </option>
        ))}
      </SelectField>
      <RadioGroup
        id="new-offer-answer"
        legend={t('contact.answer')}
        options={answers.map((a) => ({ value: a, label: codeLabel(t, 'answer', a) }))}
        value={answer}
        onValue={setAnswer}
        error={form.error('new-offer-answer')}
      />
      <SubmitButton busy={form.busy}>{t('contact.addOffer')}</SubmitButton>
    </form>
  );
}

// Referrals

function Referrals(props: { contact: Contact; kinds: string[]; change: Change }) {
  const { t } = useI18n();
  const { contact } = props;
  return (
    <section class="section" aria-labelledby="contact-referrals">
      <h2 id="contact-referrals">{t('contact.referralsHeading', { count: contact.referrals.length })}</h2>
      {contact.referrals.length === 0 ? (
        <p>{t('contact.noReferrals')}</p>
      ) : (
        <ul class="cards">
          {contact.referrals.map((r) => (
            <ReferralCard key={r.id} referral={r} change={props.change} />
          ))}
        </ul>
      )}
      <NewReferral contact={contact} kinds={props.kinds} change={props.change} />
    </section>
  );
}

function ReferralCard(props: { referral: Referral; change: Change }) {
  const { t, lang } = useI18n();
  const { referral } = props;
  const action = useAction();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm({ reason: `referral-${referral.id}-reason` });
  const title = useRef<HTMLHeadingElement>(null);
  const allowed = referralTransitions[referral.state] ?? [];
  const kind = referral.kind;

  const moved = (result: Referral) => {
    props.change(
      (c) => ({ ...c, referrals: replace(c.referrals, result) }),
      ({ t }) =>
        t('contact.referralMoved', {
          offer: codeLabel(t, 'offer', kind),
          state: codeLabel(t, 'referralState', result.state),
        }),
    );
    title.current?.focus();
  };

  const move = (to: string) => {
    if (to === 'declined') {
      setDeclining(true);
      requestAnimationFrame(() => document.getElementById(`referral-${referral.id}-reason`)?.focus());
      return;
    }
    void action.run(async () => moved(await moveReferral(referral.id, to)));
  };

  return (
    <li class="card">
      <h3 class="card__title" tabIndex={-1} ref={title}>
        {codeLabel(t, 'offer', referral.kind)}
      </h3>
      <dl class="facts">
        <Fact term={t('contact.referralState')}>
          <span class={`tag tag--referral tag--${referral.state}`}>{codeLabel(t, 'referralState', referral.state)}</span>
        </Fact>
        <Fact term={t('contact.dueOn')}>{referral.dueOn ? formatDate(lang, referral.dueOn) : '–'}</Fact>
        {referral.declineReason && <Fact term={t('contact.declineReason')}>{referral.declineReason}</Fact>}
      </dl>
      {allowed.length > 0 && !declining && (
        <div class="actions" role="group" aria-label={t('contact.referralActions', { offer: codeLabel(t, 'offer', referral.kind) })}>
          {allowed.map((to) => (
            <button
              key={to}
              type="button"
              class="button button--secondary"
              aria-disabled={action.busy ? 'true' : undefined}
              onClick={() => move(to)}
            >
              {t('contact.referralTo', { state: codeLabel(t, 'referralState', to) })}
            </button>
          ))}
        </div>
      )}
      <ActionError text={action.error} />
      {declining && (
        <form
          class="form subform"
          noValidate
          aria-busy={form.busy}
          onSubmit={form.submit(
            () =>
              reason.trim() === ''
                ? [{ target: `referral-${referral.id}-reason`, text: ({ t }) => t('contact.reasonMissing') }]
                : [],
            async () => {
              moved(await moveReferral(referral.id, 'declined', reason.trim()));
              setDeclining(false);
              setReason('');
            },
          )}
        >
          <ErrorSummary {...form.summary(`referral-${referral.id}-errors`)} />
          <TextAreaField
            id={`referral-${referral.id}-reason`}
            label={t('contact.declineReason')}
            hint={t('contact.declineReasonHint')}
            value={reason}
            onValue={setReason}
            error={form.error(`referral-${referral.id}-reason`)}
          />
          <div class="actions">
            <SubmitButton busy={form.busy}>{t('contact.confirmDecline')}</SubmitButton>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                setDeclining(false);
                form.clear();
                requestAnimationFrame(() => title.current?.focus());
              }}
            >
              {t('contact.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function NewReferral(props: { contact: Contact; kinds: string[]; change: Change }) {
  const { t } = useI18n();
  const [kind, setKind] = useState('');
  const [due, setDue] = useState('');
  const form = useForm({ kind: 'new-referral-kind', due_on: 'new-referral-due' });
  const saving = useSave();
  const check = () => {
    const problems: FormError[] = [];
    if (!kind) problems.push({ target: 'new-referral-kind', text: ({ t }) => t('contact.referralKindMissing') });
    if (due !== '' && !isDate(due)) problems.push({ target: 'new-referral-due', text: ({ t }) => t('contact.dateInvalid') });
    return problems;
  };
  const action = async () => {
    const body = { kind, ...(due ? { due_on: due } : {}) };
    const result = await saving.save((o) => createReferral(props.contact.id, body, o));
    if (result.kind === 'failed') throw result.error;
    if (result.kind !== 'saved') return;
    const made = result.value;
    setKind('');
    setDue('');
    props.change(
      (c) => ({ ...c, referrals: replace(c.referrals, made) }),
      ({ t }) => t('contact.referralAdded', { offer: codeLabel(t, 'offer', made.kind) }),
    );
  };
  return (
    <form class="form card subform-card" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
      <h3>{t('contact.newReferral')}</h3>
      <ErrorSummary {...form.summary('new-referral-errors')} />
      <SelectField
        id="new-referral-kind"
        label={t('contact.referralKind')}
        value={kind}
        onValue={setKind}
        error={form.error('new-referral-kind')}
      >
        <option value="">{t('contact.chooseReferral')}</option>
        {props.kinds.map((k) => (
          <option key={k} value={k}>
            {codeLabel(t, 'offer', k)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="new-referral-due"
        label={t('contact.dueOnOptional')}
        type="date"
        width="medium"
        value={due}
        onValue={setDue}
        input={{ min: today() }}
        error={form.error('new-referral-due')}
      />
      <SubmitButton busy={form.busy}>{t('contact.addReferral')}</SubmitButton>
    </form>
  );
}

// Follow-ups

function FollowUps(props: { contact: Contact; change: Change }) {
  const { t } = useI18n();
  const { contact } = props;
  return (
    <section class="section" aria-labelledby="contact-follow-ups">
      <h2 id="contact-follow-ups">{t('contact.followUpsHeading', { count: contact.followUps.length })}</h2>
      {contact.followUps.length === 0 ? (
        <p>{t('contact.noFollowUps')}</p>
      ) : (
        <ul class="cards">
          {contact.followUps.map((f) => (
            <FollowUpCard key={f.id} followUp={f} change={props.change} />
          ))}
        </ul>
      )}
      <NewFollowUp contact={contact} change={props.change} />
    </section>
  );
}

function FollowUpCard(props: { followUp: FollowUp; change: Change }) {
  const { t, lang } = useI18n();
  const { followUp } = props;
  const [outcome, setOutcome] = useState('');
  const id = `follow-up-${followUp.id}-outcome`;
  const form = useForm({ outcome: id });
  const done = followUp.outcome !== null || followUp.doneAt !== null;
  return (
    <li class="card">
      <h3 class="card__title">{t('contact.followUpDue', { date: formatDate(lang, followUp.dueOn) })}</h3>
      <dl class="facts">
        <Fact term={t('contact.followUpState')}>
          {done ? (
            <span class="tag tag--on">{t('contact.followUpDone')}</span>
          ) : followUp.overdue ? (
            <span class="tag tag--off">{t('contact.followUpOverdue')}</span>
          ) : (
            t('contact.followUpOpen')
          )}
        </Fact>
        {followUp.outcome && <Fact term={t('contact.outcome')}>{followUp.outcome}</Fact>}
        {followUp.doneAt && (
          <Fact term={t('contact.doneAt')}>
            <Time iso={followUp.doneAt} />
          </Fact>
        )}
      </dl>
      {!done && (
        <form
          class="form subform"
          noValidate
          aria-busy={form.busy}
          onSubmit={form.submit(
            () => (outcome.trim() === '' ? [{ target: id, text: ({ t }) => t('contact.outcomeMissing') }] : []),
            async () => {
              const result = await recordOutcome(followUp.id, outcome.trim());
              setOutcome('');
              props.change(
                (c) => ({ ...c, followUps: replace(c.followUps, result) }),
                ({ t }) => t('contact.outcomeRecorded'),
              );
            },
          )}
        >
          <ErrorSummary {...form.summary(`${id}-errors`)} />
          <TextAreaField
            id={id}
            label={t('contact.outcome')}
            hint={t('contact.outcomeHint')}
            value={outcome}
            onValue={setOutcome}
            error={form.error(id)}
          />
          <SubmitButton busy={form.busy} class="button button--secondary">
            {t('contact.recordOutcome')}
          </SubmitButton>
        </form>
      )}
    </li>
  );
}

function NewFollowUp(props: { contact: Contact; change: Change }) {
  const { t } = useI18n();
  const [due, setDue] = useState('');
  const form = useForm({ due_on: 'new-follow-up-due' });
  const saving = useSave();
  const check = (): FormError[] =>
    isDate(due) ? [] : [{ target: 'new-follow-up-due', text: ({ t }) => t(due ? 'contact.dateInvalid' : 'contact.dueMissing') }];
  const action = async () => {
    const result = await saving.save((o) => createFollowUp(props.contact.id, { due_on: due }, o));
    if (result.kind === 'failed') throw result.error;
    if (result.kind !== 'saved') return;
    const made = result.value;
    setDue('');
    props.change(
      (c) => ({ ...c, followUps: replace(c.followUps, made) }),
      ({ t, lang }) => t('contact.followUpAdded', { date: formatDate(lang, made.dueOn) }),
    );
  };
  return (
    <form class="form card subform-card" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
      <h3>{t('contact.newFollowUp')}</h3>
      <ErrorSummary {...form.summary('new-follow-up-errors')} />
      <TextField
        id="new-follow-up-due"
        label={t('contact.dueOn')}
        type="date"
        width="medium"
        value={due}
        onValue={setDue}
        input={{ min: today() }}
        error={form.error('new-follow-up-due')}
      />
      <SubmitButton busy={form.busy}>{t('contact.addFollowUp')}</SubmitButton>
    </form>
  );
}

// Consents

function Consents(props: { contact: Contact; change: Change }) {
  const { t } = useI18n();
  const { contact } = props;
  return (
    <section class="section" aria-labelledby="contact-consents">
      <h2 id="contact-consents">{t('contact.consentsHeading', { count: contact.consents.length })}</h2>
      {contact.consents.length === 0 ? (
        <p>{t('contact.noConsents')}</p>
      ) : (
        <ul class="cards">
          {contact.consents.map((c) => (
            <ConsentCard key={c.id} consent={c} change={props.change} />
          ))}
        </ul>
      )}
      <NewConsent contact={contact} change={props.change} />
    </section>
  );
}

function ConsentCard(props: { consent: Consent; change: Change }) {
  const { t } = useI18n();
  const { consent } = props;
  const action = useAction();
  const title = useRef<HTMLHeadingElement>(null);
  const withdraw = () =>
    action.run(async () => {
      const result = await withdrawConsent(consent.id);
      const scope = consent.scope;
      props.change(
        (c) => ({ ...c, consents: replace(c.consents, result) }),
        ({ t }) => t('contact.consentWithdrawn', { scope: codeLabel(t, 'consentScope', scope) }),
      );
      title.current?.focus();
    });
  return (
    <li class="card">
      <h3 class="card__title" tabIndex={-1} ref={title}>
        {codeLabel(t, 'consentScope', consent.scope)}
      </h3>
      <dl class="facts">
        <Fact term={t('contact.consentForm')}>{codeLabel(t, 'consentForm', consent.form)}</Fact>
        <Fact term={t('contact.givenAt')}>
          <Time iso={consent.givenAt} />
        </Fact>
        {consent.withdrawnAt && (
          <Fact term={t('contact.withdrawnAt')}>
            <Time iso={consent.withdrawnAt} />
          </Fact>
        )}
      </dl>
      {!consent.withdrawnAt && (
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={action.busy ? 'true' : undefined}
          onClick={() => void withdraw()}
        >
          {t('contact.withdraw')}
          <span class="visually-hidden"> {codeLabel(t, 'consentScope', consent.scope)}</span>
        </button>
      )}
      <ActionError text={action.error} />
    </li>
  );
}

function NewConsent(props: { contact: Contact; change: Change }) {
  const { t } = useI18n();
  const [scope, setScope] = useState('');
  const [form_, setForm] = useState('');
  const form = useForm({ scope: 'new-consent-scope', form: 'new-consent-form' });
  const saving = useSave();
  const check = () => {
    const problems: FormError[] = [];
    if (!scope) problems.push({ target: 'new-consent-scope', text: ({ t }) => t('contact.scopeMissing') });
    if (!form_) problems.push({ target: 'new-consent-form', text: ({ t }) => t('contact.formMissing') });
    return problems;
  };
  const action = async () => {
    const result = await saving.save((o) => createConsent(props.contact.id, { scope, form: form_ }, o));
    if (result.kind === 'failed') throw result.error;
    if (result.kind !== 'saved') return;
    const made = result.value;
    setScope('');
    setForm('');
    props.change(
      (c) => ({ ...c, consents: replace(c.consents, made) }),
      ({ t }) => t('contact.consentAdded', { scope: codeLabel(t, 'consentScope', made.scope) }),
    );
  };
  return (
    <form class="form card subform-card" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action)}>
      <h3>{t('contact.newConsent')}</h3>
      <ErrorSummary {...form.summary('new-consent-errors')} />
      <RadioGroup
        id="new-consent-scope"
        legend={t('contact.consentScope')}
        options={consentScopes.map((s) => ({ value: s, label: codeLabel(t, 'consentScope', s) }))}
        value={scope}
        onValue={setScope}
        error={form.error('new-consent-scope')}
      />
      <RadioGroup
        id="new-consent-form"
        legend={t('contact.consentForm')}
        options={consentForms.map((f) => ({ value: f, label: codeLabel(t, 'consentForm', f) }))}
        value={form_}
        onValue={setForm}
        error={form.error('new-consent-form')}
      />
      <SubmitButton busy={form.busy}>{t('contact.addConsent')}</SubmitButton>
    </form>
  );
}
