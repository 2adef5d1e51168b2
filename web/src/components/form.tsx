// Form parts that keep the accessibility rules of every form the same (WCAG 2.1 AA):
// a visible <label> tied to each control; hint and error tied with aria-describedby; aria-invalid
// on a control with an error; an error summary at the top of the form that takes focus after a
// failed submit and links to each field; a live region that announces a success.
import type { ComponentChildren, JSX, Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Text } from '../errors';
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
    type?: 'text' | 'password' | 'search';
    autocomplete?: string;
    width?: 'short' | 'full';
  },
) {
  const { id, error } = props;
  return (
    <FieldParts id={id} label={props.label} hint={props.hint} error={error}>
      <input
        {...props.input}
        id={id}
        name={id}
        ref={props.inputRef ?? null}
        class={props.width === 'short' ? 'input input--short' : 'input'}
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
