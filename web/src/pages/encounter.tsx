// One encounter of the police (GET /api/v1/encounters/{id}?purpose=…): the record, and a form to
// change its suspected offence, case number and notes (PATCH). The purpose comes from ?syfte=
// (default case_work).
import { useState } from 'preact/hooks';
import { codeLabel, fetchCodeLists, type CodeLists } from '../codes';
import {
  ErrorSummary,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  TextField,
  useForm,
} from '../components/form';
import { DisclosureRegister } from '../components/disclosure';
import { LegalHoldPanel } from '../components/legal_hold';
import { LoadState } from '../components/load_state';
import { Time } from '../components/operations';
import { Fact, ageLabel } from '../components/record_parts';
import type { Text } from '../errors';
import { useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import { fetchEncounter, updateEncounter, type Encounter, type EncounterChanges } from '../records';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { purposeFrom } from './contact';

interface EncounterData {
  encounter: Encounter;
  codes: CodeLists;
}

export function EncounterPage(props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = props.params['id'] ?? '';
  const { search } = useLocation();
  const purpose = purposeFrom(search, 'case_work');
  const { state, reload, update } = useLoad<EncounterData>(async (signal) => {
    const [encounter, codes] = await Promise.all([fetchEncounter(id, purpose, signal), fetchCodeLists()]);
    return { encounter, codes };
  }, `${id}/${purpose}`);

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('encounter.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const { encounter, codes } = state.data;
  return (
    <>
      <h1>{t('encounter.heading', { id: encounter.id })}</h1>
      <section class="section card card--wide" aria-labelledby="encounter-facts">
        <h2 id="encounter-facts">{t('encounter.facts')}</h2>
        <dl class="facts">
          <Fact term={t('encounter.role')}>{codeLabel(t, 'encounterRole', encounter.role)}</Fact>
          <Fact term={t('contact.age')}>{ageLabel(i18n, encounter.age, encounter.ageBand)}</Fact>
          <Fact term={t('encounter.offence')}>
            {encounter.offence ? codeLabel(t, 'offence', encounter.offence) : '–'}
          </Fact>
          <Fact term={t('encounter.caseNumber')}>{encounter.caseNumber ?? '–'}</Fact>
          <Fact term={t('contact.occurredAt')}>
            <Time iso={encounter.occurredAt || encounter.createdAt} />
          </Fact>
          {encounter.notes && <Fact term={t('contact.notes')}>{encounter.notes}</Fact>}
          {encounter.operationId !== null && (
            <Fact term={t('contact.operation')}>
              <a class="link-button" href={`/insatser/${encounter.operationId}`}>
                {t('contact.operationLink', { id: encounter.operationId })}
              </a>
            </Fact>
          )}
        </dl>
      </section>
      <EncounterForm
        key={encounter.id}
        encounter={encounter}
        codes={codes}
        onSaved={(next) => update((d) => ({ ...d, encounter: next }))}
      />
      <DisclosureRegister
        recordType="encounter"
        recordId={encounter.id}
        version={JSON.stringify([encounter.offence, encounter.caseNumber, encounter.notes])}
      />
      <LegalHoldPanel recordType="encounter" recordId={encounter.id} />
    </>
  );
}

function EncounterForm(props: { encounter: Encounter; codes: CodeLists; onSaved: (e: Encounter) => void }) {
  const { t } = useI18n();
  const { encounter } = props;
  const [offence, setOffence] = useState(encounter.offence ?? '');
  const [caseNumber, setCaseNumber] = useState(encounter.caseNumber ?? '');
  const [notes, setNotes] = useState(encounter.notes);
  const [done, setDone] = useState<Text | null>(null);
  const form = useForm({
    offence: 'encounter-offence',
    case_number: 'encounter-case-number',
    notes: 'encounter-notes',
  });
  const offences = [...props.codes.offences];
  if (encounter.offence && !offences.includes(encounter.offence)) offences.push(encounter.offence);

  const action = async () => {
    setDone(null);
    const changes: EncounterChanges = {};
    // An empty string clears a field (docs/api.md); null would leave it as it is.
    if (offence !== (encounter.offence ?? '')) changes.offence = offence;
    if (caseNumber.trim() !== (encounter.caseNumber ?? '')) {
      changes.case_number = caseNumber.trim();
    }
    if (notes !== encounter.notes) changes.notes = notes;
    if (Object.keys(changes).length === 0) {
      setDone(() => ({ t }: I18n) => t('encounter.nothingChanged'));
      return;
    }
    const result = await updateEncounter(encounter.id, changes);
    props.onSaved(result);
    setDone(() => ({ t }: I18n) => t('encounter.saved'));
  };

  return (
    <section class="section card" aria-labelledby="encounter-edit">
      <h2 id="encounter-edit">{t('encounter.editHeading')}</h2>
      <form class="form" noValidate aria-busy={form.busy} onSubmit={form.submit(() => [], action)}>
        <ErrorSummary {...form.summary('encounter-errors')} />
        <SelectField
          id="encounter-offence"
          label={t('encounter.offence')}
          value={offence}
          onValue={setOffence}
          error={form.error('encounter-offence')}
        >
          <option value="">{t('encounter.noOffence')}</option>
          {offences.map((o) => (
            <option key={o} value={o}>
              {codeLabel(t, 'offence', o)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="encounter-case-number"
          label={t('encounter.caseNumber')}
          hint={t('spot.caseNumberHint')}
          value={caseNumber}
          onValue={setCaseNumber}
          autocomplete="off"
          input={{ maxLength: 64, spellcheck: false }}
          error={form.error('encounter-case-number')}
        />
        <TextAreaField
          id="encounter-notes"
          label={t('contact.notes')}
          value={notes}
          onValue={setNotes}
          rows={4}
          error={form.error('encounter-notes')}
        />
        <SubmitButton busy={form.busy}>{t('encounter.save')}</SubmitButton>
        <StatusMessage text={done} />
      </form>
    </section>
  );
}
