// On the spot (på plats), on a phone held in one hand: a social worker records a contact and the
// support offered, a police officer an encounter, in a few taps. Each step is one question with
// large buttons; the primary action sits at the bottom, within reach of the thumb. Every save is
// sent with an Idempotency-Key and retried until it arrives (retry.ts), keeping the step and
// everything chosen while the connection is down.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, RefObject } from 'preact';
import {
  ageBandOf,
  answers,
  codeLabel,
  commonLanguages,
  contactRoles,
  encounterRoles,
  fetchCodeLists,
  type CodeLists,
} from '../codes';
import { ChoiceGroup } from '../components/choices';
import { TextField } from '../components/form';
import { LoadState } from '../components/load_state';
import { ageLabel } from '../components/record_parts';
import { SaveStatus } from '../components/save_status';
import type { Text } from '../errors';
import { useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import { fetchOperation, type Operation } from '../operations';
import {
  createContact,
  createEncounter,
  createOffer,
  isPoliceRole,
  type Contact,
  type Encounter,
  type NewContact,
  type NewEncounter,
  type Offer,
} from '../records';
import { useSave, type SaveStatus as SaveStatusValue } from '../retry';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';

interface SpotData {
  operation: Operation;
  codes: CodeLists;
}

export function OnTheSpotPage(props: PageProps) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const id = props.params['id'] ?? '';
  const { state, reload } = useLoad<SpotData>(async (signal) => {
    const [operation, codes] = await Promise.all([fetchOperation(id, signal), fetchCodeLists()]);
    return { operation, codes };
  }, id);

  return (
    <div class="spot">
      <h1 class="spot__title">{t('spot.title')}</h1>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && (
        <>
          <p class="spot__operation">
            <a class="link-button" href={`/insatser/${state.data.operation.id}`}>
              {state.data.operation.name}
            </a>
          </p>
          {state.data.operation.state !== 'active' && state.data.operation.state !== 'debriefed' ? (
            <div class="notice notice--warning">
              <p>
                {t('spot.notOpen', {
                  state: codeLabel(t, 'operationState', state.data.operation.state),
                })}
              </p>
            </div>
          ) : isPoliceRole(user.role) ? (
            <EncounterFlow operation={state.data.operation} codes={state.data.codes} />
          ) : (
            <ContactFlow operation={state.data.operation} codes={state.data.codes} />
          )}
        </>
      )}
    </div>
  );
}

/** Focuses `ref` whenever `key` changes after the first render. */
function useFocusOn<T extends HTMLElement>(key: string): RefObject<T> {
  const ref = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [key]);
  return ref;
}

/** One step: its heading (focused when the step begins), the question, and the actions below. */
function Step(props: {
  number: number;
  total: number;
  title: string;
  headingRef: RefObject<HTMLHeadingElement>;
  summary?: string;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <section class="spot-step" aria-labelledby="spot-step-heading">
      <h2 class="spot-step__heading" id="spot-step-heading" tabIndex={-1} ref={props.headingRef}>
        <span class="spot-step__progress">
          {t('spot.stepOf', { number: props.number, total: props.total })}
        </span>{' '}
        <span class="spot-step__title">{props.title}</span>
      </h2>
      {props.summary && <p class="spot-step__summary">{props.summary}</p>}
      {props.children}
    </section>
  );
}

/**
 * The bar at the bottom of every step: where the last save is (a live region that stays in the
 * same place from step to step, so each change is announced), going back, and the primary
 * action last and largest.
 */
function Actions(props: { status: SaveStatusValue; savedText: string; children?: ComponentChildren }) {
  const quiet = !props.children && props.status.kind === 'idle';
  return (
    <div class={quiet ? 'spot-actions spot-actions--quiet' : 'spot-actions'}>
      <SaveStatus status={props.status} savedText={props.savedText} />
      <div class="spot-actions__buttons">{props.children}</div>
    </div>
  );
}

function BackButton(props: { onClick: () => void; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      class="button button--secondary spot-actions__back"
      aria-disabled={props.disabled ? 'true' : undefined}
      onClick={() => {
        if (!props.disabled) props.onClick();
      }}
    >
      {t('spot.back')}
    </button>
  );
}

/** The age question: a band in one tap, or an exact age typed (optional). */
function AgeQuestion(props: {
  bands: readonly string[];
  band: string | null;
  age: string;
  onAge: (age: string) => void;
  onChoose: (band: string, age: number | null) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<Text | null>(null);
  const useExact = () => {
    const v = props.age.trim();
    if (!/^\d{1,3}$/.test(v) || Number(v) > 120) {
      setError(() => ({ t }: I18n) => t('spot.ageInvalid'));
      document.getElementById('spot-age')?.focus();
      return;
    }
    setError(null);
    props.onChoose(ageBandOf(Number(v)), Number(v));
  };
  return (
    <>
      <ChoiceGroup
        id="spot-band"
        legend={t('spot.ageLegend')}
        choices={props.bands.map((b) => ({ value: b, label: codeLabel(t, 'ageBand', b) }))}
        value={props.band}
        columns={2}
        onChoose={(band) => {
          props.onAge('');
          props.onChoose(band, null);
        }}
      />
      <div class="spot-exact">
        <TextField
          id="spot-age"
          label={t('spot.exactAge')}
          hint={t('spot.exactAgeHint')}
          type="number"
          width="short"
          value={props.age}
          onValue={props.onAge}
          error={error ?? undefined}
          input={{ min: 0, max: 120, inputMode: 'numeric' }}
        />
        <button type="button" class="button button--secondary spot-exact__use" onClick={useExact}>
          {t('spot.useAge')}
        </button>
      </div>
    </>
  );
}

// The social worker: a contact, then support offers.

type ContactStep = 'role' | 'age' | 'language' | 'offers';

function ContactFlow(props: { operation: Operation; codes: CodeLists }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [step, setStep] = useState<ContactStep>('role');
  const [role, setRole] = useState<string | null>(null);
  const [band, setBand] = useState<string | null>(null);
  const [age, setAge] = useState('');
  const [exactAge, setExactAge] = useState<number | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [otherLanguage, setOtherLanguage] = useState('');
  const [languageError, setLanguageError] = useState<Text | null>(null);
  const [interpreter, setInterpreter] = useState(false);
  const [contact, setContact] = useState<Contact | null>(null);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [round, setRound] = useState(0);
  const saving = useSave();
  const offerSaving = useSave();
  const heading = useFocusOn<HTMLHeadingElement>(`${round}/${step}`);

  const summary = [
    role ? codeLabel(t, 'contactRole', role) : '',
    band ? ageLabel(i18n, exactAge, band) : '',
  ]
    .filter(Boolean)
    .join(' · ');

  const save = async () => {
    if (!role || !band || saving.busy) return;
    if (language === 'other' && otherLanguage.trim() === '') {
      setLanguageError(() => ({ t }: I18n) => t('spot.otherLanguageMissing'));
      document.getElementById('spot-other-language')?.focus();
      return;
    }
    setLanguageError(null);
    const body: NewContact = { operation_id: props.operation.id, role, interpreter };
    if (exactAge !== null) body.age = exactAge;
    else body.age_band = band;
    const lang = language === 'other' ? otherLanguage.trim() : language;
    if (lang) body.language = lang;
    const result = await saving.save((options) => createContact(body, options));
    if (result.kind === 'saved') {
      setContact(result.value);
      setOffers([]);
      setStep('offers');
    }
  };

  const startOver = () => {
    if (offerSaving.busy) return;
    saving.restart();
    offerSaving.restart();
    setRole(null);
    setBand(null);
    setAge('');
    setExactAge(null);
    setLanguage(null);
    setOtherLanguage('');
    setInterpreter(false);
    setContact(null);
    setOffers([]);
    setStep('role');
    setRound((n) => n + 1);
  };

  // The offer being saved speaks in the bar; otherwise the contact's save.
  const offerActive = step === 'offers' && offerSaving.status.kind !== 'idle';
  const status = offerActive ? offerSaving.status : saving.status;
  const savedText = t(offerActive ? 'spot.offerSaved' : 'spot.contactSaved');

  let content;
  let buttons = null;
  switch (step) {
    case 'role':
      content = (
        <Step number={1} total={4} title={t('spot.contactRoleTitle')} headingRef={heading}>
          <ChoiceGroup
            id="spot-role"
            legend={t('spot.contactRoleLegend')}
            choices={contactRoles.map((r) => ({ value: r, label: codeLabel(t, 'contactRole', r) }))}
            value={role}
            onChoose={(r) => {
              setRole(r);
              setStep('age');
            }}
          />
        </Step>
      );
      break;
    case 'age':
      content = (
        <Step number={2} total={4} title={t('spot.ageTitle')} headingRef={heading} summary={summary}>
          <AgeQuestion
            bands={props.codes.ageBands}
            band={band}
            age={age}
            onAge={setAge}
            onChoose={(b, exact) => {
              setBand(b);
              setExactAge(exact);
              setStep('language');
            }}
          />
        </Step>
      );
      buttons = <BackButton onClick={() => setStep('role')} />;
      break;
    case 'language': {
      const concern = band === 'under_18' || band === 'unknown';
      content = (
        <Step number={3} total={4} title={t('spot.languageTitle')} headingRef={heading} summary={summary}>
          {concern && (
            <div class="notice notice--warning">
              <p>{t('spot.concernNotice')}</p>
            </div>
          )}
          <ChoiceGroup
            id="spot-language"
            legend={t('spot.languageLegend')}
            hint={t('spot.languageHint')}
            choices={[
              ...commonLanguages.map((l) => ({ value: l, label: codeLabel(t, 'spokenLanguage', l) })),
              { value: 'other', label: t('spot.otherLanguage') },
            ]}
            value={language}
            columns={2}
            busy={saving.busy}
            onChoose={(l) => {
              setLanguage(language === l ? null : l);
              if (l === 'other' && language !== 'other') {
                requestAnimationFrame(() => document.getElementById('spot-other-language')?.focus());
              }
            }}
          >
            {language === 'other' && (
              <TextField
                id="spot-other-language"
                label={t('spot.otherLanguageLabel')}
                value={otherLanguage}
                onValue={setOtherLanguage}
                autocomplete="off"
                input={{ maxLength: 60 }}
                error={languageError ?? undefined}
              />
            )}
          </ChoiceGroup>
          <fieldset class="choices">
            <legend class="choices__legend">{t('spot.interpreterLegend')}</legend>
            <div class="choices__list">
              <button
                type="button"
                class="choice choice--toggle"
                id="spot-interpreter"
                aria-pressed={interpreter}
                aria-disabled={saving.busy ? 'true' : undefined}
                onClick={() => {
                  if (!saving.busy) setInterpreter(!interpreter);
                }}
              >
                <span class="choice__label">{t('spot.interpreter')}</span>
                <span class="choice__hint">
                  {t(interpreter ? 'spot.interpreterOn' : 'spot.interpreterOff')}
                </span>
              </button>
            </div>
          </fieldset>
        </Step>
      );
      buttons = (
        <>
          <BackButton onClick={() => setStep('age')} disabled={saving.busy} />
          <button
            type="button"
            class="button spot-actions__primary"
            aria-disabled={saving.busy ? 'true' : undefined}
            onClick={() => void save()}
          >
            {saving.busy ? t('save.saving') : t('spot.saveContact')}
          </button>
        </>
      );
      break;
    }
    case 'offers':
      content = (
        <OffersStep
          contact={contact}
          role={role ?? ''}
          summary={summary}
          headingRef={heading}
          kinds={props.codes.supportOffers}
          saving={offerSaving}
          offers={offers}
          onSaved={(offer) =>
            setOffers((list) => (list.some((o) => o.id === offer.id) ? list : [...list, offer]))
          }
        />
      );
      buttons = (
        <>
          {offerSaving.busy && (
            <p class="spot-actions__note" id="spot-wait">
              {t('spot.waitForSave')}
            </p>
          )}
          <button
            type="button"
            class="button spot-actions__primary"
            aria-disabled={offerSaving.busy ? 'true' : undefined}
            aria-describedby={offerSaving.busy ? 'spot-wait' : undefined}
            onClick={startOver}
          >
            {t('spot.newContact')}
          </button>
        </>
      );
      break;
  }

  return (
    <>
      {content}
      <Actions status={status} savedText={savedText}>
        {buttons}
      </Actions>
    </>
  );
}

function OffersStep(props: {
  contact: Contact | null;
  role: string;
  summary: string;
  headingRef: RefObject<HTMLHeadingElement>;
  kinds: readonly string[];
  saving: ReturnType<typeof useSave>;
  offers: readonly Offer[];
  onSaved: (offer: Offer) => void;
}) {
  const { t } = useI18n();
  const { contact, saving, offers } = props;
  const [kind, setKind] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (kind) document.getElementById(`spot-answer-${answers[0]}`)?.focus();
  }, [kind]);

  // Support for buyers first for a buyer, the others in the configured order.
  const kinds =
    props.role === 'buyer'
      ? [
          ...props.kinds.filter((k) => k === 'buyer_support'),
          ...props.kinds.filter((k) => k !== 'buyer_support'),
        ]
      : props.kinds;

  const answer = async (value: string) => {
    if (!contact || !kind) return;
    const result = await saving.save((options) =>
      createOffer(contact.id, { kind, answer: value }, options),
    );
    if (result.kind === 'saved') {
      props.onSaved(result.value);
      setKind(null);
      requestAnimationFrame(() => listHeading.current?.focus());
    }
  };

  return (
    <Step number={4} total={4} title={t('spot.offersTitle')} headingRef={props.headingRef} summary={props.summary}>
      {contact && (
        <p class="spot-step__saved">
          {t('spot.contactNumber', { id: contact.id })}{' '}
          <a class="link-button" href={`/kontakter/${contact.id}?syfte=operation`}>
            {t('spot.openContact')}
          </a>
        </p>
      )}
      <h3 class="spot-offers__heading" tabIndex={-1} ref={listHeading}>
        {t('spot.offersMade', { count: offers.length })}
      </h3>
      {offers.length > 0 && (
        <ul class="spot-offers">
          {offers.map((o) => (
            <li key={o.id} class="spot-offers__item">
              <span>
                {codeLabel(t, 'offer', o.kind)}: {codeLabel(t, 'answer', o.answer)}
              </span>
              <span class="spot-offers__saved">{t('save.saved')}</span>
            </li>
          ))}
        </ul>
      )}
      {kind === null ? (
        <ChoiceGroup
          id="spot-offer"
          legend={t('spot.offerLegend')}
          choices={kinds.map((k) => ({ value: k, label: codeLabel(t, 'offer', k) }))}
          onChoose={(k) => {
            saving.restart();
            setKind(k);
          }}
        />
      ) : (
        <ChoiceGroup
          id="spot-answer"
          legend={t('spot.answerLegend', { offer: codeLabel(t, 'offer', kind) })}
          choices={answers.map((a) => ({ value: a, label: codeLabel(t, 'answer', a) }))}
          busy={saving.busy}
          onChoose={(a) => void answer(a)}
        >
          <button
            type="button"
            class="button button--secondary spot-answer__cancel"
            aria-disabled={saving.busy ? 'true' : undefined}
            onClick={() => {
              if (saving.busy) return;
              saving.restart();
              setKind(null);
              requestAnimationFrame(() =>
                document.getElementById('spot-offer')?.querySelector('button')?.focus(),
              );
            }}
          >
            {t('spot.otherOffer')}
          </button>
        </ChoiceGroup>
      )}
    </Step>
  );
}

// The police officer: an encounter.

type EncounterStep = 'role' | 'age' | 'offence' | 'case' | 'saved';

function EncounterFlow(props: { operation: Operation; codes: CodeLists }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [step, setStep] = useState<EncounterStep>('role');
  const [role, setRole] = useState<string | null>(null);
  const [band, setBand] = useState<string | null>(null);
  const [age, setAge] = useState('');
  const [exactAge, setExactAge] = useState<number | null>(null);
  const [offence, setOffence] = useState<string | null>(null);
  const [caseNumber, setCaseNumber] = useState('');
  const [saved, setSaved] = useState<Encounter | null>(null);
  const [round, setRound] = useState(0);
  const saving = useSave();
  const heading = useFocusOn<HTMLHeadingElement>(`${round}/${step}`);

  const summary = [
    role ? codeLabel(t, 'encounterRole', role) : '',
    band ? ageLabel(i18n, exactAge, band) : '',
    offence ? codeLabel(t, 'offence', offence) : step === 'case' || step === 'saved' ? t('spot.noOffence') : '',
  ]
    .filter(Boolean)
    .join(' · ');

  const { offences, buyerOffences } = props.codes;
  const offenceChoices =
    role === 'buyer' && buyerOffences.length > 0
      ? buyerOffences
      : role === 'seller'
        ? offences.filter((o) => !buyerOffences.includes(o))
        : offences;

  const save = async () => {
    if (!role || !band || saving.busy) return;
    const body: NewEncounter = { role };
    if (exactAge !== null) body.age = exactAge;
    else body.age_band = band;
    if (offence) body.offence = offence;
    if (caseNumber.trim()) body.case_number = caseNumber.trim();
    const result = await saving.save((options) => createEncounter(props.operation.id, body, options));
    if (result.kind === 'saved') {
      setSaved(result.value);
      setStep('saved');
    }
  };

  const startOver = () => {
    saving.restart();
    setRole(null);
    setBand(null);
    setAge('');
    setExactAge(null);
    setOffence(null);
    setCaseNumber('');
    setSaved(null);
    setStep('role');
    setRound((n) => n + 1);
  };

  let content;
  let buttons = null;
  switch (step) {
    case 'role':
      content = (
        <Step number={1} total={4} title={t('spot.encounterRoleTitle')} headingRef={heading}>
          <ChoiceGroup
            id="spot-role"
            legend={t('spot.encounterRoleLegend')}
            choices={encounterRoles.map((r) => ({ value: r, label: codeLabel(t, 'encounterRole', r) }))}
            value={role}
            onChoose={(r) => {
              setRole(r);
              setOffence(null);
              setStep('age');
            }}
          />
        </Step>
      );
      break;
    case 'age':
      content = (
        <Step number={2} total={4} title={t('spot.ageTitle')} headingRef={heading} summary={summary}>
          <AgeQuestion
            bands={props.codes.ageBands}
            band={band}
            age={age}
            onAge={setAge}
            onChoose={(b, exact) => {
              setBand(b);
              setExactAge(exact);
              setStep('offence');
            }}
          />
        </Step>
      );
      buttons = <BackButton onClick={() => setStep('role')} />;
      break;
    case 'offence':
      content = (
        <Step number={3} total={4} title={t('spot.offenceTitle')} headingRef={heading} summary={summary}>
          <ChoiceGroup
            id="spot-offence"
            legend={t('spot.offenceLegend')}
            hint={t('spot.offenceHint')}
            choices={[
              ...offenceChoices.map((o) => ({ value: o, label: codeLabel(t, 'offence', o) })),
              { value: 'none', label: t('spot.noOffence') },
            ]}
            value={offence ?? null}
            onChoose={(o) => {
              setOffence(o === 'none' ? null : o);
              setStep('case');
            }}
          />
        </Step>
      );
      buttons = <BackButton onClick={() => setStep('age')} />;
      break;
    case 'case':
      content = (
        <Step number={4} total={4} title={t('spot.caseTitle')} headingRef={heading} summary={summary}>
          <TextField
            id="spot-case-number"
            label={t('spot.caseNumber')}
            hint={t('spot.caseNumberHint')}
            value={caseNumber}
            onValue={setCaseNumber}
            autocomplete="off"
            input={{ maxLength: 64, spellcheck: false, autoCapitalize: 'characters' }}
          />
        </Step>
      );
      buttons = (
        <>
          <BackButton onClick={() => setStep('offence')} disabled={saving.busy} />
          <button
            type="button"
            class="button spot-actions__primary"
            aria-disabled={saving.busy ? 'true' : undefined}
            onClick={() => void save()}
          >
            {saving.busy ? t('save.saving') : t('spot.saveEncounter')}
          </button>
        </>
      );
      break;
    case 'saved':
      content = (
        <section class="spot-step" aria-labelledby="spot-step-heading">
          <h2 class="spot-step__heading" id="spot-step-heading" tabIndex={-1} ref={heading}>
            {t('spot.encounterDone')}
          </h2>
          <p class="spot-step__summary">{summary}</p>
          {saved && (band === 'under_18' || band === 'unknown') && (
            <div class="notice notice--warning">
              <p>
                {t('spot.concernTaskOpened')}{' '}
                <a href="/">{t('spot.concernTaskLink')}</a>
              </p>
            </div>
          )}
          {saved && (
            <p class="spot-step__saved">
              {t('spot.encounterNumber', { id: saved.id })}{' '}
              <a class="link-button" href={`/moten/${saved.id}?syfte=operation`}>
                {t('spot.openEncounter')}
              </a>
            </p>
          )}
        </section>
      );
      buttons = (
        <button type="button" class="button spot-actions__primary" onClick={startOver}>
          {t('spot.newEncounter')}
        </button>
      );
      break;
  }

  return (
    <>
      {content}
      <Actions status={saving.status} savedText={t('spot.encounterSaved')}>
        {buttons}
      </Actions>
    </>
  );
}
