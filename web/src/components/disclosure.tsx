// Disclosure on a record page (docs/api.md "Disclosures"): the record's register of disclosures
// ("Uppgiftslämnanden") and the dialog that makes one: fields of the record (each with the value
// that would go), the receiving unit, the legal ground and a justification. Shown only to the
// roles that disclose; a 403 for the register hides it. DisclosureCard shows one disclosure, for
// the register, the received list and the review list alike.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Unit } from '../account';
import { fetchUnits } from '../admin';
import { ApiError } from '../api';
import { codeLabel } from '../codes';
import {
  createDisclosure,
  fetchGrounds,
  fetchRecordDisclosures,
  fieldLabel,
  fieldValue,
  mayDisclose,
  minJustification,
  type DisclosedField,
  type Disclosure,
  type Ground,
  type RecordType,
} from '../disclosure';
import type { Text } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';
import { Modal } from './dialog';
import {
  ErrorSummary,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  SelectField,
  serverErrors,
  type FormError,
  useForm,
} from './form';
import { LoadState } from './load_state';
import { Time } from './operations';
import { Fact } from './record_parts';

/**
 * The register and the dialog, for the roles that disclose; nothing for other roles. `version`
 * changes whenever the record is edited on the page, so the disclosable fields are asked again.
 */
export function DisclosureRegister(props: { recordType: RecordType; recordId: number; version: string }) {
  const { state } = useSession();
  const session = state.kind === 'authenticated' ? state.session : null;
  if (!session || !mayDisclose(session.user.role)) return null;
  return <Register {...props} ownUnitId={session.user.unit?.id ?? null} />;
}

function Register(props: {
  recordType: RecordType;
  recordId: number;
  version: string;
  ownUnitId: number | null;
}) {
  const { t } = useI18n();
  const { recordType, recordId } = props;
  const register = useLoad(
    (signal) => fetchRecordDisclosures(recordType, recordId, signal),
    `${recordType}/${recordId}/${props.version}`,
  );
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<Text | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const headingId = `disclosures-${recordType}`;
  const titleId = `disclosure-dialog-${recordType}-title`;

  // The register is for the record's own compartment only: a refusal hides the section.
  const { state } = register;
  if (state.kind === 'failed' && state.error instanceof ApiError && state.error.status === 403) return null;

  const made = (d: Disclosure) => {
    setOpen(false);
    const unit = d.toUnit.name;
    const text: Text =
      d.state === 'awaiting_approval'
        ? ({ t }) => t('disclosure.awaitingDone', { unit })
        : ({ t }) => t('disclosure.sentDone', { unit });
    setDone(() => text);
    // The new disclosure at once, then the register as the server has it now. Not reload(): that
    // would take the button away while focus goes back to it.
    register.update((r) => ({ ...r, disclosures: [d, ...r.disclosures.filter((x) => x.id !== d.id)] }));
    fetchRecordDisclosures(recordType, recordId).then(
      (fresh) => register.update(() => fresh),
      () => undefined, // the local update stands; a reload of the page shows the rest
    );
  };

  return (
    <section class="section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {state.kind === 'ready'
          ? t('disclosure.registerCount', { count: state.data.disclosures.length })
          : t('disclosure.register')}
      </h2>
      <StatusMessage text={done} />
      <LoadState state={state} retry={register.reload} />
      {state.kind === 'ready' && (
        <>
          {state.data.disclosures.length === 0 ? (
            <p>{t('disclosure.noneYet')}</p>
          ) : (
            <ul class="cards">
              {state.data.disclosures.map((d) => (
                <DisclosureCard key={d.id} disclosure={d} view="sender" />
              ))}
            </ul>
          )}
          {state.data.disclosableFields.length === 0 ? (
            <p>{t('disclosure.nothingToDisclose')}</p>
          ) : (
            <button
              type="button"
              class="button"
              ref={opener}
              aria-haspopup="dialog"
              onClick={() => {
                setDone(null);
                setOpen(true);
              }}
            >
              {t('disclosure.open')}
            </button>
          )}
          <Modal open={open} onClose={() => setOpen(false)} titleId={titleId} returnFocus={opener}>
            <DisclosureForm
              titleId={titleId}
              recordType={recordType}
              recordId={recordId}
              fields={state.data.disclosableFields}
              ownUnitId={props.ownUnitId}
              made={made}
              cancel={() => setOpen(false)}
            />
          </Modal>
        </>
      )}
    </section>
  );
}

interface FormData {
  grounds: Ground[];
  units: Unit[];
}

async function loadFormData(signal: AbortSignal): Promise<FormData> {
  const [grounds, units] = await Promise.all([fetchGrounds(), fetchUnits(signal)]);
  return { grounds, units };
}

const ids = {
  fields: 'disclosure-fields',
  unit: 'disclosure-unit',
  ground: 'disclosure-ground',
  justification: 'disclosure-justification',
} as const;

function DisclosureForm(props: {
  titleId: string;
  recordType: RecordType;
  recordId: number;
  /** What a disclosure made now copies: the record's disclosable fields with their values. */
  fields: DisclosedField[];
  ownUnitId: number | null;
  made: (d: Disclosure) => void;
  cancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const data = useLoad((signal) => loadFormData(signal));
  const [chosen, setChosen] = useState<string[]>([]);
  const [unitId, setUnitId] = useState('');
  const [ground, setGround] = useState('');
  const [justification, setJustification] = useState('');
  const form = useForm({
    fields: ids.fields,
    to_unit_id: ids.unit,
    legal_ground: ids.ground,
    justification: ids.justification,
  });

  const heading = (
    <h2 id={props.titleId} class="modal__title" tabIndex={-1}>
      {t('disclosure.dialogTitle')}
    </h2>
  );
  const cancel = (
    <button type="button" class="button button--secondary" onClick={props.cancel}>
      {t('disclosure.cancel')}
    </button>
  );
  if (data.state.kind !== 'ready') {
    return (
      <div class="modal__body">
        {heading}
        <LoadState state={data.state} retry={data.reload} />
        <div class="actions">{cancel}</div>
      </div>
    );
  }
  const { grounds, units } = data.state.data;
  const receivers = units.filter(
    (u) => (u.kind === 'police' || u.kind === 'social_services') && u.id !== props.ownUnitId,
  );
  const chosenGround = grounds.find((g) => g.code === ground);

  const check = () => {
    const problems: FormError[] = [];
    if (chosen.length === 0) problems.push({ target: ids.fields, text: ({ t }) => t('disclosure.fieldsMissing') });
    if (!unitId) problems.push({ target: ids.unit, text: ({ t }) => t('disclosure.unitMissing') });
    if (!ground) problems.push({ target: ids.ground, text: ({ t }) => t('disclosure.groundMissing') });
    if (justification.trim().length < minJustification) {
      problems.push({
        target: ids.justification,
        text: ({ t }) => t('disclosure.justificationTooShort', { min: minJustification }),
      });
    }
    return problems;
  };
  const action = async () => {
    const made = await createDisclosure({
      record_type: props.recordType,
      record_id: props.recordId,
      // In the record's order, whatever order they were ticked in.
      fields: props.fields.filter((f) => chosen.includes(f.name)).map((f) => f.name),
      to_unit_id: Number(unitId),
      legal_ground: ground,
      justification: justification.trim(),
    });
    props.made(made);
  };
  // A consent that is missing or withdrawn is about the ground chosen.
  const explain = (err: unknown): FormError[] | undefined =>
    err instanceof ApiError && err.code === 'no_valid_consent'
      ? [{ target: ids.ground, text: ({ t }) => t('error.noValidConsent') }]
      : serverErrors(err, {
          fields: ids.fields,
          to_unit_id: ids.unit,
          legal_ground: ids.ground,
          justification: ids.justification,
        });

  const fieldsError = form.error(ids.fields);
  const groundError = form.error(ids.ground);

  return (
    <div class="modal__body">
      {heading}
      <p>{t('disclosure.dialogIntro')}</p>
      <form class="form form--wide" noValidate aria-busy={form.busy} onSubmit={form.submit(check, action, explain)}>
        <ErrorSummary {...form.summary('disclosure-errors')} />
        <fieldset
          class={fieldsError ? 'field field--error disclosure-fields' : 'field disclosure-fields'}
          aria-describedby={fieldsError ? `${ids.fields}-error` : undefined}
        >
          <legend class="field__label">{t('disclosure.fieldsLegend')}</legend>
          <FieldErrorText id={ids.fields} error={fieldsError} />
          {props.fields.map(({ name, value }, i) => {
            // The first box carries the group's id, so the error summary can focus the group.
            const id = i === 0 ? ids.fields : `${ids.fields}-${name}`;
            return (
              <div class="checkbox disclosure-field" key={name}>
                <input
                  class="checkbox__input"
                  type="checkbox"
                  id={id}
                  name={ids.fields}
                  value={name}
                  checked={chosen.includes(name)}
                  aria-describedby={`${id}-value`}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    setChosen((list) => (on ? [...list, name] : list.filter((f) => f !== name)));
                  }}
                />
                <label class="checkbox__label" for={id}>
                  {fieldLabel(t, name)}
                </label>
                <p class="disclosure-field__value" id={`${id}-value`}>
                  {fieldValue(i18n, props.recordType, name, value)}
                </p>
              </div>
            );
          })}
        </fieldset>
        <SelectField
          id={ids.unit}
          label={t('disclosure.unit')}
          value={unitId}
          onValue={setUnitId}
          required
          error={form.error(ids.unit)}
        >
          <option value="">{t('disclosure.chooseUnit')}</option>
          {receivers.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <fieldset
          class={groundError ? 'field field--error radios' : 'field radios'}
          aria-describedby={groundError ? `${ids.ground}-error` : undefined}
        >
          <legend class="field__label">{t('disclosure.groundLegend')}</legend>
          <FieldErrorText id={ids.ground} error={groundError} />
          {grounds.map((g, i) => {
            const id = i === 0 ? ids.ground : `${ids.ground}-${g.code}`;
            return (
              <div class="radio" key={g.code}>
                <input
                  class="radio__input"
                  type="radio"
                  id={id}
                  name={ids.ground}
                  value={g.code}
                  checked={ground === g.code}
                  onChange={() => setGround(g.code)}
                />
                <label class="radio__label" for={id}>
                  {codeLabel(t, 'disclosureGround', g.code)}
                </label>
              </div>
            );
          })}
        </fieldset>
        {chosenGround?.needsReview && (
          <div class="notice notice--warning" id="disclosure-review-notice">
            <p>
              <strong>{t('disclosure.reviewNotice')}</strong>
            </p>
          </div>
        )}
        {chosenGround?.consent && (
          <div class="notice" id="disclosure-consent-notice">
            <p>{t('disclosure.consentNotice')}</p>
          </div>
        )}
        <TextAreaField
          id={ids.justification}
          label={t('disclosure.justification')}
          hint={t('disclosure.justificationHint', { min: minJustification })}
          value={justification}
          onValue={setJustification}
          rows={4}
          required
          error={form.error(ids.justification)}
        />
        <div class="actions">
          <SubmitButton busy={form.busy}>
            {chosenGround?.needsReview ? t('disclosure.sendForReview') : t('disclosure.send')}
          </SubmitButton>
          {cancel}
        </div>
      </form>
    </div>
  );
}

function FieldErrorText(props: { id: string; error: Text | undefined }) {
  const i18n = useI18n();
  if (!props.error) return null;
  return (
    <p class="field__error" id={`${props.id}-error`}>
      <span class="visually-hidden">{i18n.t('form.errorPrefix')} </span>
      {props.error(i18n)}
    </p>
  );
}

/**
 * One disclosure. The sender sees where it went, its state and review; the receiver where it came
 * from and the snapshot, nothing else; the reviewer what would go and who asked.
 */
export function DisclosureCard(props: {
  disclosure: Disclosure;
  view: 'sender' | 'receiver' | 'reviewer';
  children?: ComponentChildren;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { disclosure: d, view } = props;
  const titleId = `disclosure-${view}-${d.id}`;
  return (
    <li class="card disclosure" aria-labelledby={titleId}>
      <h3 class="card__title" id={titleId}>
        {view === 'receiver'
          ? t('disclosure.fromUnit', { unit: d.fromUnit.name })
          : t('disclosure.toUnit', { unit: d.toUnit.name })}
        {view !== 'receiver' && (
          <>
            {' '}
            <span class={`tag tag--disclosure tag--${d.state.replace(/[^a-z_]/g, '')}`}>
              {codeLabel(t, 'disclosureState', d.state)}
            </span>
          </>
        )}
      </h3>
      <dl class="facts">
        {view === 'reviewer' && d.recordId !== null && (
          <Fact term={t('disclosure.record')}>
            <a
              class="link-button"
              href={
                d.recordType === 'encounter'
                  ? `/moten/${d.recordId}?syfte=disclosure`
                  : `/kontakter/${d.recordId}?syfte=disclosure`
              }
            >
              {t(d.recordType === 'encounter' ? 'disclosure.recordEncounter' : 'disclosure.recordContact', {
                id: d.recordId,
              })}
            </a>
          </Fact>
        )}
        <Fact term={t('disclosure.ground')}>{codeLabel(t, 'disclosureGround', d.legalGround)}</Fact>
        {view === 'receiver' ? (
          <Fact term={t('disclosure.receivedAt')}>
            <Time iso={d.sentAt ?? d.requestedAt} />
          </Fact>
        ) : (
          <>
            <Fact term={t('disclosure.requested')}>
              <Time iso={d.requestedAt} />
              {d.requestedBy && ` · ${d.requestedBy}`}
            </Fact>
            {d.reviewedAt && (
              <Fact term={t('disclosure.reviewed')}>
                <Time iso={d.reviewedAt} />
                {d.reviewedBy && ` · ${d.reviewedBy}`}
              </Fact>
            )}
            {d.reviewNote && <Fact term={t('disclosure.reviewNote')}>{d.reviewNote}</Fact>}
            {d.sentAt && (
              <Fact term={t('disclosure.sentAt')}>
                <Time iso={d.sentAt} />
              </Fact>
            )}
          </>
        )}
        <Fact term={t('disclosure.justification')}>
          <span class="prewrap">{d.justification}</span>
        </Fact>
      </dl>
      <h4 class="disclosure__fields-title">
        {view === 'receiver' ? t('disclosure.receivedFields') : t('disclosure.fields')}
      </h4>
      {d.fields.length === 0 ? (
        <p>–</p>
      ) : (
        <dl class="facts disclosure__fields">
          {d.fields.map((f) => (
            <Fact key={f.name} term={fieldLabel(t, f.name)}>
              <span class="prewrap">{fieldValue(i18n, d.recordType, f.name, f.value)}</span>
            </Fact>
          ))}
        </dl>
      )}
      {props.children}
    </li>
  );
}
