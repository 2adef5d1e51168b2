import { useState } from 'preact/hooks';
import type { Unit } from '../account';
import {
  createUnit,
  fetchCounties,
  fetchMunicipalities,
  fetchUnits,
  type County,
  type Municipality,
  type NewUnit,
} from '../admin';
import { ApiError } from '../api';
import {
  ErrorSummary,
  RadioGroup,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { Cell, Row, StackedTable } from '../components/table';
import type { Text } from '../errors';
import { useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import { unitKindLabel, unitKinds } from '../roles';
import type { PageProps } from '../routes';

interface UnitsData {
  units: Unit[];
  municipalities: Municipality[];
  counties: County[];
}

async function loadUnits(signal: AbortSignal): Promise<UnitsData> {
  const [units, municipalities] = await Promise.all([
    fetchUnits(signal),
    fetchMunicipalities(signal),
  ]);
  const counties = await fetchCounties(municipalities, signal);
  return { units, municipalities, counties };
}

export function countyName(i18n: I18n, counties: readonly County[], code: string): string {
  const name = counties.find((c) => c.code === code)?.name;
  return name ? name : i18n.t('units.countyCode', { code });
}

/** Where a unit works, in words: its municipality, or its county. */
export function unitArea(i18n: I18n, unit: Unit, data: Omit<UnitsData, 'units'>): string {
  if (unit.municipalityCode) {
    const m = data.municipalities.find((x) => x.code === unit.municipalityCode);
    return m ? m.name : unit.municipalityCode;
  }
  if (unit.countyCode) return countyName(i18n, data.counties, unit.countyCode);
  return '–';
}

/** Administration of units: the list, and a form to create one. */
export function UnitsPage(_props: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { state, reload, update } = useLoad(loadUnits);
  const [created, setCreated] = useState<Text | null>(null);

  return (
    <>
      <h1>{t('units.title')}</h1>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' && (
        <>
          <NewUnitForm
            data={state.data}
            onCreated={(unit) => {
              update((d) => ({ ...d, units: [...d.units, unit] }));
              setCreated(
                () =>
                  ({ t }: I18n) =>
                    t('units.created', { name: unit.name }),
              );
            }}
            created={created}
            clearCreated={() => setCreated(null)}
          />
          <section class="section" aria-labelledby="units-list">
            <h2 id="units-list">{t('units.listHeading')}</h2>
            {state.data.units.length === 0 ? (
              <p>{t('units.none')}</p>
            ) : (
              <StackedTable
                caption={t('units.caption', { count: state.data.units.length })}
                columns={[t('units.name'), t('units.kind'), t('units.area')]}
              >
                {[...state.data.units]
                  .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
                  .map((unit) => (
                    <Row key={unit.id}>
                      <Cell label={t('units.name')}>{unit.name}</Cell>
                      <Cell label={t('units.kind')}>{unitKindLabel(t, unit.kind)}</Cell>
                      <Cell label={t('units.area')}>{unitArea(i18n, unit, state.data)}</Cell>
                    </Row>
                  ))}
              </StackedTable>
            )}
          </section>
        </>
      )}
    </>
  );
}

const fieldIds: Record<string, string> = {
  kind: 'unit-kind',
  name: 'unit-name',
  municipality_code: 'unit-municipality',
  county_code: 'unit-county',
};

function NewUnitForm(props: {
  data: UnitsData;
  onCreated: (unit: Unit) => void;
  created: Text | null;
  clearCreated: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [county, setCounty] = useState('');
  const form = useForm(fieldIds);

  const check = (): FormError[] => {
    props.clearCreated();
    const problems: FormError[] = [];
    if (kind === '')
      problems.push({ target: 'unit-kind', text: ({ t }) => t('units.kindMissing') });
    if (name.trim() === '')
      problems.push({ target: 'unit-name', text: ({ t }) => t('units.nameMissing') });
    if (kind === 'social_services' && municipality === '') {
      problems.push({
        target: 'unit-municipality',
        text: ({ t }) => t('units.municipalityMissing'),
      });
    }
    if ((kind === 'police' || kind === 'region') && county === '') {
      problems.push({ target: 'unit-county', text: ({ t }) => t('units.countyMissing') });
    }
    return problems;
  };

  const action = async () => {
    const body: NewUnit = { kind, name: name.trim() };
    if (kind === 'social_services') body.municipality_code = municipality;
    else body.county_code = county;
    const unit = await createUnit(body);
    setKind('');
    setName('');
    setMunicipality('');
    setCounty('');
    props.onCreated(unit);
  };

  // A taken name is a conflict; other refusals name their field.
  const explain = (err: unknown): FormError[] | undefined => {
    if (!(err instanceof ApiError && err.code === 'conflict')) return undefined;
    const target = err.field ? fieldIds[err.field] : undefined;
    return [{ ...(target ? { target } : {}), text: ({ t }) => t('units.nameTaken') }];
  };

  const municipalities = [...props.data.municipalities].sort((a, b) =>
    a.name.localeCompare(b.name, 'sv'),
  );

  return (
    <section class="card section" aria-labelledby="new-unit">
      <h2 id="new-unit">{t('units.newHeading')}</h2>
      <form class="form" noValidate onSubmit={form.submit(check, action, explain)} aria-busy={form.busy}>
        <ErrorSummary {...form.summary('unit-errors')} />
        <RadioGroup
          id="unit-kind"
          legend={t('units.kind')}
          options={unitKinds.map((k) => ({ value: k, label: unitKindLabel(t, k) }))}
          value={kind}
          onValue={setKind}
          error={form.error('unit-kind')}
        />
        <TextField
          id="unit-name"
          label={t('units.name')}
          hint={t('units.nameHint')}
          value={name}
          onValue={setName}
          required
          autocomplete="off"
          error={form.error('unit-name')}
        />
        {kind === 'social_services' && (
          <SelectField
            id="unit-municipality"
            label={t('units.municipality')}
            value={municipality}
            onValue={setMunicipality}
            required
            error={form.error('unit-municipality')}
          >
            <option value="">{t('units.chooseMunicipality')}</option>
            {municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </SelectField>
        )}
        {(kind === 'police' || kind === 'region') && (
          <SelectField
            id="unit-county"
            label={t('units.county')}
            value={county}
            onValue={setCounty}
            required
            error={form.error('unit-county')}
          >
            <option value="">{t('units.chooseCounty')}</option>
            {props.data.counties.map((c) => (
              <option key={c.code} value={c.code}>
                {countyName(i18n, props.data.counties, c.code)}
              </option>
            ))}
          </SelectField>
        )}
        <SubmitButton busy={form.busy}>{t('units.create')}</SubmitButton>
        <StatusMessage text={props.created} />
      </form>
    </section>
  );
}
