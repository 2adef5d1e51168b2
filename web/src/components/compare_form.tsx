// The choice of two versions of a routine to compare; opens /rutiner/:id/jamfor?fran=A&till=B.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { useLocation } from '../router';
import { ErrorSummary, SelectField, SubmitButton, useForm, type FormError } from './form';

export function compareHref(routineId: number, from: number, to: number): string {
  return `/rutiner/${routineId}/jamfor?fran=${from}&till=${to}`;
}

export function CompareForm(props: {
  routineId: number;
  /** The version numbers, newest first. */
  versions: readonly number[];
  from: number;
  to: number;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const { navigate } = useLocation();
  const [from, setFrom] = useState(String(props.from));
  const [to, setTo] = useState(String(props.to));
  const form = useForm();
  const fromId = `${props.idPrefix}-from`;
  const toId = `${props.idPrefix}-to`;

  const check = (): FormError[] =>
    from === to ? [{ target: toId, text: ({ t }) => t('compare.same') }] : [];
  const action = async () => {
    navigate(compareHref(props.routineId, Number(from), Number(to)));
  };

  return (
    <form class="form compare-form" noValidate onSubmit={form.submit(check, action)}>
      <ErrorSummary {...form.summary(`${props.idPrefix}-errors`)} />
      <div class="field-row">
        <SelectField id={fromId} label={t('compare.from')} value={from} onValue={setFrom}>
          {props.versions.map((v) => (
            <option key={v} value={String(v)}>
              {t('routine.versionItem', { version: v })}
            </option>
          ))}
        </SelectField>
        <SelectField id={toId} label={t('compare.to')} value={to} onValue={setTo} error={form.error(toId)}>
          {props.versions.map((v) => (
            <option key={v} value={String(v)}>
              {t('routine.versionItem', { version: v })}
            </option>
          ))}
        </SelectField>
      </div>
      <SubmitButton busy={form.busy}>{t('compare.show')}</SubmitButton>
    </form>
  );
}
