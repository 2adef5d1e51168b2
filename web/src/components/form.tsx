// Form parts that keep the accessibility rules of every form the same (WCAG 2.1 AA):
// a visible <label> tied to each control; hint and error tied with aria-describedby; aria-invalid
// on a control with an error; an error summary at the top of the form that takes focus after a
// failed submit and links to each field; a live region that announces a success.
//
// useForm() keeps the state every form has (errors, attempts, busy) and runs a submit: check in
// the page first, then send; a refusal of the server that names a field is shown at that field.
import type { ComponentChildren, JSX, Ref } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { describeError, type Text } from '../errors';
import { useI18n } from '../i18n';

/** One error of a form: about a field (`target` is its element id) or the whole form. */
export interface FormError {
  target?: string;
  text: Text;
}

/**
 * The list of a form's errors, first in the form. Each time `attempt` changes while there are
 * errors (a failed submit), focus moves here so that a screen reader reads the problems.
 */
export function ErrorSummary(props: { id: string; errors: readonly FormError[]; attempt: number }) {
  const i18n = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const { errors, attempt } = props;

  useEffect(() => {
    // Only a new attempt moves focus (focus itself makes a screen reader read the summary, so it
    // is not also a live region, which would read it twice); a change of the list while typing
    // must not move focus.
    if (attempt > 0 && errors.length > 0) box.current?.focus();
  }, [attempt]);

  if (errors.length === 0) return null;
  const headingId = `${props.id}-title`;
  return (
    <div class="error-summary" id={props.id} ref={box} tabIndex={-1} aria-labelledby={headingId}>
      <h2 class="error-summary__title" id={headingId}>
        {i18n.t('form.errorSummary')}
      </h2>
      <ul class="error-summary__list">
        {errors.map((e, i) => (
          <li key={`${e.target ?? ''}-${i}`}>
            {e.target ? (
              <a
                href={`#${e.target}`}
                onClick={(event) => {
                  event.preventDefault();
                  const field = document.getElementById(e.target ?? '');
                  field?.focus();
                  field?.scrollIntoView({ block: 'center' });
                }}
              >
                {e.text(i18n)}
              </a>
            ) : (
              e.text(i18n)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A server error as form errors: at the input whose id `fields` gives for the error's `field`, or
 * for the whole form.
 */
export function serverErrors(err: unknown, fields: Readonly<Record<string, string>> = {}): FormError[] {
  const target = err instanceof ApiError && err.field ? fields[err.field] : undefined;
  return [{ ...(target ? { target } : {}), text: describeError(err) }];
}

export interface FormState {
  errors: readonly FormError[];
  attempt: number;
  busy: boolean;
  /** Shows `errors` as the outcome of an attempt (focus moves to the summary). */
  fail: (errors: FormError[]) => void;
  /** Forgets the errors. */
  clear: () => void;
  /** The error of the input with this id. */
  error: (id: string) => Text | undefined;
  /** Props of the form's ErrorSummary. */
  summary: (id: string) => { id: string; errors: readonly FormError[]; attempt: number };
  /**
   * A submit handler: `check()` lists the problems found before sending (none: go on);
   * `action()` sends. A thrown error becomes form errors through `explain` (which may return
   * undefined to fall back) or serverErrors with the form's `fields`. A second submit while one
   * is running is ignored.
   */
  submit: (
    check: () => FormError[],
    action: () => Promise<void>,
    explain?: (err: unknown) => FormError[] | undefined,
  ) => (event?: Event) => void;
}

/** The state and submit of one form; `fields` maps the API's field names to input ids. */
export function useForm(fields: Readonly<Record<string, string>> = {}): FormState {
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const fieldMap = useRef(fields);
  fieldMap.current = fields;

  const fail = useCallback((list: FormError[]) => {
    setErrors(list);
    setAttempt((n) => n + 1);
  }, []);
  const clear = useCallback(() => setErrors([]), []);

  const submit = useCallback(
    (
      check: () => FormError[],
      action: () => Promise<void>,
      explain?: (err: unknown) => FormError[] | undefined,
    ) =>
      (event?: Event) => {
        event?.preventDefault();
        if (running.current) return;
        const problems = check();
        if (problems.length > 0) {
          fail(problems);
          return;
        }
        running.current = true;
        setBusy(true);
        void action()
          .then(
            () => setErrors([]),
            (err: unknown) => fail(explain?.(err) ?? serverErrors(err, fieldMap.current)),
          )
          .finally(() => {
            running.current = false;
            setBusy(false);
          });
      },
    [fail],
  );

  return {
    errors,
    attempt,
    busy,
    fail,
    clear,
    error: (id) => fieldError(errors, id),
    summary: (id) => ({ id, errors, attempt }),
    submit,
  };
}

/**
 * A button's action outside a form (a state change, a removal): `run(action)` sets busy, and
 * keeps the error for a role="alert" next to the button.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(() => describeError(err));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clearError: () => setError(null) };
}

/** The error of one field, from a form's list. */
export function fieldError(errors: readonly FormError[], id: string): Text | undefined {
  return errors.find((e) => e.target === id)?.text;
}

interface FieldFrame {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: Text | undefined;
}

function describedBy(frame: FieldFrame): string | undefined {
  const ids = [frame.hint ? `${frame.id}-hint` : '', frame.error ? `${frame.id}-error` : ''];
  const joined = ids.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

function FieldParts(props: FieldFrame & { children: ComponentChildren }) {
  const i18n = useI18n();
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${props.id}-error`}>
          <span class="visually-hidden">{i18n.t('form.errorPrefix')} </span>
          {props.error(i18n)}
        </p>
      )}
      {props.children}
    </div>
  );
}

type InputProps = Omit<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onInput' | 'ref'
>;

/** A labelled text input; `onValue` gets the new value on every keystroke. */
export function TextField(
  props: FieldFrame & {
    value: string;
    onValue: (value: string) => void;
    inputRef?: Ref<HTMLInputElement>;
    input?: InputProps;
    required?: boolean;
    type?: 'text' | 'password' | 'search' | 'date' | 'datetime-local' | 'number';
    autocomplete?: string;
    width?: 'short' | 'medium' | 'full';
  },
) {
  const { id, error } = props;
  const width = props.width === 'short' ? ' input--short' : props.width === 'medium' ? ' input--medium' : '';
  return (
    <FieldParts id={id} label={props.label} hint={props.hint} error={error}>
      <input
        {...props.input}
        id={id}
        name={id}
        ref={props.inputRef ?? null}
        class={`input${width}`}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        required={props.required}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
    </FieldParts>
  );
}

/** A labelled <textarea>. */
export function TextAreaField(
  props: FieldFrame & {
    value: string;
    onValue: (value: string) => void;
    required?: boolean;
    rows?: number;
    maxLength?: number;
  },
) {
  const { id, error } = props;
  return (
    <FieldParts id={id} label={props.label} hint={props.hint} error={error}>
      <textarea
        id={id}
        name={id}
        class="input textarea"
        rows={props.rows ?? 3}
        required={props.required}
        maxLength={props.maxLength}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
    </FieldParts>
  );
}

/** A checkbox drawn at the size of a touch target, with its label beside it. */
export function CheckboxField(props: {
  id: string;
  label: string;
  checked: boolean;
  onValue: (checked: boolean) => void;
  hint?: string;
}) {
  return (
    <div class="field checkbox">
      <input
        class="checkbox__input"
        type="checkbox"
        id={props.id}
        name={props.id}
        checked={props.checked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(event) => props.onValue(event.currentTarget.checked)}
      />
      <label class="checkbox__label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="field__hint checkbox__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** The submit button of a form: aria-disabled (not disabled, so it keeps focus) while busy. */
export function SubmitButton(props: { busy: boolean; children: ComponentChildren; class?: string }) {
  return (
    <button
      type="submit"
      class={props.class ?? 'button'}
      aria-disabled={props.busy ? 'true' : undefined}
    >
      {props.children}
    </button>
  );
}

/** A labelled <select>; the options are its children. */
export function SelectField(
  props: FieldFrame & {
    value: string;
    onValue: (value: string) => void;
    required?: boolean;
    children: ComponentChildren;
  },
) {
  const { id, error } = props;
  return (
    <FieldParts id={id} label={props.label} hint={props.hint} error={error}>
      <select
        id={id}
        name={id}
        class="input select"
        required={props.required}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        {props.children}
      </select>
    </FieldParts>
  );
}

/** Radio buttons in a fieldset whose legend is the question. */
export function RadioGroup(props: {
  id: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onValue: (value: string) => void;
  error?: Text | undefined;
}) {
  const i18n = useI18n();
  const { id, error } = props;
  return (
    <fieldset
      class={error ? 'field field--error radios' : 'field radios'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend class="field__label">{props.legend}</legend>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">{i18n.t('form.errorPrefix')} </span>
          {error(i18n)}
        </p>
      )}
      {props.options.map((option, i) => (
        <div class="radio" key={option.value}>
          <input
            class="radio__input"
            type="radio"
            // The first radio carries the group's id, so the error summary can focus the group.
            id={i === 0 ? id : `${id}-${option.value}`}
            name={id}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onValue(option.value)}
          />
          <label class="radio__label" for={i === 0 ? id : `${id}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * A polite live region that is always in the page (so that a change is announced) and shows the
 * latest success of a form.
 */
export function StatusMessage(props: { text: Text | null }) {
  const i18n = useI18n();
  return (
    <div class="status-message" role="status">
      {props.text && <p class="notice notice--ok">{props.text(i18n)}</p>}
    </div>
  );
}

/**
 * An assertive live region that is always in the page and shows the error of an action (a button
 * outside a form), so that it is announced when it appears.
 */
export function ActionError(props: { text: Text | null }) {
  const i18n = useI18n();
  return (
    <div class="action-error" role="alert">
      {props.text && <p class="notice notice--error">{props.text(i18n)}</p>}
    </div>
  );
}
