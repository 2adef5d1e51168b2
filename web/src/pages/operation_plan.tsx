// Planning an operation (POST /api/v1/operations) and changing its plan (PATCH). The joint space
// holds no personal data: the server refuses a name or place with an identity number, phone
// number or e-mail address (400 personal_data), which is shown at that field.
import { useState } from 'preact/hooks';
import type { Session } from '../account';
import type { Municipality } from '../admin';
import { codeLabel, fetchCodeLists } from '../codes';
import {
  ErrorSummary,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import {
  createOperation,
  fetchOperation,
  municipalitiesOnce,
  updateOperation,
  type Operation,
  type Plan,
} from '../operations';
import { useLocation } from '../router';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';
import { isoToLocalInput, localInputToIso } from '../time';

const fieldIds: Record<keyof Plan, string> = {
  type: 'plan-type',
  name: 'plan-name',
  municipality_code: 'plan-municipality',
  place: 'plan-place',
  planned_start: 'plan-start',
  planned_end: 'plan-end',
};

interface PlanData {
  types: string[];
  municipalities: Municipality[];
  operation: Operation | null;
}

/** The user's county: of the unit, or of its municipality. */
function countyOf(session: Session, municipalities: readonly Municipality[]): string | null {
  const unit = session.user.unit;
  if (!unit) return null;
  if (unit.countyCode) return unit.countyCode;
  return municipalities.find((m) => m.code === unit.municipalityCode)?.countyCode ?? null;
}

export function PlanOperationPage(_props: PageProps) {
  const { t } = useI18n();
  const { state, reload } = useLoad(async (signal) => {
    const [codes, municipalities] = await Promise.all([fetchCodeLists(), municipalitiesOnce()]);
    signal.throwIfAborted();
    return { types: codes.operationTypes, municipalities, operation: null } as PlanData;
  });
  return (
    <>
      <h1>{t('plan.title')}</h1>
      <p class="lead">{t('plan.intro')}</p>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && <PlanForm data={state.data} />}
    </>
  );
}

export function EditOperationPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const { state, reload } = useLoad(async (signal) => {
    const [codes, municipalities, operation] = await Promise.all([
      fetchCodeLists(),
      municipalitiesOnce(),
      fetchOperation(id, signal),
    ]);
    return { types: codes.operationTypes, municipalities, operation } as PlanData;
  }, id);
  return (
    <>
      <h1>{t('plan.editTitle')}</h1>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && state.data.operation && (
        <>
          <p class="lead">{state.data.operation.name}</p>
          {state.data.operation.state === 'closed' || !state.data.operation.mayManage ? (
            <div class="notice">
              <p>{t(state.data.operation.state === 'closed' ? 'plan.closed' : 'plan.notLead')}</p>
              <a class="link-button" href={`/insatser/${state.data.operation.id}`}>
                {t('plan.back')}
              </a>
            </div>
          ) : (
            <PlanForm data={state.data} />
          )}
        </>
      )}
    </>
  );
}

function PlanForm(props: { data: PlanData }) {
  const { t } = useI18n();
  const session = useCurrentSession();
  const { navigate } = useLocation();
  const { operation, municipalities } = props.data;
  const county = countyOf(session, municipalities);

  const [type, setType] = useState(operation?.type ?? '');
  const [name, setName] = useState(operation?.name ?? '');
  const [municipality, setMunicipality] = useState(
    operation?.municipalityCode ?? session.user.unit?.municipalityCode ?? '',
  );
  const [place, setPlace] = useState(operation?.place ?? '');
  const [start, setStart] = useState(operation ? isoToLocalInput(operation.plannedStart) : '');
  const [end, setEnd] = useState(operation ? isoToLocalInput(operation.plannedEnd) : '');
  const form = useForm(fieldIds);

  const types = [...props.data.types];
  if (operation && !types.includes(operation.type)) types.push(operation.type);
  const byName = (a: Municipality, b: Municipality) => a.name.localeCompare(b.name, 'sv');
  const near = municipalities.filter((m) => county !== null && m.countyCode === county).sort(byName);
  const far = municipalities.filter((m) => county === null || m.countyCode !== county).sort(byName);

  const check = (): FormError[] => {
    const problems: FormError[] = [];
    const need = (value: string, id: string, key: Parameters<typeof t>[0]) => {
      if (value.trim() === '') problems.push({ target: id, text: ({ t }) => t(key) });
    };
    need(type, fieldIds.type, 'plan.typeMissing');
    need(name, fieldIds.name, 'plan.nameMissing');
    need(municipality, fieldIds.municipality_code, 'plan.municipalityMissing');
    need(place, fieldIds.place, 'plan.placeMissing');
    const startIso = localInputToIso(start);
    const endIso = localInputToIso(end);
    if (!startIso) problems.push({ target: fieldIds.planned_start, text: ({ t }) => t('plan.startMissing') });
    if (!endIso) problems.push({ target: fieldIds.planned_end, text: ({ t }) => t('plan.endMissing') });
    else if (startIso && Date.parse(endIso) <= Date.parse(startIso)) {
      problems.push({ target: fieldIds.planned_end, text: ({ t }) => t('plan.endBeforeStart') });
    }
    return problems;
  };

  const action = async () => {
    const plan: Plan = {
      type,
      name: name.trim(),
      municipality_code: municipality,
      place: place.trim(),
      planned_start: localInputToIso(start) ?? '',
      planned_end: localInputToIso(end) ?? '',
    };
    if (!operation) {
      const made = await createOperation(plan);
      navigate(`/insatser/${made.id}?planerad=1`);
      return;
    }
    const before: Plan = {
      type: operation.type,
      name: operation.name,
      municipality_code: operation.municipalityCode,
      place: operation.place,
      planned_start: operation.plannedStart,
      planned_end: operation.plannedEnd,
    };
    const changes: Partial<Plan> = {};
    for (const key of Object.keys(plan) as (keyof Plan)[]) {
      const same =
        key === 'planned_start' || key === 'planned_end'
          ? Date.parse(plan[key]) === Date.parse(before[key])
          : plan[key] === before[key];
      if (!same) changes[key] = plan[key];
    }
    if (Object.keys(changes).length > 0) await updateOperation(operation.id, changes);
    navigate(`/insatser/${operation.id}?andrad=1`);
  };

  return (
    <form class="form card" noValidate onSubmit={form.submit(check, action)} aria-busy={form.busy}>
      <ErrorSummary {...form.summary('plan-errors')} />
      <SelectField
        id={fieldIds.type}
        label={t('plan.type')}
        value={type}
        onValue={setType}
        required
        error={form.error(fieldIds.type)}
      >
        <option value="">{t('plan.chooseType')}</option>
        {types.map((code) => (
          <option key={code} value={code}>
            {codeLabel(t, 'operationType', code)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={fieldIds.name}
        label={t('plan.name')}
        hint={t('plan.nameHint')}
        value={name}
        onValue={setName}
        required
        autocomplete="off"
        input={{ maxLength: 200 }}
        error={form.error(fieldIds.name)}
      />
      <SelectField
        id={fieldIds.municipality_code}
        label={t('plan.municipality')}
        value={municipality}
        onValue={setMunicipality}
        required
        error={form.error(fieldIds.municipality_code)}
      >
        <option value="">{t('plan.chooseMunicipality')}</option>
        {near.length > 0 && (
          <optgroup label={t('plan.yourCounty')}>
            {near.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </optgroup>
        )}
        {near.length > 0 ? (
          <optgroup label={t('plan.otherMunicipalities')}>
            {far.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </optgroup>
        ) : (
          far.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))
        )}
      </SelectField>
      <TextAreaField
        id={fieldIds.place}
        label={t('plan.place')}
        hint={t('plan.placeHint')}
        value={place}
        onValue={setPlace}
        required
        maxLength={2000}
        error={form.error(fieldIds.place)}
      />
      <TextField
        id={fieldIds.planned_start}
        label={t('plan.start')}
        hint={t('plan.timeHint')}
        type="datetime-local"
        width="medium"
        value={start}
        onValue={setStart}
        required
        error={form.error(fieldIds.planned_start)}
      />
      <TextField
        id={fieldIds.planned_end}
        label={t('plan.end')}
        hint={t('plan.timeHint')}
        type="datetime-local"
        width="medium"
        value={end}
        onValue={setEnd}
        required
        error={form.error(fieldIds.planned_end)}
      />
      <div class="actions">
        <SubmitButton busy={form.busy}>{t(operation ? 'plan.save' : 'plan.create')}</SubmitButton>
        <a class="button button--secondary" href={operation ? `/insatser/${operation.id}` : '/insatser'}>
          {t('plan.cancel')}
        </a>
      </div>
    </form>
  );
}
